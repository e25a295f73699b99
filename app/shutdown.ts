// Graceful shutdown: the first SIGINT/SIGTERM runs the handler (finish or safely abandon in-flight
// work); a second one exits at once for people who really mean it.
import type { Logger } from 'pino';

export function onShutdown(log: Logger, handler: () => Promise<void>): () => void {
  let stopping = false;
  const listener = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(130);
    }
    stopping = true;
    log.info({ signal }, 'shutting down: finishing in-flight work');
    handler().catch((error: unknown) => log.error({ err: error }, 'shutdown failed'));
  };
  process.on('SIGINT', listener);
  process.on('SIGTERM', listener);
  return () => {
    process.off('SIGINT', listener);
    process.off('SIGTERM', listener);
  };
}
