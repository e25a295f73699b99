// `raqib export` as a user runs it: a child process over a data directory built by the real
// pipeline; the folder it writes validates, bad arguments fail with a code and write nothing.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportCommandSchema } from '../app/export.ts';
import { DATASET_DOCS, datasetStore } from './datasets-fixtures.ts';
import { validateDataPackage } from './table-schema-validator.ts';

const root = join(import.meta.dirname, '..');
let dataDir: string;
let out: string;

function raqib(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/raqib.js', '--data-dir', dataDir, '--log-level', 'warn', ...args], {
      cwd: root,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

beforeAll(async () => {
  const store = await datasetStore();
  store.db.close();
  dataDir = store.dataDir;
  out = mkdtempSync(join(tmpdir(), 'raqib-export-cli-'));
});

describe('raqib export', () => {
  it('exports every table with filters into a folder whose data package validates', async () => {
    const target = join(out, 'fr');
    const result = await raqib(
      'export',
      'all',
      '--format',
      'csv',
      '--language',
      'fr',
      '--relevant',
      'all',
      '--out',
      target,
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/documents\.csv\s+2 rows/);
    expect(result.stdout).toContain(`${target}: folder`);
    const report = await validateDataPackage(target);
    expect(report.errors).toEqual([]);
    expect(report.rows.documents?.map((d) => d.title).sort()).toEqual(
      [DATASET_DOCS[0].title, DATASET_DOCS[2].title].sort(),
    );
  });

  it('fails with a code on bad arguments and writes nothing', async () => {
    const target = join(out, 'bad');
    const badTable = await raqib('export', 'documents,secrets', '--format', 'csv', '--out', target);
    expect(badTable.status).toBe(1);
    expect(badTable.stderr).toMatch(/tables.*\[BAD_REQUEST\]/s);
    expect(existsSync(target)).toBe(false);
  });

  it('checks the arguments before touching the record', () => {
    const base = { tables: 'all', format: 'csv', out: 'x' } as const;
    expect(exportCommandSchema.safeParse({ ...base, from: '2025-02-30' }).success).toBe(false);
    expect(exportCommandSchema.safeParse({ ...base, to: '2025-02-28T10:00:00Z' }).success).toBe(true);
    expect(exportCommandSchema.safeParse({ ...base, format: 'xlsx' }).success).toBe(false);
    expect(exportCommandSchema.safeParse({ ...base, relevant: 'maybe' }).success).toBe(false);
    expect(exportCommandSchema.parse({ ...base, tables: 'cases, timeline' }).tables).toEqual(['cases', 'timeline']);
  });
});
