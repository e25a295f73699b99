// The shape every thesaurus concept must have, checked once when the module loads: a concept that
// lacks a language cannot bridge that language, so a missing label is a build error, not a silent gap.
import { z } from 'zod';
import type { ConceptRow } from './concepts.ts';

export const CONCEPT_GROUPS = [
  'enforcement',
  'actor',
  'data',
  'processing',
  'rights',
  'security',
  'technology',
  'legal',
  'cooperation',
  'sector',
  'place',
  'time',
  'event',
  'named',
] as const;
export type ConceptGroup = (typeof CONCEPT_GROUPS)[number];

const ARABIC = /[\u0600-\u06ff]/u;
const LATIN = /[A-Za-zÀ-ÿ]/u;

const label = z.string().trim().min(1).max(120);
const arabicLabel = label.refine((s) => ARABIC.test(s), 'an Arabic label must be written in Arabic script');
const latinLabel = label.refine((s) => !ARABIC.test(s) && LATIN.test(s), 'a French or English label is Latin script');

const conceptSchema = z.object({
  id: z.string().regex(/^[a-z0-9_]+$/),
  group: z.enum(CONCEPT_GROUPS),
  labels: z.object({
    fr: z.array(latinLabel).min(1),
    ar: z.array(arabicLabel).min(1),
    en: z.array(latinLabel).min(1),
  }),
});
export type Concept = z.infer<typeof conceptSchema>;

const cell = (s: string) =>
  s
    .split('|')
    .map((x) => x.trim())
    .filter((x) => x.length > 0);

/** Rows → validated concepts; every problem is reported at once, with the row's id. */
export function parseConcepts(rows: readonly ConceptRow[]): Concept[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const out: Concept[] = [];
  for (const [id, group, fr, ar, en] of rows) {
    const parsed = conceptSchema.safeParse({ id, group, labels: { fr: cell(fr), ar: cell(ar), en: cell(en) } });
    if (!parsed.success) {
      problems.push(`${id}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
      continue;
    }
    if (seen.has(id)) problems.push(`${id}: duplicate id`);
    seen.add(id);
    out.push(parsed.data);
  }
  if (problems.length > 0) throw new Error(`Invalid thesaurus:\n${problems.join('\n')}`);
  return out;
}
