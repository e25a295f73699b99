// Stage 7, organizations: those the gazetteer knows (known-organizations.ts), then those it does not
// (unknown-organizations.ts), merged by id with every mention.
import type { OrganizationEntity } from '../types.ts';
import type { DocContext } from './context.ts';
import { findKnown } from './known-organizations.ts';
import { findUnknown } from './unknown-organizations.ts';

export interface OrganizationsResult {
  organizations: OrganizationEntity[];
  /** Original ranges covered by organization names, so event and law finders can skip them. */
  ranges: Array<[number, number]>;
}

/** `people`: ranges of persons' names, which a repeated capitalized name may be. */
export function findOrganizations(ctx: DocContext, people: Array<[number, number]> = []): OrganizationsResult {
  const { found: known, read } = findKnown(ctx);
  const unknown = findUnknown(ctx, known, read, people);
  const byId = new Map<string, OrganizationEntity>();
  const ranges: Array<[number, number]> = [];
  for (const f of [...known, ...unknown].sort((a, b) => a.span.start - b.span.start)) {
    ranges.push([f.span.start, f.span.end]);
    const existing = byId.get(f.id);
    if (existing) existing.mentions.push(f.span);
    else byId.set(f.id, { id: f.id, name: f.name, known: f.known, mentions: [f.span] });
  }
  return { organizations: [...byId.values()], ranges };
}
