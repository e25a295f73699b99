// Each source's crawlee `RequestQueue`, persisted under `<dataDir>/crawl-state/<sourceId>`, so a
// crash (or SIGKILL) leaves a queue the next run resumes.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
// Only @crawlee/basic: the `crawlee` meta-package loads @crawlee/browser-pool, whose proxy-server module
// starts an unauthenticated forward proxy (proxy-chain) on all interfaces merely by being imported.
import { Configuration, RequestQueue } from '@crawlee/basic';

export interface FrontierQueue {
  queue: RequestQueue;
  config: Configuration;
  /** Requests a killed process left locked, unlocked again (how many: for the log). */
  unlocked: number;
  /** Drop the queue and its directory once the run has finished. */
  discard(): Promise<void>;
}

export function frontierDir(dataDir: string, sourceId: string): string {
  return join(dataDir, 'crawl-state', sourceId);
}

export async function openFrontierQueue(stateDir: string, resumed: boolean): Promise<FrontierQueue> {
  // A leftover directory of a run that did finish (e.g. killed while cleaning up) must not make
  // this run skip URLs as "already handled".
  let locked: string[] = [];
  if (!resumed) rmSync(stateDir, { recursive: true, force: true });
  else locked = findLockedRequests(stateDir);
  const config = new Configuration({
    storageClientOptions: { localDataDirectory: stateDir },
    persistStorage: true,
    purgeOnStart: false,
  });
  const queue = await RequestQueue.open('frontier', { config });
  for (const id of locked) await queue.client.deleteRequestLock(id).catch(() => {});
  return {
    queue,
    config,
    unlocked: locked.length,
    discard: async () => {
      await queue.drop().catch(() => {});
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/**
 * A SIGKILL leaves the requests that were in flight locked (crawlee writes a lock expiry into each
 * request file), and the resumed run would wait the lock out or end without them. We only read
 * crawlee's files to find them; the unlock itself goes through crawlee's client.
 */
function findLockedRequests(stateDir: string): string[] {
  const dir = join(stateDir, 'request_queues', 'frontier');
  if (!existsSync(dir)) return [];
  const now = Date.now();
  const ids: string[] = [];
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.json') || file.startsWith('__')) continue;
    try {
      const entry = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { id?: string; orderNo?: number | null };
      if (entry.id && typeof entry.orderNo === 'number' && Math.abs(entry.orderNo) > now) ids.push(entry.id);
    } catch {
      // A file half-written at the crash: crawlee keeps its own in-memory copy and rewrites it.
    }
  }
  return ids;
}
