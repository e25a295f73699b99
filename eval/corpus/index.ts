// The annotated evaluation corpus: our own writing, modeled on real CNDP communiqués and press
// coverage (French, Arabic, some English), with hand-written gold. One JSON file per document in
// `docs/`; the schema below is the contract for every section of `npm run eval`.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { AppError } from '../../pipeline/errors.ts';
import { EVENT_TYPES } from '../../pipeline/types.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const GoldSchema = z.object({
  publishedAt: isoDate,
  relevant: z.boolean(),
  /** Documents sharing a label are reprints of one text (wire copy); null when unique. */
  duplicateGroup: z.string().nullable(),
  /** The enforcement matter the document belongs to; null for general news and negatives. */
  caseId: z.string().nullable(),
  organizations: z.array(z.string()),
  persons: z.array(z.string()),
  laws: z.array(z.string()),
  deadlines: z.array(z.object({ date: isoDate, label: z.string() })),
  amounts: z.array(
    z.object({
      value: z.number(),
      currency: z.enum(['MAD', 'EUR', 'USD']),
      kind: z.enum(['imposed', 'legal_max', 'other']),
    }),
  ),
  events: z.array(z.object({ type: z.enum(EVENT_TYPES), date: isoDate.nullable() })),
});

export const EvalDocSchema = z.object({
  id: z.string().min(1),
  url: z.url(),
  source: z.string().min(1),
  language: z.enum(['fr', 'ar', 'en']),
  html: z.string().min(1),
  gold: GoldSchema,
});

export type EvalGold = z.infer<typeof GoldSchema>;
export type EvalDoc = z.infer<typeof EvalDocSchema>;

export const EVAL_CORPUS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'docs');

/** All documents of the corpus, sorted by id; a malformed file fails loudly with its name. */
export function loadEvalCorpus(dir: string = EVAL_CORPUS_DIR): EvalDoc[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  return files.map((file) => {
    const full = path.join(dir, file);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(full, 'utf8'));
    } catch (cause) {
      throw new AppError('INPUT_INVALID', `eval corpus file is not JSON: ${file}`, { cause, details: { file: full } });
    }
    const parsed = EvalDocSchema.safeParse(raw);
    if (!parsed.success) {
      throw new AppError('INPUT_INVALID', `eval corpus file does not match the schema: ${file}`, {
        details: { file: full, issues: parsed.error.issues },
      });
    }
    return parsed.data;
  });
}
