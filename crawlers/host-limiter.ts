// Politeness per host, shared by every source of one crawl (the French and Arabic CNDP editions are
// one server): at most `concurrency` requests in flight and at least `delayMs` between two starts.

interface HostState {
  active: number;
  nextAt: number;
  waiters: Array<() => void>;
}

export interface HostLimits {
  delayMs: number;
  concurrency: number;
}

export class HostLimiter {
  #hosts = new Map<string, HostState>();

  async run<T>(host: string, limits: HostLimits, task: () => Promise<T>): Promise<T> {
    const release = await this.#acquire(host, limits);
    try {
      return await task();
    } finally {
      release();
    }
  }

  async #acquire(host: string, limits: HostLimits): Promise<() => void> {
    let state = this.#hosts.get(host);
    if (!state) {
      state = { active: 0, nextAt: 0, waiters: [] };
      this.#hosts.set(host, state);
    }
    const s = state;
    for (;;) {
      const now = Date.now();
      if (s.active < limits.concurrency && now >= s.nextAt) {
        s.active++;
        s.nextAt = now + limits.delayMs;
        let released = false;
        return () => {
          if (released) return;
          released = true;
          s.active--;
          for (const wake of s.waiters.splice(0)) wake();
        };
      }
      await new Promise<void>((resolve) => {
        s.waiters.push(resolve);
        if (s.active < limits.concurrency) setTimeout(resolve, Math.max(1, s.nextAt - now));
      });
    }
  }
}
