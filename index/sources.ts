// The entity gazetteer (pipeline/entities) as the index's name groups: synonyms, the projection's
// entity names and the query understander all read this one list.
import { GAZETTEER, LAWS } from '../pipeline/entities/index.ts';
import type { GazetteerEntry } from './settings.ts';

/** Organizations and laws (pipeline/entities) as name groups for the projection and synonyms. */
export function defaultGazetteer(): GazetteerEntry[] {
  const orgs = GAZETTEER.map((g) => ({ id: g.id, kind: g.kind, names: g.names }));
  const laws = LAWS.map((l) => ({
    id: l.id,
    kind: 'law',
    names: {
      fr: [l.titles.fr, ...l.numbers.map((n) => `loi ${n}`)],
      ar: [l.titles.ar, ...l.numbers.map((n) => `القانون ${n}`)],
      en: [l.titles.en, ...l.numbers.map((n) => `law ${n}`)],
    },
  }));
  return [...orgs, ...laws];
}
