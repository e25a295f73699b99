// `raqib` — the command line. Each command parses the configuration once (environment + flags),
// opens the context, and hands over to the job in app/. Heavy modules are imported lazily so that
// `--help` stays instant.
import { Command, Option } from 'commander';
import { type Config, loadConfig } from './config.ts';
import { isAppError } from './pipeline/errors.ts';

const program = new Command()
  .name('raqib')
  .description('Raqib (رقيب): an open, automatic register of data-protection enforcement in Morocco')
  .option('--data-dir <dir>', 'data directory (env RAQIB_DATA_DIR, default ./data)')
  .addOption(
    new Option('--log-level <level>', 'log level (env LOG_LEVEL)').choices([
      'trace',
      'debug',
      'info',
      'warn',
      'error',
      'silent',
    ]),
  )
  .showHelpAfterError();

function configFrom(command: Command, extra: Record<string, unknown> = {}): Readonly<Config> {
  const globals = command.optsWithGlobals() as { dataDir?: string; logLevel?: string };
  return loadConfig(process.env, { dataDir: globals.dataDir, logLevel: globals.logLevel, ...extra });
}

program
  .command('crawl')
  .description('crawl all enabled sources (or --source ID), store new and changed pages, then process them')
  .option('-s, --source <id...>', 'only these source ids (see `raqib sources`)')
  .option('--once', 'run one crawl and exit instead of following the sources’ schedules')
  .option('--no-process', 'store pages only; do not run the pipeline afterwards')
  .option('--no-politeness', 'ignore crawl delays (for local replicas and benchmarks only)')
  .option('--force', 'crawl sources even while they back off after repeated failures')
  .action(
    async (
      opts: { source?: string[]; once?: boolean; process: boolean; politeness: boolean; force?: boolean },
      command: Command,
    ) => {
      const { runCrawl } = await import('./app/crawl.ts');
      const config = configFrom(command, opts.politeness ? {} : { 'crawl.politeness': 'off' });
      await runCrawl(config, {
        sourceIds: opts.source,
        once: opts.once ?? false,
        process: opts.process,
        force: opts.force ?? false,
      });
    },
  );

program
  .command('sources')
  .description('list the configured sources with their crawl health')
  .option('--json', 'print JSON instead of a table')
  .action(async (opts: { json?: boolean }, command: Command) => {
    const { printSources } = await import('./app/crawl.ts');
    await printSources(configFrom(command), { json: opts.json ?? false });
  });

program
  .command('process')
  .description('run the pipeline on new and changed documents (or --all to re-derive everything)')
  .option('--all', 're-derive every document from its stored snapshot')
  .action(async (opts: { all?: boolean }, command: Command) => {
    const { runProcess } = await import('./app/process.ts');
    await runProcess(configFrom(command), { all: opts.all ?? false });
  });

program
  .command('ingest')
  .description('import documents from a JSON Lines file and run them through the pipeline')
  .requiredOption(
    '--jsonl <file>',
    'input: one JSON object per line (url, source, title, text|html, publishedAt, language)',
  )
  .option('--out <file>', 'write the understood documents, one JSON object per input line, in order')
  .action(async (opts: { jsonl: string; out?: string }, command: Command) => {
    const { runIngest } = await import('./app/ingest.ts');
    const code = await runIngest(configFrom(command), { input: opts.jsonl, out: opts.out });
    process.exitCode = code;
  });

program
  .command('reindex')
  .description('rebuild the search indexes from the store into fresh indexes and swap them in atomically')
  .action(async (_opts: unknown, command: Command) => {
    const { runReindex } = await import('./app/serve.ts');
    await runReindex(configFrom(command));
  });

const portOptions = (command: Command) =>
  command
    .option('-p, --port <port>', 'API port (env PORT, default 3000)')
    .option('--host <host>', 'API listen address (env HOST, default 127.0.0.1)');

portOptions(
  program
    .command('serve')
    .description('serve the API and keep the index in sync over an existing data directory, without crawling'),
).action(async (opts: { port?: string; host?: string }, command: Command) => {
  const { runServe } = await import('./app/serve.ts');
  await runServe(configFrom(command, { 'api.port': opts.port, 'api.host': opts.host }), { crawl: false });
});

portOptions(
  program.command('start').description('run everything: the crawl schedules, the pipeline, the index sync and the API'),
).action(async (opts: { port?: string; host?: string }, command: Command) => {
  const { runServe } = await import('./app/serve.ts');
  await runServe(configFrom(command, { 'api.port': opts.port, 'api.host': opts.host }), { crawl: true });
});

portOptions(
  program
    .command('demo')
    .description('start the local replica of the sources, crawl it, process, index and serve it (no internet needed)')
    .option('--no-serve', 'stop after crawling, processing and indexing'),
).action(async (opts: { port?: string; host?: string; serve: boolean }, command: Command) => {
  const { runDemo } = await import('./app/demo.ts');
  const globals = command.optsWithGlobals() as { dataDir?: string };
  // The demo never writes replica data into the real data directory.
  const dataDir = globals.dataDir ?? './data-demo';
  await runDemo(configFrom(command, { dataDir, 'api.port': opts.port, 'api.host': opts.host }), { serve: opts.serve });
});

program
  .command('api-key')
  .description('generate an API key for the write endpoints; prints the key once and the hash to configure')
  .action(async () => {
    const { randomBytes } = await import('node:crypto');
    const { hashKey } = await import('./api/index.ts');
    const key = `rqb_${randomBytes(24).toString('base64url')}`;
    process.stdout.write(
      `key (give it to the client; it is not stored):\n  ${key}\n` +
        `add its hash to RAQIB_API_KEY_HASHES (comma-separated):\n  ${hashKey(key)}\n`,
    );
  });

const cases = program.command('cases').description('inspect and curate enforcement cases');
cases
  .command('list')
  .description('list cases, most recently active first')
  .option('--limit <n>', 'how many', '50')
  .action(async (opts: { limit: string }, command: Command) => {
    const { listCasesCommand } = await import('./app/cases.ts');
    await listCasesCommand(configFrom(command), { limit: Number(opts.limit) });
  });
cases
  .command('show <id>')
  .description('print a case record with its timeline (JSON)')
  .action(async (id: string, _opts: unknown, command: Command) => {
    const { showCaseCommand } = await import('./app/cases.ts');
    await showCaseCommand(configFrom(command), id);
  });
cases
  .command('merge <survivor> <absorbed>')
  .description('merge case <absorbed> into <survivor>; the absorbed id redirects')
  .action(async (survivor: string, absorbed: string, _opts: unknown, command: Command) => {
    const { curateCommand } = await import('./app/cases.ts');
    await curateCommand(configFrom(command), { op: 'merge', survivor, absorbed });
  });
cases
  .command('split <documentId>')
  .description('move a document out of its case into a case of its own (kept on every re-link)')
  .action(async (documentId: string, _opts: unknown, command: Command) => {
    const { curateCommand } = await import('./app/cases.ts');
    await curateCommand(configFrom(command), { op: 'split', documentId });
  });
cases
  .command('rename <id>')
  .description('rename a case')
  .option('--fr <title>', 'French title')
  .option('--ar <title>', 'Arabic title')
  .action(async (id: string, opts: { fr?: string; ar?: string }, command: Command) => {
    const { curateCommand } = await import('./app/cases.ts');
    await curateCommand(configFrom(command), { op: 'rename', caseId: id, titleFr: opts.fr, titleAr: opts.ar });
  });

program
  .command('export <tables>')
  .description(
    'export a dataset: <tables> is all or a comma-separated list of documents, cases, timeline, entities, mentions, events, deadlines',
  )
  .requiredOption('-f, --format <format>', 'csv, jsonl or parquet')
  .requiredOption('-o, --out <path>', 'a new folder, or a file ending in .zip')
  .option('--language <lang...>', 'document language (fr, ar, en, und)')
  .option('--source <id...>', 'source id')
  .option('--outlet <name...>', 'outlet name')
  .option('--kind <kind...>', 'source kind (regulator, press, aggregator)')
  .option('--org <id...>', 'organization id or exact name; several must all be mentioned')
  .option('--law <id...>', 'law id (its articles match too); several must all be cited')
  .option('--article <id...>', 'article id, or a number with one --law')
  .option('--event-type <type...>', 'enforcement event type')
  .option('--case <id...>', 'case id (primary or mentioned)')
  .option('--from <date>', 'published on or after (ISO date or date-time)')
  .option('--to <date>', 'published on or before (a bare date includes the whole day)')
  .option('--relevant <which>', 'true (default), false or all')
  .option('--include-duplicates', 'include near-duplicate copies')
  .option('--bom', 'CSV: start each file with a byte-order mark (for spreadsheet programs)')
  .option('--with-text', 'add the full text of each document')
  .option('--batch-size <rows>', 'rows per batch (and Parquet row group)')
  .action(async (tables: string, opts: Record<string, unknown>, command: Command) => {
    const { runExport } = await import('./app/export.ts');
    await runExport(configFrom(command), { ...opts, tables } as Parameters<typeof runExport>[1]);
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (isAppError(error)) {
    process.stderr.write(`raqib: ${error.message} [${error.code}]\n`);
  } else {
    process.stderr.write(`raqib: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exitCode = 1;
}
