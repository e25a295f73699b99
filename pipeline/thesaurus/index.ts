// The thesaurus of the field: concepts with French, Arabic and English labels, and a phrase lookup.
// Pure data and functions, no I/O.
import { CONCEPT_ROWS } from './concepts.ts';
import { type Concept, parseConcepts } from './schema.ts';

export {
  createPhraseMatcher,
  type Labelled,
  type PhraseMatch,
  type PhraseMatcher,
  type Token,
} from './lookup.ts';
export { CONCEPT_GROUPS, type Concept, type ConceptGroup, parseConcepts } from './schema.ts';

/** Every concept, validated once at load (an invalid row fails the first import, loudly). */
export const CONCEPTS: readonly Concept[] = parseConcepts(CONCEPT_ROWS);

const byId = new Map(CONCEPTS.map((c) => [c.id, c]));
export function conceptById(id: string): Concept | undefined {
  return byId.get(id);
}
