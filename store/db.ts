// The system of record: one SQLite file in WAL mode under the data directory. Migrations are the
// numbered `.sql` files in `store/migrations/`, applied in order inside one transaction each and
// recorded in `schema_migrations`, so start-up brings any older database up to date.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

export type Db = Database.Database;

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface OpenDbOptions {
  /** Open read-only (no migrations); used by tools that must not change the record. */
  readonly?: boolean;
}

export function openDb(dataDir: string, options: OpenDbOptions = {}): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'raqib.sqlite'), { readonly: options.readonly ?? false });
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the
    // last transactions, which a re-crawl recovers.
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // 64 MiB of page cache (the default is 2 MiB): linking's blocking lookups then stay in memory as
  // the archive grows, instead of re-reading index pages from disk for every new document.
  db.pragma('cache_size = -65536');
  if (!options.readonly) migrate(db);
  return db;
}

function migrate(db: Db): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL
  )`);
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as string[]);
  const files = readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{3}-[\w-]+\.sql$/.test(f))
    .sort();
  const ran: string[] = [];
  for (const file of files) {
    const version = file.replace(/\.sql$/, '');
    if (applied.has(version)) continue;
    const sql = readFileSync(join(MIGRATIONS_DIR, file), 'utf8');
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(
        version,
        new Date().toISOString(),
      );
    })();
    ran.push(version);
  }
  return ran;
}

/** Throws when the database cannot answer a query (a closed handle, a vanished file): the health check. */
export function pingDb(db: Db): void {
  db.prepare('SELECT 1').get();
}

/** Parse a JSON column read back from SQLite, failing loudly rather than passing garbage on. */
export function parseJsonColumn<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined) return fallback;
  return JSON.parse(String(value)) as T;
}
