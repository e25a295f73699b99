import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../pipeline/errors.ts';
import { loadEvalCorpus } from './index.ts';

describe('loadEvalCorpus', () => {
  const corpus = loadEvalCorpus();

  it('holds at least 44 documents in French, Arabic and English with unique ids and urls', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(44);
    expect(new Set(corpus.map((d) => d.id)).size).toBe(corpus.length);
    expect(new Set(corpus.map((d) => d.url)).size).toBe(corpus.length);
    const count = (lang: string) => corpus.filter((d) => d.language === lang).length;
    expect(count('fr')).toBeGreaterThanOrEqual(corpus.length * 0.4);
    expect(count('ar')).toBeGreaterThanOrEqual(corpus.length * 0.4);
    expect(count('en')).toBeGreaterThanOrEqual(2);
  });

  it('has consistent gold: article ids with their law, reprint groups of 3+, negatives outside cases', () => {
    for (const d of corpus) {
      for (const id of d.gold.laws) {
        const parent = id.split('/')[0] ?? id;
        if (id.includes('/')) expect(d.gold.laws, `${d.id}: ${id}`).toContain(parent);
      }
      if (!d.gold.relevant) expect(d.gold.caseId, d.id).toBeNull();
    }
    const groups = new Map<string, number>();
    for (const d of corpus)
      if (d.gold.duplicateGroup) groups.set(d.gold.duplicateGroup, (groups.get(d.gold.duplicateGroup) ?? 0) + 1);
    expect(groups.size).toBeGreaterThanOrEqual(1);
    for (const [group, n] of groups) expect(n, group).toBeGreaterThanOrEqual(3);
  });

  it('fails with the file name on a malformed document', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'raqib-eval-'));
    fs.writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ id: 'x', url: 'not a url' }));
    try {
      loadEvalCorpus(dir);
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error, 'INPUT_INVALID')).toBe(true);
      expect(String((error as Error).message)).toContain('bad.json');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
