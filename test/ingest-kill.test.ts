// Kill test for `raqib ingest`: the real CLI is SIGKILLed at three points of one import (while
// storing lines, while analysing, while linking), then run to the end. Nothing may be lost and
// nothing duplicated: one document and one version per input line, each analysed and linked once.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { generateArticles } from './generated-articles.ts';

const LINES = 120;
const root = join(import.meta.dirname, '..');

function ingest(dataDir: string, file: string): { child: ChildProcess; done: Promise<number | null> } {
  const child = spawn(process.execPath, ['bin/raqib.js', 'ingest', '--jsonl', file, '--data-dir', dataDir], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'error' },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  return { child, done: new Promise((resolve) => child.once('exit', (code) => resolve(code))) };
}

function count(dataDir: string, sql: string): number {
  try {
    const db = new Database(join(dataDir, 'raqib.sqlite'), { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).pluck().get() as number;
    } finally {
      db.close();
    }
  } catch {
    return 0; // not created yet, or busy for a moment
  }
}

/** Start an ingest and SIGKILL it as soon as `when` holds; false when it finished first. */
async function killWhen(dataDir: string, file: string, when: () => boolean): Promise<boolean> {
  const run = ingest(dataDir, file);
  let exited = false;
  void run.done.then(() => {
    exited = true;
  });
  while (!exited) {
    if (when()) {
      run.child.kill('SIGKILL');
      await run.done;
      return true;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

it('survives SIGKILL while storing, analysing and linking: 0 lost, 0 duplicated', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'raqib-ingest-kill-'));
  const dataDir = join(dir, 'data');
  const file = join(dir, 'in.jsonl');
  writeFileSync(file, `${[...generateArticles(LINES, 7)].map((l) => JSON.stringify(l)).join('\n')}\n`);
  const docs = () => count(dataDir, 'SELECT count(*) FROM documents');
  const analyses = () => count(dataDir, 'SELECT count(*) FROM analyses');
  const linked = () => count(dataDir, 'SELECT count(*) FROM case_documents');

  const killed = [
    await killWhen(dataDir, file, () => docs() > 0 && analyses() === 0),
    await killWhen(dataDir, file, () => analyses() >= LINES / 3 && linked() === 0),
    await killWhen(dataDir, file, () => linked() > 0 && linked() < LINES),
  ];
  const final = ingest(dataDir, file);
  expect(await final.done).toBe(0);
  console.log(`[figure] ingest kills that landed (storing, analysing, linking): ${JSON.stringify(killed)}`);
  expect(killed.filter(Boolean).length).toBeGreaterThanOrEqual(2);

  const urls = new Set([...generateArticles(LINES, 7)].map((l) => l.url));
  const lost = urls.size - count(dataDir, 'SELECT count(*) FROM documents');
  const duplicatedVersions = count(dataDir, 'SELECT count(*) FROM document_versions') - urls.size;
  console.log(`[figure] after 3 kills and a final run: lost ${lost}, duplicated ${duplicatedVersions}`);
  expect(lost).toBe(0);
  expect(duplicatedVersions).toBe(0);
  expect(count(dataDir, 'SELECT count(*) FROM analyses')).toBe(urls.size);
  expect(count(dataDir, 'SELECT count(*) FROM case_documents')).toBe(urls.size);
  // At most one primary case per document, and no document pending.
  expect(
    count(
      dataDir,
      "SELECT count(*) FROM (SELECT document_id FROM case_members WHERE role = 'primary' GROUP BY document_id HAVING count(*) > 1)",
    ),
  ).toBe(0);
}, 240_000);
