// Sources from an operator's file (RAQIB_SOURCES): same schema as the built-in ones, every problem
// reported at once, merged by id; and the CLI really reads the file named in the environment.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../pipeline/errors.ts';
import { loadSourcesFile, mergeSources, parseSourcesText, SOURCES } from './index.ts';

const YAML = `
sources:
  - id: atlas-veille
    name: Atlas Veille
    outlet: Atlas Veille
    languages: [fr]
    kind: press
    homepage: https://atlas-veille.example/
    schedule: "0 */2 * * *"
    discovery:
      - type: feed
        url: https://atlas-veille.example/feed/
        evidence: guess
    articlePatterns: ['^https://atlas-veille\\.example/\\d{4}/']
    relevance: { mode: keywords, keywords: [CNDP, données personnelles] }
  - id: cndp-ar
    name: CNDP (arabe), en pause
    outlet: CNDP
    languages: [ar]
    kind: regulator
    homepage: https://www.cndp.ma/ar/
    schedule: "*/15 * * * *"
    discovery:
      - { type: feed, url: "https://www.cndp.ma/ar/feed/", evidence: guess }
    enabled: false
`;

describe('sources from a file', () => {
  it('parses YAML and JSON with the built-in schema and defaults', () => {
    const [atlas] = parseSourcesText(YAML, 'extra.yaml');
    expect(atlas).toMatchObject({ id: 'atlas-veille', kind: 'press', maxArticlesPerRun: 200, enabled: true });
    const fromJson = parseSourcesText(JSON.stringify([{ ...atlas, id: 'atlas-json' }]), 'extra.json');
    expect(fromJson.map((s) => s.id)).toEqual(['atlas-json']);
  });

  it('merges by id: a file entry replaces a built-in source, a new id is added', () => {
    const merged = mergeSources(SOURCES, parseSourcesText(YAML, 'extra.yml'));
    expect(merged).toHaveLength(SOURCES.length + 1);
    expect(merged.find((s) => s.id === 'cndp-ar')?.enabled).toBe(false);
    expect(merged.find((s) => s.id === 'cndp-fr')).toBe(SOURCES.find((s) => s.id === 'cndp-fr'));
    expect(merged.at(-1)?.id).toBe('atlas-veille');
  });

  it('reports every bad entry at once, by position and id', () => {
    const text = JSON.stringify([
      { id: 'Bad Id', name: 'x' },
      {
        id: 'ok-id',
        name: 'y',
        outlet: 'y',
        languages: ['de'],
        kind: 'press',
        homepage: 'https://y.example/',
        schedule: '* * * * *',
        discovery: [],
      },
      {
        id: 'pattern',
        name: 'z',
        outlet: 'z',
        languages: ['fr'],
        kind: 'press',
        homepage: 'https://z.example/',
        schedule: '* * * * *',
        discovery: [{ type: 'feed', url: 'https://z.example/f', evidence: 'seen' }],
        articlePatterns: ['(unclosed'],
      },
    ]);
    let error: unknown;
    try {
      parseSourcesText(text, 'bad.json');
    } catch (e) {
      error = e;
    }
    expect(isAppError(error, 'CONFIG_INVALID')).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain('bad.json entry 1 (Bad Id): id');
    expect(message).toContain('bad.json entry 2 (ok-id): languages');
    expect(message).toContain('bad.json entry 3 (pattern): bad pattern (unclosed');
    expect(() => parseSourcesText('- [unbalanced', 'x.yaml')).toThrow(/not valid YAML/);
    expect(() => parseSourcesText('{"sources": 3}', 'x.json')).toThrow(/expected a list/);
  });

  it('raqib sources lists the sources of the file named by RAQIB_SOURCES', () => {
    const dir = mkdtempSync(join(tmpdir(), 'raqib-sources-file-'));
    const file = join(dir, 'sources.yaml');
    writeFileSync(file, YAML);
    const run = (env: Record<string, string>) =>
      spawnSync(process.execPath, ['bin/raqib.js', 'sources', '--json', '--data-dir', join(dir, 'data')], {
        cwd: join(import.meta.dirname, '..', '..'),
        env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
        encoding: 'utf8',
      });
    const result = run({ RAQIB_SOURCES: file });
    expect(result.status, result.stderr).toBe(0);
    const rows = JSON.parse(result.stdout) as Array<{ id: string; enabled: boolean }>;
    expect(rows.find((r) => r.id === 'atlas-veille')).toBeDefined();
    expect(rows.find((r) => r.id === 'cndp-ar')?.enabled).toBe(false);
    expect(() => loadSourcesFile(join(dir, 'missing.yaml'))).toThrow(/RAQIB_SOURCES: cannot read/);
  }, 30_000);
});
