// The one place that opens the record and the logger for an entry point. Commands receive this
// context; nothing below it reads the environment.
import pino, { type Logger } from 'pino';
import type { Config } from '../config.ts';
import { type Db, openDb } from '../store/db.ts';

export interface AppContext {
  config: Readonly<Config>;
  db: Db;
  log: Logger;
  close(): void;
}

export function createLogger(level: Config['logLevel']): Logger {
  // Logs go to stderr so that command output on stdout (JSON, tables) stays machine-readable.
  return pino(
    { level, base: undefined, redact: ['*.masterKey', '*.apiKey', '*.authorization', 'headers.authorization'] },
    pino.destination(2),
  );
}

export function openContext(config: Readonly<Config>, log = createLogger(config.logLevel)): AppContext {
  const db = openDb(config.dataDir);
  return {
    config,
    db,
    log,
    close() {
      if (db.open) db.close();
    },
  };
}
