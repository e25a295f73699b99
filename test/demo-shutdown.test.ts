// `raqib demo` stopped early, as a real child process: a SIGTERM must stop whatever the demo has
// started — its managed Meilisearch above all — and end the process within seconds. The demo used to
// install its signal handler only after the first indexing had drained: a SIGTERM before that
// killed the process outright and left the Meilisearch child running as an orphan.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { childPids } from './serve-process.ts';

const root = join(import.meta.dirname, '..');
/** "Within a few seconds", with room for a loaded two-core machine (the demo itself gives up at 12 s). */
const EXIT_BUDGET_MS = 15_000;

/** The process's name, or null once it is gone (a zombie counts as gone: it runs nothing). */
function processName(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ...": the name may hold spaces, the state follows the last ')'.
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') return null;
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return null;
  }
}

interface Demo {
  child: ChildProcess;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startDemo(dataDir: string): Demo {
  const child = spawn(process.execPath, ['bin/raqib.js', 'demo', '--port', '0', '--data-dir', dataDir], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (c: Buffer) => {
    err += c.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, stderr: () => err, exited };
}

/** Poll until `found` returns a value; fails with the demo's stderr after `ms`. */
async function waitFor<T>(demo: Demo, what: string, found: () => T | null, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = found();
    if (value !== null) return value;
    if (demo.child.exitCode !== null || demo.child.signalCode !== null)
      throw new Error(`demo exited before ${what}: ${demo.stderr().slice(-2000)}`);
    // Short: the window between the child's spawn and the end of the first indexing is what counts.
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no ${what} after ${ms} ms: ${demo.stderr().slice(-2000)}`);
}

async function stopAndTime(demo: Demo): Promise<{ ms: number; code: number | null; signal: NodeJS.Signals | null }> {
  const started = Date.now();
  demo.child.kill('SIGTERM');
  const outcome = await Promise.race([
    demo.exited,
    new Promise<null>((r) => setTimeout(() => r(null), 30_000).unref()),
  ]);
  if (!outcome) throw new Error(`demo still running 30 s after SIGTERM: ${demo.stderr().slice(-2000)}`);
  return { ms: Date.now() - started, ...outcome };
}

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const f of cleanup.splice(0)) f();
});

/** Kill (SIGKILL) what a failed test left behind, by pid, and remove the data directory. */
function track(dataDir: string, demo: Demo, pids: () => number[]) {
  cleanup.push(() => {
    for (const pid of pids()) if (processName(pid)) process.kill(pid, 'SIGKILL');
    if (demo.child.exitCode === null && demo.child.signalCode === null) demo.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });
}

describe('raqib demo stopped early', () => {
  it('a SIGTERM as soon as the managed Meilisearch is spawned stops it and ends the demo within seconds', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'raqib-demo-term-'));
    const demo = startDemo(dataDir);
    let meili: number | null = null;
    track(dataDir, demo, () => (meili ? [meili] : []));
    const pid = demo.child.pid as number;
    meili = await waitFor(
      demo,
      'Meilisearch child',
      () => childPids(pid).find((c) => processName(c) === 'meilisearch') ?? null,
      180_000,
    );
    const { ms } = await stopAndTime(demo);
    console.log(`demo: SIGTERM at Meilisearch spawn → exited in ${ms} ms`);
    expect(processName(meili), `Meilisearch ${meili} outlived the demo`).toBeNull();
    expect(ms).toBeLessThan(EXIT_BUDGET_MS);
    expect(demo.stderr()).toContain('shutting down');
  }, 240_000);

  it('a SIGTERM during the crawl ends the demo within seconds and leaves no child', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'raqib-demo-term-'));
    const demo = startDemo(dataDir);
    const pid = demo.child.pid as number;
    let children: number[] = [];
    track(dataDir, demo, () => children);
    await waitFor(demo, 'crawl start', () => (demo.stderr().includes('Replica of') ? true : null), 120_000);
    // Mid-crawl: the replica answers some pages slowly (1.5 s), so the crawl is still running.
    await new Promise((r) => setTimeout(r, 500));
    children = childPids(pid);
    const { ms, code } = await stopAndTime(demo);
    console.log(`demo: SIGTERM during the crawl → exited in ${ms} ms (code ${code})`);
    expect(ms).toBeLessThan(EXIT_BUDGET_MS);
    expect(children.filter((c) => processName(c) !== null)).toEqual([]);
    // Handled, not killed by the signal: the crawl was aborted and the demo ended on its own.
    expect(code).toBe(0);
    expect(demo.stderr()).not.toContain('Search is ready');
  }, 240_000);
});
