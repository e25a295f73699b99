// Sources from a file (`RAQIB_SOURCES`): an operator adds or tunes an outlet without editing code.
// JSON or YAML, validated by the same schema and checks as the built-in sources; every problem is
// reported at once, by entry. Merged with the built-in sources: an entry with a built-in id
// replaces that source (e.g. `enabled: false`, a new feed URL), a new id adds one.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { AppError } from '../../pipeline/errors.ts';
import { checkPatterns, type SourceConfig, sourceConfigSchema } from '../source-config.ts';

/** Parse the text of a sources file: a list of sources, or `{ sources: [...] }`. */
export function parseSourcesText(text: string, name: string): SourceConfig[] {
  let data: unknown;
  try {
    data = extname(name).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (cause) {
    throw new AppError(
      'CONFIG_INVALID',
      `${name}: not valid ${extname(name) === '.json' ? 'JSON' : 'YAML'}: ${(cause as Error).message}`,
      {
        cause,
      },
    );
  }
  const list =
    data && typeof data === 'object' && !Array.isArray(data) && 'sources' in data
      ? (data as { sources: unknown }).sources
      : data;
  if (!Array.isArray(list))
    throw new AppError('CONFIG_INVALID', `${name}: expected a list of sources (or { sources: [...] })`);
  const problems: string[] = [];
  const out: SourceConfig[] = [];
  const seen = new Set<string>();
  list.forEach((entry, index) => {
    const label = `${name} entry ${index + 1}${entry && typeof entry === 'object' && 'id' in entry ? ` (${String((entry as { id: unknown }).id)})` : ''}`;
    const parsed = sourceConfigSchema.safeParse(entry);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push(`${label}: ${issue.path.join('.') || '(entry)'}: ${issue.message}`);
      return;
    }
    if (seen.has(parsed.data.id)) {
      problems.push(`${label}: duplicate id ${parsed.data.id}`);
      return;
    }
    seen.add(parsed.data.id);
    const bad = checkPatterns(parsed.data);
    if (bad) {
      problems.push(`${label}: ${bad}`);
      return;
    }
    out.push(Object.freeze(parsed.data));
  });
  if (problems.length > 0)
    throw new AppError('CONFIG_INVALID', `Invalid sources file:\n  ${problems.join('\n  ')}`, {
      details: { problems },
    });
  return out;
}

export function loadSourcesFile(path: string): SourceConfig[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new AppError('CONFIG_INVALID', `RAQIB_SOURCES: cannot read ${path}: ${(cause as Error).message}`, { cause });
  }
  return parseSourcesText(text, path);
}

/** Built-in sources with the file's merged in: same id replaces, new id is appended. */
export function mergeSources(builtIn: readonly SourceConfig[], extra: readonly SourceConfig[]): SourceConfig[] {
  const byId = new Map(extra.map((s) => [s.id, s]));
  const merged = builtIn.map((s) => byId.get(s.id) ?? s);
  const known = new Set(builtIn.map((s) => s.id));
  return [...merged, ...extra.filter((s) => !known.has(s.id))];
}
