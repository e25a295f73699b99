// The organizations and people Raqib knows by name. The organizations are data
// (gazetteer-data.ts), checked here once when the module loads against gazetteer-schema.ts: a bad
// entry stops the program at start with every problem listed, never a silent gap at match time.

import { AppError } from '../errors.ts';
import { normalizeForMatch } from '../normalize.ts';
import { ORGANIZATIONS } from './gazetteer-data.ts';
import { type GazetteerEntry, gazetteerEntrySchema, type OrgRole } from './gazetteer-schema.ts';

export type { GazetteerEntry, OrgKind, OrgRole } from './gazetteer-schema.ts';
export { ORG_ROLES } from './gazetteer-schema.ts';

// Ids written before the "org:x-" prefix came to mean "outside the gazetteer"; kept because stored
// analyses use them. No new entry may take that prefix.
const LEGACY_X_IDS = new Set(['org:x-twitter', 'org:x-frmf']);

/** Validates raw entries: each against the schema, then ids, parents and shared names across entries. */
export function parseGazetteer(raw: readonly unknown[]): GazetteerEntry[] {
  const problems: string[] = [];
  const entries: GazetteerEntry[] = [];
  raw.forEach((r, i) => {
    const parsed = gazetteerEntrySchema.safeParse(r);
    if (parsed.success) entries.push(parsed.data);
    else problems.push(...parsed.error.issues.map((issue) => `entry ${i}: ${issue.path.join('.')} ${issue.message}`));
  });
  const byId = new Map<string, GazetteerEntry>();
  for (const e of entries) {
    if (byId.has(e.id)) problems.push(`${e.id}: duplicate id`);
    if (e.id.startsWith('org:x-') && !LEGACY_X_IDS.has(e.id))
      problems.push(`${e.id}: org:x- is for organizations outside the gazetteer`);
    byId.set(e.id, e);
  }
  for (const e of entries) {
    if (e.parent === undefined) continue;
    const parent = byId.get(e.parent);
    if (!parent) problems.push(`${e.id}: parent ${e.parent} is not in the gazetteer`);
    else if (parent.parent !== undefined) problems.push(`${e.id}: parent ${e.parent} has a parent itself`);
  }
  // One name for two entries is only resolvable by the country named around it.
  const owners = new Map<string, GazetteerEntry[]>();
  for (const e of entries) {
    for (const n of new Set([...e.names.fr, ...e.names.ar, ...e.names.en].map((x) => normalizeForMatch(x).trim()))) {
      owners.set(n, [...(owners.get(n) ?? []), e]);
    }
  }
  for (const [n, es] of owners) {
    if (es.length < 2) continue;
    const countries = es.map((e) => e.country);
    if (countries.some((c) => c === undefined) || new Set(countries).size !== countries.length) {
      problems.push(`"${n}" names ${es.map((e) => e.id).join(' and ')} without a country to tell them apart`);
    }
  }
  if (problems.length > 0) {
    throw new AppError('CONFIG_INVALID', `gazetteer: ${problems.length} problem(s): ${problems.join('; ')}`, {
      details: { problems },
    });
  }
  return entries;
}

export const GAZETTEER: readonly GazetteerEntry[] = parseGazetteer(ORGANIZATIONS);

const ENTRY_BY_ID = new Map(GAZETTEER.map((e) => [e.id, e]));

/** The role of a gazetteer organization; null for ids outside the gazetteer (`org:x-…`). */
export function orgRole(id: string): OrgRole | null {
  return ENTRY_BY_ID.get(id)?.role ?? null;
}

/** The gazetteer entry of an id, or undefined. */
export function gazetteerEntry(id: string): GazetteerEntry | undefined {
  return ENTRY_BY_ID.get(id);
}

export interface KnownPerson {
  id: string;
  names: string[];
  /** Surnames that, alone after a title ("M. Seghrouchni"), point to this person. */
  surnames: string[];
}

export const PERSONS: readonly KnownPerson[] = [
  {
    id: 'person:omar-seghrouchni',
    names: ['Omar Seghrouchni', 'Omar Sghrouchni', 'عمر السغروشني', 'عمر الصغروشني'],
    surnames: ['Seghrouchni', 'السغروشني', 'الصغروشني'],
  },
  {
    id: 'person:said-ihrai',
    names: ['Said Ihrai', 'Saïd Ihraï', 'سعيد إهراي', 'سعيد اهراي'],
    surnames: ['Ihrai', 'Ihraï', 'إهراي'],
  },
  {
    id: 'person:abdelouafi-laftit',
    names: ['Abdelouafi Laftit', 'عبد الوافي لفتيت'],
    surnames: ['Laftit', 'لفتيت'],
  },
  {
    id: 'person:chakib-benmoussa',
    names: ['Chakib Benmoussa', 'شكيب بنموسى'],
    surnames: ['Benmoussa', 'بنموسى'],
  },
  {
    id: 'person:ghita-mezzour',
    names: ['Ghita Mezzour', 'غيثة مزور'],
    // Not 'مزور' alone: it also means "forged".
    surnames: ['Mezzour'],
  },
  {
    id: 'person:amal-el-fallah-seghrouchni',
    names: ['Amal El Fallah Seghrouchni', 'Amal El Fallah-Seghrouchni', 'أمل الفلاح السغروشني'],
    surnames: [],
  },
  {
    id: 'person:abdellatif-ouahbi',
    names: ['Abdellatif Ouahbi', 'عبد اللطيف وهبي'],
    surnames: ['Ouahbi', 'وهبي'],
  },
];
