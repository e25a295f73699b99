// A crawl in its own process, for the crash-and-resume test: the parent SIGKILLs it mid-crawl.
// Usage: node --import tsx test/crawl-child.ts <dataDir> <sourcesJson>
import { readFileSync } from 'node:fs';
import pino from 'pino';
import { crawlSources } from '../crawlers/crawl.ts';
import { sourceConfigSchema } from '../crawlers/source-config.ts';
import { openDb } from '../store/db.ts';
import { testCrawlConfig } from './crawl-helpers.ts';

const [dataDir, sourcesFile, configJson] = process.argv.slice(2);
if (!dataDir || !sourcesFile) throw new Error('usage: crawl-child.ts <dataDir> <sourcesFile> [crawlConfigJson]');
const sources = (JSON.parse(readFileSync(sourcesFile, 'utf8')) as unknown[]).map((s) => sourceConfigSchema.parse(s));
const db = openDb(dataDir);
const summary = await crawlSources({
  db,
  sources,
  crawl: testCrawlConfig(configJson ? (JSON.parse(configJson) as Record<string, unknown>) : {}),
  dataDir,
  log: pino({ level: 'silent' }),
});
db.close();
process.stdout.write(`${JSON.stringify(summary.totals)}\n`);
