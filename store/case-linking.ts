// The linking engine of the store: incremental linking of one document, settling after a batch and
// full re-linking that keeps ids and analysts' corrections (those are made in case-curation.ts). The
// decisions are the pure functions of pipeline/link; this module loads their inputs and writes their outcome.
import { sha256 } from '../pipeline/ids.ts';
import {
  addToSummary,
  blockingKeys,
  buildCaseRecord,
  type CaseSummary,
  DEFAULT_THRESHOLDS,
  emptySummary,
  keyWindowMonths,
  type LinkFeatures,
  type LinkInput,
  type LinkThresholds,
  linkTerms,
  MAX_ABSORBABLE,
  mergeSummaries,
  monthBucket,
  planLink,
  settleTarget,
  termWeights,
} from '../pipeline/link/index.ts';
import {
  type CaseRowDb,
  caseIdsForDocument,
  hasPinned,
  iso,
  loadDocRows,
  loadSummary,
  memberCards,
  primaryMembers,
  q,
  qp,
  resolveCaseId,
} from './case-rows.ts';
import { type Db, parseJsonColumn } from './db.ts';
export interface LinkOptions {
  now?: Date;
  thresholds?: LinkThresholds;
}

export interface LinkResult {
  caseId: string | null;
  mentionedCaseIds: string[];
  /** True when the document started the case. */
  created: boolean;
  /** Cases absorbed because this document showed they are one matter (they now redirect). */
  mergedCaseIds: string[];
}

/** A blocking key shared by more cases than this in the window is too generic to block on. */
const STOP_KEY_CASES = 32;
const MAX_CANDIDATES = 12;
/** A word found in more cases than this in the window is boilerplate, not a clue. */
const STOP_TOKEN_CASES = 16;
/** How far a word rare in its own weeks reaches for a follow-up. */
const WORD_FOLLOW_UP_MONTHS = 13;

/**
 * Blocking rows of an undated document go under the month of its case when the case has one, else
 * under no month at all: every lookup sees those, whatever its window, so coverage whose date is
 * unknown is never kept from the matter it reports.
 */
const UNDATED = -1;

function writeBlocks(db: Db, caseId: string, features: LinkFeatures, caseDate: string | null): void {
  const bucket = monthBucket(features.date) ?? monthBucket(caseDate) ?? UNDATED;
  const insert = q(db, 'INSERT OR IGNORE INTO case_blocks (key, bucket, case_id) VALUES (?, ?, ?)');
  for (const key of blockingKeys(features).write) insert.run(key, bucket, caseId);
}

/** Regenerate what is derived from a case's members: summary, blocks, titles, type, period. */
export function rebuildCase(db: Db, caseId: string, now: string): void {
  const row = q(db, 'SELECT id, accepts_auto_join, summary FROM cases WHERE id = ?').get(caseId) as
    | Pick<CaseRowDb, 'id' | 'summary' | 'accepts_auto_join'>
    | undefined;
  if (!row) return;
  const docs = loadDocRows(
    db,
    primaryMembers(db, caseId).map((m) => m.documentId),
  );
  let summary = emptySummary(caseId, row.accepts_auto_join === 1);
  q(db, 'DELETE FROM case_blocks WHERE case_id = ?').run(caseId);
  for (const d of docs) {
    summary = addToSummary(summary, d.features);
    writeBlocks(db, caseId, d.features, summary.firstSeen);
  }
  refreshDerived(db, caseId, summary, now, true);
}

/**
 * Store the summary, and regenerate titles and type from the member cards. Regenerating reads every
 * member, so on a growing case it happens while the case is small and then at each doubling: the
 * cost per added document stays constant on average, whatever the size of the case.
 */
function refreshDerived(db: Db, caseId: string, summary: CaseSummary, now: string, force = false): void {
  const n = summary.docCount;
  const regenerate = force || n <= 4 || (n & (n - 1)) === 0;
  if (!regenerate) {
    q(
      db,
      'UPDATE cases SET summary = ?, doc_count = ?, first_seen = ?, last_seen = ?, updated_at = ? WHERE id = ?',
    ).run(JSON.stringify(summary), n, summary.firstSeen, summary.lastSeen, now, caseId);
    return;
  }
  const cards = memberCards(db, caseId);
  const record = buildCaseRecord({ id: caseId, titleFr: null, titleAr: null, createdAt: now }, cards, now);
  q(
    db,
    `UPDATE cases SET summary = ?, doc_count = ?, first_seen = ?, last_seen = ?, generated_title_fr = ?,
       generated_title_ar = ?, type = ?, updated_at = ? WHERE id = ?`,
  ).run(
    JSON.stringify(summary),
    cards.length,
    summary.firstSeen ?? record.firstSeen,
    summary.lastSeen ?? record.lastSeen,
    record.title.fr,
    record.title.ar,
    record.type,
    now,
    caseId,
  );
}

/**
 * Cases sharing a blocking key with the document in its time window. Generic keys are skipped: a key
 * shared by many cases in the window says nothing about which one this is. For words that also
 * makes them count for nothing in the text similarity — an IDF learnt from the archive itself, so
 * boilerplate words drop out as the archive grows.
 */
function candidateCases(db: Db, features: LinkFeatures): { candidates: CaseSummary[]; generic: Set<string> } {
  const bucket = monthBucket(features.date);
  const stmt = qp(
    db,
    'SELECT DISTINCT case_id FROM case_blocks WHERE key = ? AND (bucket BETWEEN ? AND ? OR bucket = ?) LIMIT ?',
  );
  // Candidates ranked by what they share with the document; only the best are loaded, so parsing
  // stays bounded on crowded weeks.
  const shared = new Map<string, number>();
  const generic = new Set<string>();
  for (const key of blockingKeys(features).lookup) {
    const reach = keyWindowMonths(key);
    const word = key.startsWith('t:');
    const stop = word ? STOP_TOKEN_CASES : STOP_KEY_CASES;
    // An undated document may belong to a matter of any year.
    const [from, to] = bucket === null ? [UNDATED, Number.MAX_SAFE_INTEGER] : [bucket - reach, bucket + reach];
    // A word rare over the year around also finds the matter's follow-up (an extension, the sanction
    // after the inspection); one common over the year may still be rare in its own weeks.
    const year = word && bucket !== null ? bucket - WORD_FOLLOW_UP_MONTHS : null;
    let found =
      year === null ? [] : (stmt.all(key, year, year + 2 * WORD_FOLLOW_UP_MONTHS, UNDATED, stop + 1) as string[]);
    if (year === null || found.length > stop) found = stmt.all(key, from, to, UNDATED, stop + 1) as string[];
    if (found.length > stop) {
      if (word) generic.add(key.slice(2));
      continue;
    }
    // A shared company or deliberation outranks any number of shared words: a busy week shares
    // words and a kind of step with many cases, and must not crowd the company's own out.
    const weight = key.startsWith('o:') || key.startsWith('k:') || key.startsWith('l:') ? 100 : 1;
    for (const id of found) shared.set(id, (shared.get(id) ?? 0) + weight);
  }
  const ids = [...shared.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, MAX_CANDIDATES)
    .map(([id]) => id);
  const out: CaseSummary[] = [];
  for (const id of ids) {
    const summary = loadSummary(db, id);
    if (summary) out.push(summary);
  }
  return { candidates: out, generic };
}

function caseIdExists(db: Db, id: string): boolean {
  return (
    q(db, 'SELECT 1 FROM cases WHERE id = ? UNION ALL SELECT 1 FROM case_redirects WHERE from_id = ?').get(id, id) !==
    undefined
  );
}

/** Case ids derive from the document that founded the case, so re-running mints the same ids. */
export function mintCaseId(db: Db, seed: string): string {
  for (let n = 0; ; n++) {
    const id = `case_${sha256(n === 0 ? seed : `${seed}#${n}`).slice(0, 16)}`;
    if (!caseIdExists(db, id)) return id;
  }
}

export function createCase(db: Db, id: string, acceptsAutoJoin: boolean, now: string): void {
  const seq = (qp(db, 'SELECT COALESCE(MAX(created_seq), 0) + 1 FROM cases').get() as number) ?? 1;
  q(
    db,
    `INSERT INTO cases (id, accepts_auto_join, summary, created_seq, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(id, acceptsAutoJoin ? 1 : 0, JSON.stringify(emptySummary(id, acceptsAutoJoin)), seq, now, now);
}

/** Move everything of `absorbed` into `survivor`, leave a redirect, drop the absorbed row. */
export function absorb(db: Db, survivor: string, absorbed: string, reason: string, pin: boolean, now: string): void {
  const survivorSummary = loadSummary(db, survivor);
  const absorbedSummary = loadSummary(db, absorbed);
  // A document that was primary in one and mentioned the other keeps only its primary membership.
  q(
    db,
    `DELETE FROM case_members WHERE case_id = ? AND role = 'mention'
       AND document_id IN (SELECT document_id FROM case_members WHERE case_id = ? AND role = 'primary')`,
  ).run(survivor, absorbed);
  q(
    db,
    `DELETE FROM case_members WHERE case_id = ? AND role = 'mention'
       AND document_id IN (SELECT document_id FROM case_members WHERE case_id = ?)`,
  ).run(absorbed, survivor);
  q(db, 'UPDATE case_members SET case_id = ? WHERE case_id = ?').run(survivor, absorbed);
  if (pin) q(db, "UPDATE case_members SET pinned = 1 WHERE case_id = ? AND role = 'primary'").run(survivor);
  q(
    db,
    'INSERT OR IGNORE INTO case_blocks (key, bucket, case_id) SELECT key, bucket, ? FROM case_blocks WHERE case_id = ?',
  ).run(survivor, absorbed);
  q(db, 'DELETE FROM case_blocks WHERE case_id = ?').run(absorbed);
  // Keep the analyst's title if only the absorbed case had one.
  q(
    db,
    `UPDATE cases SET title_fr = COALESCE(title_fr, (SELECT title_fr FROM cases WHERE id = ?)),
       title_ar = COALESCE(title_ar, (SELECT title_ar FROM cases WHERE id = ?)) WHERE id = ?`,
  ).run(absorbed, absorbed, survivor);
  q(db, 'DELETE FROM cases WHERE id = ?').run(absorbed);
  q(db, 'UPDATE case_redirects SET to_id = ? WHERE to_id = ?').run(survivor, absorbed);
  q(
    db,
    'INSERT INTO case_redirects (from_id, to_id, reason, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (from_id) DO UPDATE SET to_id = excluded.to_id',
  ).run(absorbed, survivor, reason, now);
  if (survivorSummary && absorbedSummary) {
    refreshDerived(db, survivor, mergeSummaries(survivorSummary, absorbedSummary), now, pin);
  } else {
    rebuildCase(db, survivor, now);
  }
}

function olderCase(db: Db, a: string, b: string): [string, string] {
  const seq = qp(db, 'SELECT created_seq FROM cases WHERE id = ?');
  return (seq.get(a) as number) <= (seq.get(b) as number) ? [a, b] : [b, a];
}

interface CoreOptions {
  now: string;
  thresholds: LinkThresholds;
  /** Re-linking: the case this document founded or sat in before, reused when it is free. */
  reuseId?: string | null;
  /** The document's terms are already in `link_terms` (re-linking stored documents). */
  selfCounted?: boolean;
}

/** The rows of `link_terms` that count the linked documents themselves: all, and per language. */
const ALL_DOCUMENTS = '';
const languageRow = (language: string) => `@${language}`;

/** Count a document's terms in (`delta` 1) or out (-1) of the archive's document frequencies. */
function countTerms(db: Db, features: LinkFeatures, delta: 1 | -1): void {
  const bump = q(
    db,
    'INSERT INTO link_terms (term, docs) VALUES (?, ?) ON CONFLICT (term) DO UPDATE SET docs = max(0, docs + excluded.docs)',
  );
  bump.run(ALL_DOCUMENTS, delta);
  bump.run(languageRow(features.language), delta);
  for (const term of linkTerms(features)) bump.run(term, delta);
}

/** Rarity of the document's terms among the other linked documents. */
function loadTermWeights(db: Db, features: LinkFeatures, selfCounted: boolean): Record<string, number> {
  const read = qp(db, 'SELECT docs FROM link_terms WHERE term = ?');
  const self = selfCounted ? 1 : 0;
  const count = (term: string) => Math.max(0, ((read.get(term) as number | undefined) ?? 0) - self);
  const terms = linkTerms(features);
  const docs = new Map<string, number>();
  for (const term of terms) docs.set(term, count(term));
  return termWeights(terms, docs, { all: count(ALL_DOCUMENTS), language: count(languageRow(features.language)) });
}

function linkCore(db: Db, features: LinkFeatures, options: CoreOptions): LinkResult {
  const { now } = options;
  if (!features.relevant) return { caseId: null, mentionedCaseIds: [], created: false, mergedCaseIds: [] };
  // Load what the policy needs…
  const { candidates, generic } = candidateCases(db, features);
  const duplicateCaseId = features.duplicateOf ? caseIdsForDocument(db, features.duplicateOf).caseId : null;
  if (duplicateCaseId && !candidates.some((c) => c.caseId === duplicateCaseId)) {
    const summary = loadSummary(db, duplicateCaseId);
    if (summary) candidates.push(summary);
  }
  const plan = planLink(
    features,
    {
      candidates,
      generic,
      termWeights: loadTermWeights(db, features, options.selfCounted ?? false),
      duplicateCaseId,
      membersOf: (caseId) =>
        loadDocRows(
          db,
          primaryMembers(db, caseId).map((m) => m.documentId),
        ).map((d) => d.features),
      isPinned: (caseId) => hasPinned(db, caseId),
    },
    options.thresholds,
  );
  if (plan.action === 'none') {
    return {
      caseId: null,
      mentionedCaseIds: recordMentions(db, features.documentId, plan.mentions, null),
      created: false,
      mergedCaseIds: [],
    };
  }

  // …then apply the plan.
  let caseId: string;
  let summary: CaseSummary;
  if (plan.caseId) {
    caseId = plan.caseId;
    summary = candidates.find((c) => c.caseId === caseId) ?? emptySummary(caseId);
  } else {
    const reuse = options.reuseId;
    const free =
      reuse &&
      q(db, 'SELECT 1 FROM cases WHERE id = ?').get(reuse) !== undefined &&
      q(db, 'SELECT 1 FROM case_members WHERE case_id = ? LIMIT 1').get(reuse) === undefined;
    caseId = free && reuse ? reuse : mintCaseId(db, features.duplicateOf ?? features.documentId);
    if (!free) createCase(db, caseId, true, now);
    summary = emptySummary(caseId);
  }
  q(
    db,
    `INSERT INTO case_members (document_id, case_id, role, score, pinned) VALUES (?, ?, 'primary', ?, 0)
     ON CONFLICT (document_id, case_id) DO UPDATE SET role = 'primary', score = excluded.score`,
  ).run(features.documentId, caseId, plan.score);
  summary = addToSummary(summary, features);
  writeBlocks(db, caseId, features, summary.firstSeen);
  refreshDerived(db, caseId, summary, now);
  const mergedCaseIds: string[] = [];
  for (const small of plan.absorb) {
    // The older id survives, unless analysts made the growing case: their case keeps its id.
    const [survivor, absorbed] = hasPinned(db, caseId) ? [caseId, small] : olderCase(db, caseId, small);
    absorb(db, survivor, absorbed, 'attached', false, now);
    mergedCaseIds.push(absorbed);
    caseId = survivor;
  }
  return {
    caseId,
    mentionedCaseIds: recordMentions(db, features.documentId, plan.mentions, caseId),
    created: plan.action === 'found',
    mergedCaseIds,
  };
}

/** Secondary memberships, through redirects, never the document's own primary case. */
function recordMentions(db: Db, documentId: string, mentions: readonly string[], primary: string | null): string[] {
  const mentioned: string[] = [];
  for (const m of mentions) {
    const live = resolveCaseId(db, m);
    if (!live || live === primary || mentioned.includes(live)) continue;
    q(
      db,
      "INSERT OR IGNORE INTO case_members (document_id, case_id, role, score, pinned) VALUES (?, ?, 'mention', NULL, 0)",
    ).run(documentId, live);
    mentioned.push(live);
  }
  return mentioned;
}

/** Remove a document's automatic memberships; returns the cases it left. */
function detach(db: Db, documentId: string, now: string): string[] {
  const left = qp(db, "SELECT case_id FROM case_members WHERE document_id = ? AND role = 'primary' AND pinned = 0").all(
    documentId,
  ) as string[];
  q(db, 'DELETE FROM case_members WHERE document_id = ? AND pinned = 0').run(documentId);
  for (const c of left) rebuildCase(db, c, now);
  return left;
}

/** An empty case disappears; its id redirects to where its documents went, when known. */
export function retireIfEmpty(db: Db, caseId: string, target: string | null, now: string): void {
  if (q(db, 'SELECT 1 FROM case_members WHERE case_id = ? LIMIT 1').get(caseId) !== undefined) return;
  q(db, 'DELETE FROM case_blocks WHERE case_id = ?').run(caseId);
  q(db, 'DELETE FROM cases WHERE id = ?').run(caseId);
  if (target && target !== caseId) {
    q(db, 'UPDATE case_redirects SET to_id = ? WHERE to_id = ?').run(target, caseId);
    q(
      db,
      'INSERT INTO case_redirects (from_id, to_id, reason, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (from_id) DO UPDATE SET to_id = excluded.to_id',
    ).run(caseId, target, 'relinked', now);
  }
}

/**
 * Link one understood document (new, or a new version of a known one) in one transaction: it joins
 * the best candidate case, starts a case, or — when irrelevant — belongs to none.
 */
/** Links one document (`linkInputOf` reads what linking needs of it) and writes the outcome. */
export function linkNewDocument(db: Db, input: LinkInput, options: LinkOptions = {}): LinkResult {
  const now = iso(options.now);
  const { features, card } = input;
  return db.transaction((): LinkResult => {
    const existing = qp(db, 'SELECT seq FROM case_documents WHERE document_id = ?').get(features.documentId) as
      | number
      | undefined;
    // A new version replaces the old one's terms in the archive's counts.
    const previous = existing === undefined ? null : (loadDocRows(db, [features.documentId])[0]?.features ?? null);
    if (previous) countTerms(db, previous, -1);
    countTerms(db, features, 1);
    const seq = existing ?? ((qp(db, 'SELECT COALESCE(MAX(seq), 0) + 1 FROM case_documents').get() as number) || 1);
    q(
      db,
      `INSERT INTO case_documents (document_id, seq, date, features, card, linked_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (document_id) DO UPDATE SET date = excluded.date, features = excluded.features,
         card = excluded.card, linked_at = excluded.linked_at`,
    ).run(features.documentId, seq, features.date, JSON.stringify(features), JSON.stringify(card), now);

    const pinned = qp(
      db,
      "SELECT case_id FROM case_members WHERE document_id = ? AND role = 'primary' AND pinned = 1",
    ).get(features.documentId) as string | undefined;
    if (pinned) {
      rebuildCase(db, pinned, now);
      return { ...caseIdsForDocument(db, features.documentId), created: false, mergedCaseIds: [] };
    }
    const left = existing === undefined ? [] : detach(db, features.documentId, now);
    const result = linkCore(db, features, {
      now,
      thresholds: options.thresholds ?? DEFAULT_THRESHOLDS,
      reuseId: left[0] ?? null,
      selfCounted: true,
    });
    for (const c of left) retireIfEmpty(db, c, result.caseId, now);
    return result;
  })();
}

/**
 * After a batch: small cases its documents founded join the matter that now claims all their
 * documents (`settleTarget` decides). Returns the absorbed case ids (they now redirect).
 */
export function settleCases(db: Db, caseIds: readonly string[], options: LinkOptions = {}): string[] {
  const now = iso(options.now);
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  return db.transaction((): string[] => {
    const settled: string[] = [];
    for (const id of [...new Set(caseIds)].sort()) {
      const small = loadSummary(db, id);
      if (!small || small.docCount > MAX_ABSORBABLE || hasPinned(db, id)) continue;
      const members = loadDocRows(
        db,
        primaryMembers(db, id).map((m) => m.documentId),
      ).map((d) => d.features);
      const candidates = new Map<string, CaseSummary>();
      for (const m of members) for (const c of candidateCases(db, m).candidates) candidates.set(c.caseId, c);
      const target = settleTarget(small, members, [...candidates.values()], thresholds);
      if (!target) continue;
      absorb(db, target, id, 'settled: its documents belong to a larger matter', false, now);
      settled.push(id);
    }
    return settled;
  })();
}

export interface RelinkResult {
  documents: number;
  cases: number;
  /** Cases that emptied and now redirect (or vanished when their documents left every case). */
  retired: string[];
}

/**
 * Re-link every document from its stored features, in publication order. Analysts' decisions hold:
 * pinned documents (splits, merges) stay where they were put, titles stay, and a document that
 * founds a case again gets its former case id back, so ids do not change under a stable pipeline.
 */
export function relinkAll(db: Db, options: LinkOptions = {}): RelinkResult {
  const now = iso(options.now);
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  return db.transaction((): RelinkResult => {
    const previous = new Map(
      (
        q(db, "SELECT document_id, case_id FROM case_members WHERE role = 'primary' AND pinned = 0").all() as {
          document_id: string;
          case_id: string;
        }[]
      ).map((r) => [r.document_id, r.case_id]),
    );
    const before = qp(db, 'SELECT id FROM cases').all() as string[];
    q(db, 'DELETE FROM case_members WHERE pinned = 0').run();
    q(db, 'DELETE FROM case_blocks').run();
    for (const id of before) rebuildCase(db, id, now);
    const pinnedDocs = new Set(
      qp(db, "SELECT document_id FROM case_members WHERE role = 'primary' AND pinned = 1").all() as string[],
    );
    // Replayed in publication order: coverage of a matter then arrives as it was written, which
    // links best; ids still come back because founders reuse their former case.
    const rows = q(
      db,
      'SELECT document_id, features FROM case_documents ORDER BY date IS NULL, date, seq',
    ).iterate() as Iterable<{
      document_id: string;
      features: string;
    }>;
    let documents = 0;
    const work: { features: LinkFeatures }[] = [];
    for (const row of rows) {
      if (pinnedDocs.has(row.document_id)) continue;
      work.push({ features: parseJsonColumn<LinkFeatures>(row.features, null as never) });
    }
    for (const w of work) {
      linkCore(db, w.features, {
        now,
        thresholds,
        reuseId: previous.get(w.features.documentId) ?? null,
        selfCounted: true,
      });
      documents++;
    }
    const retired: string[] = [];
    for (const id of before) {
      if (q(db, 'SELECT 1 FROM cases WHERE id = ?').get(id) === undefined) continue;
      if (q(db, 'SELECT 1 FROM case_members WHERE case_id = ? LIMIT 1').get(id) !== undefined) continue;
      // Where did most of its former documents go?
      const counts = new Map<string, number>();
      for (const [doc, c] of previous) {
        if (c !== id) continue;
        const current = qp(db, "SELECT case_id FROM case_members WHERE document_id = ? AND role = 'primary'").get(
          doc,
        ) as string | undefined;
        if (current) counts.set(current, (counts.get(current) ?? 0) + 1);
      }
      const target = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
      retireIfEmpty(db, id, target, now);
      retired.push(id);
    }
    const cases = qp(db, 'SELECT COUNT(*) FROM cases').get() as number;
    return { documents: documents + pinnedDocs.size, cases, retired };
  })();
}
