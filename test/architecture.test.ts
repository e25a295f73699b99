// The dependency direction of DEVELOPERS.md, checked: a wrong-way import fails the build.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');

/** For each folder, the top-level folders its non-test code may import from. */
const ALLOWED: Record<string, string[]> = {
  pipeline: [],
  store: ['pipeline'],
  crawlers: ['pipeline', 'store'],
  index: ['pipeline', 'store'],
  datasets: ['pipeline', 'store'],
  api: ['pipeline', 'store', 'index', 'datasets'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

function importedTopFolders(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [
    ...text.matchAll(/(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g),
  ].map((m) => (m[1] ?? m[2]) as string);
  return specifiers.map((s) => relative(root, resolve(file, '..', s)).split(/[\\/]/)[0] as string);
}

describe('architecture', () => {
  for (const [folder, allowed] of Object.entries(ALLOWED)) {
    it(`${folder}/ imports only from ${allowed.length ? allowed.join(', ') : 'itself'}`, () => {
      const wrong: string[] = [];
      for (const file of sourceFiles(join(root, folder))) {
        for (const top of importedTopFolders(file)) {
          if (top !== folder && !allowed.includes(top)) wrong.push(`${relative(root, file)} → ${top}/`);
        }
      }
      expect(wrong).toEqual([]);
    });
  }

  it('reads process.env only in config.ts and the entry points', () => {
    const offenders = ['pipeline', 'store', 'crawlers', 'index', 'datasets', 'api']
      .flatMap((folder) => sourceFiles(join(root, folder)))
      .filter((file) => /process\.env\b/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));
    expect(offenders).toEqual([]);
  });

  // SQL lives in store/ (one query module per table); index/, app/, crawlers/ and api/ call store functions.
  // Extend the list as the other folders are moved over (issue 13).
  it('runs no SQL in index/, app/, crawlers/ or api/', () => {
    const sql = /\.prepare\(|\.exec\(\s*[`'"]|\b(?:SELECT\s.+\sFROM|INSERT\s+INTO|DELETE\s+FROM|UPDATE\s+\w+\s+SET)\b/;
    const offenders = ['index', 'app', 'crawlers', 'api']
      .flatMap((folder) => sourceFiles(join(root, folder)))
      .filter((file) => sql.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));
    expect(offenders).toEqual([]);
  });

  // Type-only imports count: a cycle of types still means two modules that cannot be read apart.
  it('has no import cycle', () => {
    const graph = new Map<string, string[]>();
    for (const folder of [...Object.keys(ALLOWED), 'app']) {
      for (const file of sourceFiles(join(root, folder))) {
        const text = readFileSync(file, 'utf8');
        const targets = [
          ...text.matchAll(/(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g),
        ].map((m) => resolve(file, '..', (m[1] ?? m[2]) as string));
        graph.set(file, targets);
      }
    }
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const path: string[] = [];
    const visit = (file: string) => {
      state.set(file, 'open');
      path.push(file);
      for (const next of graph.get(file) ?? []) {
        if (!graph.has(next)) continue;
        if (state.get(next) === 'open')
          cycles.push([...path.slice(path.indexOf(next)), next].map((f) => relative(root, f)).join(' → '));
        else if (!state.has(next)) visit(next);
      }
      path.pop();
      state.set(file, 'done');
    };
    for (const file of graph.keys()) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });

  // The `crawlee` meta-package loads @crawlee/browser-pool, which starts an open forward proxy
  // (proxy-chain, all interfaces) on import; only the browser-free parts may be imported.
  it('imports no crawlee package that starts a proxy', () => {
    const offenders = ['pipeline', 'store', 'crawlers', 'index', 'datasets', 'api', 'app']
      .flatMap((folder) => sourceFiles(join(root, folder)))
      .filter((file) =>
        /from\s+['"](crawlee|@crawlee\/(browser|browser-pool|playwright|puppeteer))['"]|import\(\s*['"]crawlee['"]/.test(
          readFileSync(file, 'utf8'),
        ),
      )
      .map((file) => relative(root, file));
    expect(offenders).toEqual([]);
  });
});
