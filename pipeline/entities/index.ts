// Stage 7: entities of one document — organizations, persons, laws, deadlines, amounts, events —
// each with offsets into `text`, found on normalized text and mapped back.
import type { Entities, Lang } from '../types.ts';
import { findAmounts } from './amounts.ts';
import { createContext } from './context.ts';
import { findDeadlines } from './deadlines.ts';
import { findEvents } from './events.ts';
import { GAZETTEER } from './gazetteer.ts';
import { findLaws, isKnownLaw } from './laws.ts';
import { findOrganizations } from './organizations.ts';
import { findPersons } from './persons.ts';

export type { GazetteerEntry, KnownPerson, OrgKind, OrgRole } from './gazetteer.ts';
export { GAZETTEER, ORG_ROLES, orgRole, PERSONS } from './gazetteer.ts';
export type { LawRecord } from './laws.ts';
export { LAWS } from './laws.ts';
export { MOROCCAN_CITIES } from './places.ts';
export { consonantSkeleton, describedSkeleton, identityKeyOf, statedSector } from './transliterate.ts';

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

const FOREIGN_AUTHORITIES = new Set(
  GAZETTEER.filter((e) => e.role === 'regulator' && e.country && e.country !== 'MA').map((e) => e.id),
);

export function extractEntities(input: ExtractEntitiesInput): Entities {
  const ctx = createContext(input);
  const persons = findPersons(ctx);
  const { organizations, ranges } = findOrganizations(
    ctx,
    persons.flatMap((p) => p.mentions.map((m): [number, number] => [m.start, m.end])),
  );
  // A law number in a story about a foreign data-protection authority, with Morocco's CNDP absent, is
  // that country's law (Algeria's "loi 18-07"), not a Moroccan one.
  const foreignStory =
    organizations.some((o) => FOREIGN_AUTHORITIES.has(o.id)) && !organizations.some((o) => o.id === 'org:cndp');
  const laws = findLaws(ctx, ranges).filter((l) => !foreignStory || isKnownLaw(l.id));
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
