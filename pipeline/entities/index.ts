// Stage 7: entities of one document — organizations, persons, laws, deadlines, amounts, events —
// each with offsets into `text`, found on normalized text and mapped back.
import type { Entities, Lang } from '../types.ts';
import { findAmounts } from './amounts.ts';
import { createContext } from './context.ts';
import { findDeadlines } from './deadlines.ts';
import { findEvents } from './events.ts';
import { findLaws } from './laws.ts';
import { findOrganizations } from './organizations.ts';
import { findPersons } from './persons.ts';

export type { GazetteerEntry, KnownPerson, OrgKind } from './gazetteer.ts';
export { GAZETTEER, PERSONS } from './gazetteer.ts';
export type { LawRecord } from './laws.ts';
export { LAWS } from './laws.ts';

/** Bump when extraction changes what it finds: stored entities of older versions are redone. */
export const ENTITIES_VERSION = 1;

export interface ExtractEntitiesInput {
  text: string;
  title: string | null;
  language: Lang;
  /** ISO date or datetime: relative dates ("lundi", "dans sept mois") resolve against it. */
  publishedAt: string | null;
}

function isProsecutorName(s: string): boolean {
  return /parquet|procureur|minist[eè]re public|النيابة|وكيل الملك|الوكيل العام|prosecut/i.test(s);
}

export function extractEntities(input: ExtractEntitiesInput): Entities {
  const ctx = createContext(input);
  const { organizations, ranges } = findOrganizations(ctx);
  const persons = findPersons(ctx);
  const laws = findLaws(ctx, ranges);
  const { deadlines, deadlineDates } = findDeadlines(ctx);
  const amounts = findAmounts(ctx);
  // Organization names hide event words ("Commission nationale de contrôle", "النيابة العامة" stays an event).
  const events = findEvents(
    ctx,
    ranges.filter(([a, b]) => !isProsecutorName(ctx.text.slice(a, b))),
    deadlineDates,
  );
  return { organizations, persons, laws, deadlines, amounts, events };
}
