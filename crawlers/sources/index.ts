// The real source configurations, validated once at import: a typo in a pattern or a schedule
// fails loudly here rather than silently skipping an outlet at crawl time.
import { AppError } from '../../pipeline/errors.ts';
import { checkPatterns, type SourceConfig, type SourceConfigInput, sourceConfigSchema } from '../source-config.ts';
import { cndpAr, cndpFr } from './cndp.ts';
import { maghress, PRESS_SOURCES } from './press.ts';

export { loadSourcesFile, mergeSources, parseSourcesText } from './from-file.ts';
export { PRESS_KEYWORDS } from './keywords.ts';

function parseAll(inputs: readonly SourceConfigInput[]): SourceConfig[] {
  const seen = new Set<string>();
  return inputs.map((input) => {
    const parsed = sourceConfigSchema.safeParse(input);
    if (!parsed.success) {
      throw new AppError('CONFIG_INVALID', `source ${input.id}: ${parsed.error.message}`, { cause: parsed.error });
    }
    const source = parsed.data;
    if (seen.has(source.id)) throw new AppError('CONFIG_INVALID', `duplicate source id ${source.id}`);
    seen.add(source.id);
    const bad = checkPatterns(source);
    if (bad) throw new AppError('CONFIG_INVALID', `source ${source.id}: ${bad}`);
    return Object.freeze(source);
  });
}

export const SOURCES: SourceConfig[] = parseAll([cndpFr, cndpAr, ...PRESS_SOURCES, maghress]);

export function getSource(id: string): SourceConfig {
  const source = SOURCES.find((s) => s.id === id);
  if (source === undefined) {
    throw new AppError('NOT_FOUND', `unknown source "${id}"`, { details: { known: SOURCES.map((s) => s.id) } });
  }
  return source;
}
