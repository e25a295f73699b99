// The alert engine in its own process, for the crash test: the parent SIGKILLs it while a webhook
// request is in flight, then starts it again. Usage: node --import tsx test/alerts-child.ts <dataDir>
import { createAlertEngine } from '../api/alerts/index.ts';
import { AppError } from '../pipeline/errors.ts';
import { openDb } from '../store/db.ts';

const [dataDir] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: alerts-child.ts <dataDir>');
const db = openDb(dataDir);
const quiet = { info() {}, warn() {}, debug() {} };
const engine = createAlertEngine({
  db,
  // Only case events here: matching them reads the store, never the search index.
  matcher: {
    searchDocumentsAmong: async () => {
      throw new AppError('INDEX_UNAVAILABLE', 'no index in the crash test');
    },
  },
  config: { webhookAllowlist: ['127.0.0.1'], webhookTimeoutMs: 30_000, retryBaseMs: 100 },
  publicUrl: 'http://raqib.test',
  log: quiet,
  pollMs: 50,
});
engine.start();
process.stdout.write('started\n');
process.on('SIGTERM', () => {
  void engine.stop().then(() => {
    db.close();
    process.exit(0);
  });
});
