// Crawl progress for people and for machines: one rewritten line on an interactive terminal,
// throttled structured pino records otherwise (cron, systemd, CI logs).
import type { Logger } from 'pino';
import type { CrawlProgress } from './types.ts';

export interface ProgressReporter {
  update(progress: CrawlProgress): void;
  /** Print the last state and end the terminal line. */
  done(): void;
}

export interface ProgressReporterOptions {
  /** Where the terminal line goes; defaults to process.stderr. */
  stream?: NodeJS.WriteStream;
  /** Minimum interval between two reports. */
  intervalMs?: number;
}

export function createProgressReporter(log: Logger, options: ProgressReporterOptions = {}): ProgressReporter {
  const stream = options.stream ?? process.stderr;
  const tty = stream.isTTY === true;
  const interval = options.intervalMs ?? (tty ? 100 : 5_000);
  let last: CrawlProgress | null = null;
  let lastAt = 0;
  const render = (p: CrawlProgress) =>
    `crawl: ${p.fetched}/${p.queued} fetched · ${p.stored} stored · ${p.skipped} skipped · ${p.failed} failed`;
  const emit = (p: CrawlProgress) => {
    if (tty) stream.write(`\r\x1b[2K${render(p)}`);
    else log.info({ progress: p }, 'crawl progress');
  };
  return {
    update(progress) {
      last = progress;
      const now = Date.now();
      if (now - lastAt < interval) return;
      lastAt = now;
      emit(progress);
    },
    done() {
      if (last) emit(last);
      if (tty && last) stream.write('\n');
    },
  };
}
