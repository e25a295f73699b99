// `raqib serve` as a real child process (the way operators run it), for tests and scripts that need
// its sockets, its signals and its managed Meilisearch: the listening-socket test, kill tests, fuzz.
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

export interface ServeProcess {
  child: ChildProcess;
  pid: number;
  url: string;
  /** Everything the process wrote on stderr so far (JSON log lines). */
  stderr(): string;
  /** SIGTERM, then wait for the exit; resolves with the elapsed milliseconds. */
  stop(signal?: NodeJS.Signals): Promise<{ ms: number; code: number | null }>;
}

export async function startServeProcess(options: {
  dataDir: string;
  env?: Record<string, string>;
  args?: string[];
  readyTimeoutMs?: number;
  /** `serve` (default) or `demo` (replica crawled, processed and indexed first, then served). */
  command?: 'serve' | 'demo';
}): Promise<ServeProcess> {
  const child = spawn(
    process.execPath,
    ['bin/raqib.js', options.command ?? 'serve', '--port', '0', '--data-dir', options.dataDir, ...(options.args ?? [])],
    {
      cwd: root,
      // Only what the child needs: no MEILI_URL leaking in from the developer's shell.
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', ...options.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let err = '';
  child.stderr?.on('data', (c: Buffer) => {
    err += c.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`serve not ready: ${err.slice(-2000)}`)),
      options.readyTimeoutMs ?? 60_000,
    );
    const check = () => {
      const m = /Raqib API on (http:\/\/\S+)/.exec(err);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stderr?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code}) before listening: ${err.slice(-2000)}`));
    });
  });
  return {
    child,
    pid: child.pid as number,
    url,
    stderr: () => err,
    stop(signal: NodeJS.Signals = 'SIGTERM') {
      const started = Date.now();
      return new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) {
          resolve({ ms: 0, code: child.exitCode });
          return;
        }
        child.once('exit', (code) => resolve({ ms: Date.now() - started, code }));
        child.kill(signal);
      });
    },
  };
}

export interface ListeningSocket {
  pid: number;
  address: string;
  port: number;
}

/** Child pids of `pid` (direct children, from procfs). */
export function childPids(pid: number): number[] {
  const out: number[] = [];
  let tasks: string[] = [];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const t of tasks) {
    try {
      const text = readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').trim();
      if (text) out.push(...text.split(/\s+/).map(Number));
    } catch {
      // thread ended meanwhile
    }
  }
  return out;
}

function hexToAddress(hex: string): string {
  if (hex.length === 8) {
    // IPv4, little-endian bytes.
    return [3, 2, 1, 0].map((i) => Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16)).join('.');
  }
  // IPv6: four little-endian 32-bit words.
  const words = [0, 1, 2, 3].map((w) => {
    const s = hex.slice(w * 8, w * 8 + 8);
    return s.slice(6, 8) + s.slice(4, 6) + s.slice(2, 4) + s.slice(0, 2);
  });
  const groups = words.join('').match(/.{4}/g) ?? [];
  const full = groups.map((g) => g.replace(/^0+(?=.)/, '')).join(':');
  if (full === '0:0:0:0:0:0:0:0') return '::';
  if (full === '0:0:0:0:0:0:0:1') return '::1';
  const mapped = /^0:0:0:0:0:ffff:([0-9a-f]+):([0-9a-f]+)$/.exec(full);
  if (mapped) {
    const a = Number.parseInt(mapped[1]!, 16);
    const b = Number.parseInt(mapped[2]!, 16);
    return `::ffff:${a >> 8}.${a & 255}.${b >> 8}.${b & 255}`;
  }
  return full;
}

/**
 * The TCP sockets `pid` listens on: the socket inodes among its open descriptors, matched against
 * the LISTEN rows (state 0A) of its network namespace's /proc tables. No `ss`/`lsof` needed.
 */
export function listeningSockets(pid: number): ListeningSocket[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m?.[1]) inodes.add(m[1]);
    } catch {
      // descriptor closed meanwhile
    }
  }
  const out: ListeningSocket[] = [];
  for (const table of ['tcp', 'tcp6']) {
    let text = '';
    try {
      text = readFileSync(`/proc/${pid}/net/${table}`, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10 || cols[3] !== '0A' || !inodes.has(cols[9]!)) continue;
      const [addr, port] = cols[1]!.split(':') as [string, string];
      out.push({ pid, address: hexToAddress(addr), port: Number.parseInt(port, 16) });
    }
  }
  return out;
}

export const isLoopback = (address: string): boolean =>
  address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
