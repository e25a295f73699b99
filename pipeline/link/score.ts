// How strongly a document belongs to a case: the evidence they share (subject, law, dated step,
// words and concepts weighed by rarity, details), discounted by the time between them. Pure.
import { daysBetweenIso } from '../dates/index.ts';
import { type OrgRole, orgRole } from '../entities/index.ts';
import type { EventType } from '../types.ts';
import { figureSpecificity } from './details.ts';
import type { LinkEvent, LinkFeatures } from './features.ts';
import { type CaseSummary, conceptKey, topSubject } from './summary.ts';

/** Events that mark a specific step of a matter; a communiqué is just the regulator speaking. */
export const DISTINCTIVE: ReadonlySet<EventType> = new Set([
  'hearing',
  'inspection',
  'formal_notice',
  'sanction',
  'referral_prosecutor',
  'moratorium',
  'data_breach',
  'deliberation',
  'complaint',
  'agreement',
  'launch',
]);

/** How much sharing a step of this type says: a meeting the same week is a clue, a communiqué barely one. */
function eventWeight(type: EventType): number {
  if (DISTINCTIVE.has(type)) return 1;
  return type === 'meeting' ? 0.5 : 0.2;
}

const hasStep = (events: readonly LinkEvent[]) => events.some((e) => DISTINCTIVE.has(e.type));

/** The case has reports in this language (unknown for summaries older than the count). */
const toldIn = (summary: CaseSummary, language: string) => (summary.languages?.[language] ?? 0) > 0;

/** Both sides date their steps, and no two of those dates are within a week. */
function stepsApart(mine: readonly LinkEvent[], theirs: readonly LinkEvent[]): boolean {
  const dated = (events: readonly LinkEvent[]) =>
    events.filter((e) => DISTINCTIVE.has(e.type) && e.date !== null).map((e) => e.date as string);
  const a = dated(mine);
  const b = dated(theirs);
  return a.length > 0 && b.length > 0 && a.every((x) => b.every((y) => days(x, y) > 7));
}

/** Whole days between two ISO days (the link features hold days, YYYY-MM-DD), either order. */
function days(a: string, b: string): number {
  return Math.abs(daysBetweenIso(a, b));
}

/**
 * Days between a date and the nearest document of the case; null when either is unknown. Measured to
 * members rather than to the case's span so that a long-running matter does not swallow everything
 * dated between its first and last article.
 */
export function gapToCase(date: string | null, summary: CaseSummary): number | null {
  if (!date) return null;
  const dates = summary.dates ?? [];
  if (dates.length === 0) {
    if (!summary.firstSeen || !summary.lastSeen) return null;
    return Math.min(days(date, summary.firstSeen), days(date, summary.lastSeen));
  }
  let best = Number.POSITIVE_INFINITY;
  for (const d of dates) best = Math.min(best, days(date, d));
  return best;
}

/**
 * Coverage of one matter arrives over days to weeks; later steps (an extension, a sanction) months
 * later. Beyond a month, the same company alone no longer makes the same matter: only a document
 * that points back, or shares a specific law or dated step, keeps enough weight to join.
 */
// Most real excerpts, reprints and aggregator copies carry no date: an unknown date is a small
// doubt, not evidence against — the content has to carry the link, and may.
const UNKNOWN_TIME = 0.9;

function timeFactor(gap: number | null, refersBack: boolean): number {
  if (gap === null) return UNKNOWN_TIME;
  if (gap <= 30) return 1;
  if (gap <= 400) {
    const decayed = gap <= 90 ? 1 - (0.4 * (gap - 30)) / 60 : 0.6 - (0.25 * (gap - 90)) / 310;
    return refersBack ? Math.max(decayed, 0.95) : decayed;
  }
  if (gap <= 1100) return refersBack ? 0.5 : 0.2;
  return 0;
}

/**
 * How close two consonant skeletons are: the longest common subsequence over the longer length —
 * or 1 when one opens the other ("Dukkan+" in "Dukkan Plus", "Sakina" in "Sakina Active") or both
 * open with the same five consonants, the way reports shorten or translate the rest of a name
 * ("Sporting Club du Bouregreg", "سبورتينغ أبي رقراق").
 */
export function skeletonSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length >= 3 && long.startsWith(short)) return 1;
  if (short.length >= 5 && long.startsWith(short.slice(0, 5))) return 1;
  const row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] ?? 0;
      row[j] = a[i - 1] === b[j - 1] ? diagonal + 1 : Math.max(above, row[j - 1] ?? 0);
      diagonal = above;
    }
  }
  return (row[b.length] ?? 0) / Math.max(a.length, b.length, 1);
}

/** The case's weight for an organization, counting an unknown one spelled in another script. */
function caseSubjectWeight(doc: LinkFeatures, id: string, summary: CaseSummary): number {
  const exact = summary.subjects[id];
  if (exact !== undefined) return exact;
  let best = 0;
  for (const [other, w] of Object.entries(summary.subjects))
    if (spellsSameCompany(doc, id, summary, other)) best = Math.max(best, w);
  return best;
}

/** The document's organization `id` and the case's `other` are one unknown company spelled twice. */
function spellsSameCompany(doc: LinkFeatures, id: string, summary: CaseSummary, other: string): boolean {
  if (id === other) return true;
  const key = doc.orgKeys?.[id];
  const otherKey = summary.orgKeys?.[other];
  if (!key || !otherKey) return false;
  const sector = doc.orgSectors?.[id];
  const otherSector = summary.orgSectors?.[other];
  // "Sahara Télécom" and "Sahara Assurances" are two companies of one group.
  if (sector && otherSector && sector !== otherSector) return false;
  return skeletonSimilarity(key, otherKey) >= 0.7;
}

/** Share of the document's subject weight that the case is established about. */
function subjectSimilarity(doc: LinkFeatures, summary: CaseSummary): number {
  let total = 0;
  let shared = 0;
  for (const [id, w] of Object.entries(doc.subjects)) {
    total += w;
    const caseWeight = caseSubjectWeight(doc, id, summary) / Math.max(summary.docCount, 1);
    shared += w * Math.min(1, caseWeight / 0.4);
  }
  return total === 0 ? 0 : shared / total;
}

function lawSimilarity(doc: LinkFeatures, summary: CaseSummary): number {
  let best = 0;
  let sum = 0;
  for (const [id, w] of Object.entries(doc.laws)) {
    const c = summary.laws[id];
    if (c === undefined) continue;
    const s = Math.min(w, c);
    best = Math.max(best, s);
    sum += s;
  }
  return Math.min(1, Math.max(best, sum * 0.6));
}

/** How long before its report a step dated only by the report may have taken place. */
const SOFT_DATE_DAYS = 21;

function eventSimilarity(doc: LinkFeatures, summary: CaseSummary, gap: number | null): number {
  let best = 0;
  for (const e of doc.events) {
    const weight = eventWeight(e.type);
    for (const c of summary.events) {
      if (c.type !== e.type) continue;
      // The same kind of step reported the same week: extracted event dates are noisy (an article
      // dates the moratorium by the deliberation, another by its start), publication dates less so.
      let s = gap !== null && gap <= 7 ? 0.6 : 0.2;
      if (e.date && c.date) {
        const d = days(e.date, c.date);
        // Sources disagree by a day or two on when a step took place; a month apart it is another step.
        s = Math.max(s, d <= 2 ? 1 : d <= 7 ? 0.7 : d <= 30 ? 0.3 : 0.1);
        // A step dated by the publication that reports it only says "by then": a decision taken two
        // weeks before the report is the same step, one taken after it is not.
        const before = daysBetweenIso(e.date, c.date);
        const docSoft = e.date === doc.date && before >= 0;
        const caseSoft = (summary.dates ?? []).includes(c.date) && before <= 0;
        if ((docSoft || caseSoft) && d <= SOFT_DATE_DAYS) s = Math.max(s, 0.7);
      }
      best = Math.max(best, s * weight);
    }
  }
  return best;
}

/**
 * The document tells a step of the case by its date (the same kind of step, within two days), a
 * date it did not take from its own publication: a report months later that recalls "the
 * moratorium of 2 January" points back to it as surely as "following its decision".
 */
function retellsDatedStep(doc: LinkFeatures, summary: CaseSummary): boolean {
  return doc.events.some(
    (e) =>
      e.date !== null &&
      e.date !== doc.date &&
      summary.events.some((c) => c.type === e.type && c.date !== null && days(e.date as string, c.date) <= 2),
  );
}

/** Share of the organizations the document names besides its subjects that the case names too. */
function orgMentionSimilarity(doc: LinkFeatures, summary: CaseSummary): number {
  // The subject is counted as the subject: counted again here, a busy company would tie any two
  // of its matters.
  const others = doc.orgIds.filter((id) => doc.subjects[id] === undefined);
  if (others.length === 0) return 0;
  const known = new Set([...Object.keys(summary.subjects), ...summary.orgIds]);
  let shared = 0;
  for (const id of others) if (known.has(id)) shared++;
  return shared / others.length;
}

/**
 * Both sides name a same organization besides their subjects (a partner, a processor, a court).
 * The subject itself is no corroboration of the subject.
 */
function sharesBystander(doc: LinkFeatures, summary: CaseSummary): boolean {
  return doc.orgIds.some(
    (id) => doc.subjects[id] === undefined && summary.subjects[id] === undefined && summary.orgIds.includes(id),
  );
}

/** The rarity mass below which shared words prove nothing (three words each in half the archive). */
const MIN_TERM_MASS = 3 * Math.LN2;
/**
 * A report carries few concepts, so their mass needs a higher floor: two concepts each in a third of
 * the archive (customers, surveillance) are the field's everyday themes; two each in a hundredth
 * make a story.
 */
const MIN_CONCEPT_MASS = 2 * Math.log(100);

/**
 * How much of the case a word stands for: fully when a tenth of its documents carry it (or any,
 * in a case of up to ten reports), less when one report among fifty does. Without this a growing case
 * would hold every word of the field and contain any newcomer: the chaining of single-link clusters.
 */
function support(summary: CaseSummary, term: string): number {
  const n = summary.tokens[term];
  if (n === undefined) return 0;
  return Math.min(1, n / Math.max(1, 0.1 * summary.docCount));
}

function tokenSimilarity(doc: LinkFeatures, summary: CaseSummary): number {
  if (doc.tokens.length === 0 && (doc.concepts ?? []).length === 0) return 0;
  const weights = doc.termWeights;
  const contained = (tokens: readonly string[], cap: number, floor = MIN_TERM_MASS) => {
    if (tokens.length === 0) return 0;
    if (!weights) {
      let shared = 0;
      for (const t of tokens) shared += support(summary, t);
      return shared / Math.min(tokens.length, cap);
    }
    // With the archive's document frequencies, each word counts for how rare it is: sharing the
    // field's common words says nothing, sharing the matter's own words says a lot.
    let shared = 0;
    let total = 0;
    for (const t of tokens) {
      const w = weights[t] ?? 0;
      total += w;
      shared += w * support(summary, t);
    }
    // A term in half the archive weighs ln 2: a bag of only such words, however fully shared,
    // never adds up to evidence.
    return shared / Math.max(total, floor);
  };
  // Containment rather than Jaccard: the case's bag grows with every article. A headline is
  // denser than a lead, so its words count with less dilution.
  // Concepts live in the same bag under a `#` (`conceptKey`): they are the words every language
  // shares, so a French report and an Arabic one of a matter meet there.
  // One concept in common is a theme (a pandemic, cookies) many matters of a season share; it takes
  // two to say the same story.
  const docConcepts = (doc.concepts ?? []).map(conceptKey);
  const sharedConcepts = docConcepts.filter((c) => summary.tokens[c] !== undefined).length;
  const concepts = contained(docConcepts, 12, MIN_CONCEPT_MASS) * Math.min(1, sharedConcepts / 2);
  return Math.max(contained(doc.tokens, 24) * 1.6, contained(doc.titleTokens ?? [], 8) * 0.8, concepts * 1.2);
}

/** The terms whose rarity weighs the text comparison: words of title and lead, and concepts. */
export function linkTerms(doc: LinkFeatures): string[] {
  return [...new Set([...doc.tokens, ...(doc.titleTokens ?? []), ...(doc.concepts ?? []).map(conceptKey)])];
}

/**
 * Inverse document frequency of each term, from the counts the store keeps (`docs` excludes the
 * document being linked). A word is rare or common among the documents of its own language: the
 * Arabic field's everyday words are in every Arabic report, and counted against an archive that is
 * half French they would look rare enough to make any two Arabic reports alike. Concepts are in
 * every language, so they count against the whole archive.
 */
export function termWeights(
  terms: readonly string[],
  docs: ReadonlyMap<string, number>,
  totals: { all: number; language: number },
) {
  const out: Record<string, number> = {};
  for (const t of terms) {
    const total = t.startsWith(conceptKey('')) ? totals.all : totals.language;
    out[t] = Math.log((total + 1) / ((docs.get(t) ?? 0) + 1));
  }
  return out;
}

/**
 * Details that survive translation (`details.ts`): the same city, the same Ibn-/Sidi-/Moulay- name,
 * the same figure. None names a matter alone, and a shared city least of all; together, next to a
 * step reported the same weeks, they tell a French and an Arabic report of one story apart from
 * another story of the same kind.
 */
function detailSimilarity(doc: LinkFeatures, summary: CaseSummary): number {
  const place = (doc.places ?? []).some((p) => summary.places?.includes(p)) ? 1 : 0;
  const name = (doc.names ?? []).some((n) => summary.names?.includes(n)) ? 1 : 0;
  let figure = 0;
  for (const f of doc.figures ?? []) if (summary.figures?.includes(f)) figure += figureSpecificity(f);
  // The topic is in every language's words but many matters share one (video surveillance, leaks):
  // it adds to the details rather than standing as its own evidence.
  const topic = sharesTopic(doc, summary) ? 1 : 0;
  // "le 17 février 2025" and "17 فبراير 2025" in two reports: the same day told, in any language.
  const day = (doc.days ?? []).some((d) => summary.days?.includes(d)) ? 1 : 0;
  return Math.min(1, 0.35 * place + 0.5 * name + 0.6 * Math.min(1, figure) + 0.35 * topic + 0.6 * day);
}

// Who a matter can be "about" in the sense that tells matters apart: a controller, a platform, or
// a company the gazetteer does not know (every gazetteer entry has a role).
const COMPANY_ROLES: ReadonlySet<OrgRole> = new Set(['controller', 'platform']);

function isCompanyMatter(subjects: Record<string, number>): boolean {
  const top = Object.entries(subjects).filter(([, w]) => w >= 1);
  return top.some(([id]) => {
    const role = orgRole(id);
    return role === null || COMPANY_ROLES.has(role);
  });
}

function sharesTopic(doc: LinkFeatures, summary: CaseSummary): boolean {
  return (doc.topics ?? []).some((t) => summary.topics?.includes(t));
}

/**
 * Both sides say what the matter is about and name nothing in common: a leak of passenger lists
 * and a letter on data scraping are two matters, even when both name WhatsApp.
 */
function topicsConflict(doc: LinkFeatures, summary: CaseSummary): boolean {
  const mine = doc.topics ?? [];
  const theirs = summary.topics ?? [];
  return mine.length > 0 && theirs.length > 0 && !mine.some((t) => theirs.includes(t));
}

// The capital is where the regulator, the courts and the ministries sit: named for them as often
// as for where the matter happened, it ties but never separates.
const SEAT_CITY = 'rabat';

function placesConflict(doc: LinkFeatures, summary: CaseSummary): boolean {
  const mine = (doc.places ?? []).filter((p) => p !== SEAT_CITY);
  const theirs = (summary.places ?? []).filter((p) => p !== SEAT_CITY);
  return mine.length > 0 && theirs.length > 0 && !mine.some((p) => theirs.includes(p));
}

export interface ScoreParts {
  subject: number;
  law: number;
  event: number;
  text: number;
  detail: number;
  time: number;
  regulator: number;
  score: number;
}

export function scoreCandidate(doc: LinkFeatures, summary: CaseSummary): ScoreParts {
  if (
    doc.duplicateOf &&
    (summary.documentIds.includes(doc.duplicateOf) || summary.documentIds.includes(doc.documentId))
  )
    return { subject: 1, law: 1, event: 1, text: 1, detail: 1, time: 1, regulator: 1, score: 1 };
  const gap = gapToCase(doc.date, summary);
  const docHasSubject = Object.keys(doc.subjects).length > 0;
  // A case has a subject when a quarter of its reports put one same organization first, or half of
  // them put some organization first: one report among several naming a company does not make a
  // matter about no company a company's matter, nor do a few reports each putting a different
  // bystander first — but a case whose reports are about companies stays a companies' case, even
  // when none of them dominates, lest it gather every company's matter.
  let subjectReports = 0;
  let leading = 0;
  for (const w of Object.values(summary.subjects)) {
    subjectReports += w;
    leading = Math.max(leading, w);
  }
  const caseHasSubject = subjectReports >= 0.5 * summary.docCount || leading >= 0.25 * summary.docCount;
  // A report about no company in particular that still names the one the other side is about (a
  // short brief naming the company once) leans towards it, half as much as making it its subject —
  // in coverage of the same weeks only: months later a passing mention is a recap, not a follow-up.
  let subject = subjectSimilarity(doc, summary);
  if (subject === 0 && docHasSubject !== caseHasSubject && gap !== null && gap <= 30) {
    const top = topSubject(summary);
    const named = docHasSubject
      ? Object.entries(doc.subjects).some(
          ([id, w]) => w === 1 && summary.orgIds.some((other) => spellsSameCompany(doc, id, summary, other)),
        )
      : top !== null && doc.orgIds.some((id) => spellsSameCompany(doc, id, summary, top));
    if (named) subject = 0.5;
  }
  const law = lawSimilarity(doc, summary);
  const event = eventSimilarity(doc, summary, gap);
  const text = Math.min(1, tokenSimilarity(doc, summary));
  // A shared deliberation number anchors a later step to its matter as firmly as words pointing back.
  const time = timeFactor(gap, doc.refersBack || law >= 1 || retellsDatedStep(doc, summary));
  const orgs = orgMentionSimilarity(doc, summary);
  const detail = detailSimilarity(doc, summary);
  // As the archive grows, many matters share a kind of step in the same days, and a busy company
  // has more than one matter a season: neither the step nor the company stands alone, each must be
  // corroborated by something else the two sides share.
  const others = law >= 0.3 || text >= 0.3 || detail >= 0.35 || sharesBystander(doc, summary);
  const eventCounts = others || subject >= 0.5;
  // A report that points back ("faisant suite à", "وكانت اللجنة قد") to the company's matter is its
  // next step, not another matter of the same company; so, usually, is one of the same few days —
  // but not one that tells another step than the case and either dates it weeks away from the
  // case's, or shares none of the case's words in a language the case is told in: two reports of
  // one matter in one language share its words beyond the company's name (the place, the step).
  const otherStep = event === 0 && hasStep(doc.events) && hasStep(summary.events);
  const otherMatter =
    otherStep && (stepsApart(doc.events, summary.events) || (text < 0.15 && toldIn(summary, doc.language)));
  const subjectCounts = others || doc.refersBack || (!otherMatter && (event >= 0.6 || (gap !== null && gap <= 3)));
  let evidence =
    0.5 * (subjectCounts ? subject : Math.min(subject, 0.4 + text)) +
    0.5 * law +
    (eventCounts ? 0.45 * event : 0) +
    0.35 * text +
    0.15 * orgs +
    0.45 * detail;
  // A matter about no company — a convention, a communiqué on a practice, an awareness week — is
  // told in every language through what it is about: there the topic is evidence of its own.
  if (!docHasSubject && !caseHasSubject && sharesTopic(doc, summary)) evidence += 0.15;
  // Two documents each clearly about a different company are different matters, whatever else
  // they share (the same law, a hearing the same week) — but for the number of the decision itself,
  // which names one matter whoever each report puts first.
  // Only companies set two matters apart so firmly: a network, an international body or a ministry
  // put first by one report and not by another (a meeting, a joint letter) is a reading, not a
  // different matter, and weighs as a subject missing on one side.
  // A subject the case names in one report among many is a bystander of the case, not its subject.
  // Reports in one language that share nearly all of a story's rare words and its dated step tell
  // one story, whoever each puts first (one names the processor, another a client in passing).
  const oneStory = text >= 0.9 && event >= 0.7 && toldIn(summary, doc.language);
  if (docHasSubject && caseHasSubject && subject < 0.25 && law < 1)
    evidence *= isCompanyMatter(doc.subjects) && isCompanyMatter(summary.subjects) && !oneStory ? 0.35 : 0.7;
  // A company's document joining a subject-less matter (a moratorium, a general statement) needs
  // more than shared words; the reverse is milder, since a report may leave a company unnamed or
  // name it in a spelling the gazetteer does not know.
  else if (docHasSubject && !caseHasSubject) evidence *= 0.7;
  else if (!docHasSubject && caseHasSubject) evidence *= 0.85;
  // Two reports of one story name its city; a leak in Fès and one in Agadir the same week are two
  // stories, whatever else they share (the topic, the kind of step).
  if (subject === 0 && placesConflict(doc, summary)) evidence *= 0.6;
  if (topicsConflict(doc, summary)) evidence *= 0.6;
  let regulator = 1;
  if (doc.regulatorIds.length > 0 && summary.regulatorIds.length > 0) {
    if (!doc.regulatorIds.some((r) => summary.regulatorIds.includes(r))) regulator = 0.3;
  } else if (doc.regulatorIds.length !== summary.regulatorIds.length) {
    // One side never mentions a regulator (a parliamentary question, a first report of a leak).
    regulator = 0.8;
  }
  const score = Math.min(1, evidence) * time * regulator;
  return { subject, law, event, text, detail, time, regulator, score: Math.round(score * 1000) / 1000 };
}
