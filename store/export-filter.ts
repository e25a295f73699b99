// The filters of a dataset export (the same as /search) as one parameterised WHERE clause over the
// analyses table: the part of store/exports.ts that decides which documents an export holds.
import type { Lang } from '../pipeline/types.ts';

/** The /search filters, typed (dates as Unix seconds, like index/query.ts). */
export interface ExportFilter {
  languages?: readonly Lang[];
  sources?: readonly string[];
  outlets?: readonly string[];
  kinds?: readonly string[];
  /** Every one must be mentioned; an inner list is alternatives (any of them). Ids or exact names. */
  orgs?: readonly (string | readonly string[])[];
  /** Every one must be cited (inner lists: any of them); a law matches documents citing its articles too. */
  laws?: readonly (string | readonly string[])[];
  /** Any of them. */
  eventTypes?: readonly string[];
  /** Primary or mentioned case; absorbed ids follow their redirect. */
  caseIds?: readonly string[];
  from?: number;
  to?: number;
  /** `true` (default): relevant only; `false`: rejected only; `null`: both. */
  relevant?: boolean | null;
  includeDuplicates?: boolean;
}

export interface ExportWhere {
  sql: string;
  params: Record<string, string | number>;
}

/** A parameterised WHERE clause over `analyses a`; values are bound, never spliced in. */
export function exportWhere(filter: ExportFilter, resolveCase: (id: string) => string | null): ExportWhere {
  const clauses: string[] = [];
  const params: Record<string, string | number> = {};
  const list = (name: string, values: readonly string[] | undefined): boolean => {
    if (!values || values.length === 0) return false;
    params[name] = JSON.stringify([...new Set(values)]);
    return true;
  };
  if (list('languages', filter.languages)) clauses.push('a.language IN (SELECT value FROM json_each(@languages))');
  if (list('sources', filter.sources)) clauses.push('a.source_id IN (SELECT value FROM json_each(@sources))');
  if (list('outlets', filter.outlets)) clauses.push('a.outlet IN (SELECT value FROM json_each(@outlets))');
  if (list('kinds', filter.kinds)) clauses.push('a.source_kind IN (SELECT value FROM json_each(@kinds))');
  // Every group must match; within a group (a name's alternative ids) any one will do.
  const groups = (name: string, values: readonly (string | readonly string[])[] | undefined): boolean => {
    if (!values || values.length === 0) return false;
    params[name] = JSON.stringify(values.map((v) => (typeof v === 'string' ? [v] : [...v])));
    return true;
  };
  if (groups('orgs', filter.orgs))
    clauses.push(`NOT EXISTS (SELECT 1 FROM json_each(@orgs) j WHERE NOT EXISTS (
      SELECT 1 FROM document_entities de, json_each(j.value) alt WHERE de.document_id = a.document_id
        AND de.entity_type = 'organization' AND (de.entity_id = alt.value OR de.label = alt.value COLLATE NOCASE)))`);
  if (groups('laws', filter.laws))
    clauses.push(`NOT EXISTS (SELECT 1 FROM json_each(@laws) j WHERE NOT EXISTS (
      SELECT 1 FROM document_entities de, json_each(j.value) alt WHERE de.document_id = a.document_id
        AND de.entity_type = 'law' AND (de.entity_id = alt.value
          OR substr(de.entity_id, 1, length(alt.value) + 1) = alt.value || '/')))`);
  if (list('eventTypes', filter.eventTypes))
    clauses.push(`EXISTS (SELECT 1 FROM document_entities de WHERE de.document_id = a.document_id
      AND de.entity_type = 'event' AND de.entity_id IN (SELECT value FROM json_each(@eventTypes)))`);
  if (filter.caseIds && filter.caseIds.length > 0) {
    // An unknown case id matches nothing (like /search), it is not an error.
    list(
      'caseIds',
      filter.caseIds.map((id) => resolveCase(id) ?? id),
    );
    clauses.push(`EXISTS (SELECT 1 FROM case_members cm WHERE cm.document_id = a.document_id
      AND cm.case_id IN (SELECT value FROM json_each(@caseIds)))`);
  }
  if (filter.from !== undefined) {
    clauses.push('unixepoch(a.published_at) >= @from');
    params.from = filter.from;
  }
  if (filter.to !== undefined) {
    clauses.push('unixepoch(a.published_at) <= @to');
    params.to = filter.to;
  }
  const relevant = filter.relevant === undefined ? true : filter.relevant;
  if (relevant !== null) {
    clauses.push('a.relevant = @relevant');
    params.relevant = relevant ? 1 : 0;
  }
  if (!filter.includeDuplicates) clauses.push('(a.duplicate_of IS NULL OR a.duplicate_of = a.document_id)');
  return { sql: clauses.length ? clauses.join(' AND ') : '1', params };
}
