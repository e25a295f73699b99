// Blocking: which cases are candidates for a document at all, by keys they share in a time window.
import { isProceduralId, type LinkFeatures } from './features.ts';
import { DISTINCTIVE } from './score.ts';
import { conceptKey } from './summary.ts';
/**
 * Blocking keys: a case is only a candidate for a document if they share one. Generic features
 * (the regulator, the base law, a bare communiqué) are never keys, so a key's bucket holds the few
 * cases about that company, deliberation or dated step — whatever the archive size. Each key
 * family has its own reach in time (`keyWindowMonths`): a company or a deliberation ties a
 * follow-up months later, a step type or a word only ties coverage of the same weeks.
 */
export function blockingKeys(doc: LinkFeatures): { write: string[]; lookup: string[] } {
  const write = new Set<string>();
  const lookup = new Set<string>();
  for (const id of Object.keys(doc.subjects)) {
    write.add(`o:${id}`);
    // An unknown company meets its other-script spelling through its consonant skeleton.
    const key = doc.orgKeys?.[id];
    // Two-consonant keys are too common to block on; the name's other evidence finds the case.
    if (key && key.length >= 3) {
      write.add(`k:${key}`);
      // Reports shorten a name or translate its tail: its opening consonants meet (`skeletonSimilarity`).
      write.add(`k:${key.slice(0, 3)}…`);
    }
  }
  for (const id of doc.orgIds) lookup.add(`o:${id}`);
  for (const key of Object.values(doc.orgKeys ?? {})) {
    if (key.length < 3) continue;
    lookup.add(`k:${key}`);
    lookup.add(`k:${key.slice(0, 3)}…`);
  }
  for (const [id, w] of Object.entries(doc.laws)) if (w >= 0.3) write.add(`l:${id}`);
  for (const e of doc.events) if (DISTINCTIVE.has(e.type)) write.add(`e:${e.type}`);
  // Reports of one matter in one language meet through their distinctive words, whoever each puts
  // first (a report may put a bystander first); subject-less matters (a moratorium, a leak) meet
  // across languages through their topic and the organizations they name in passing.
  for (const t of doc.tokens.slice(0, 8)) write.add(`t:${t}`);
  if (Object.keys(doc.subjects).length === 0) {
    for (const t of doc.topics ?? []) write.add(`p:${t}`);
    for (const id of doc.orgIds) if (!isProceduralId(id)) write.add(`o:${id}`);
  }
  for (const t of doc.topics ?? []) lookup.add(`p:${t}`);
  // Every document records its concepts, so the lookup learns which ones are everywhere in a
  // window (more than STOP_TOKEN_CASES cases) and leaves those out of the comparison.
  for (const c of (doc.concepts ?? []).slice(0, 12)) write.add(`t:${conceptKey(c)}`);
  for (const k of write) lookup.add(k);
  for (const t of doc.tokens.slice(0, 8)) lookup.add(`t:${t}`);
  // Every concept is looked up, so that those common in the window are known and left out of the
  // comparison (`generic` in the store's candidate lookup).
  for (const c of doc.concepts ?? []) lookup.add(`t:${conceptKey(c)}`);
  return { write: [...write], lookup: [...lookup] };
}

/** How many months either side of a document a blocking key reaches. */
export function keyWindowMonths(key: string): number {
  if (key.startsWith('o:') || key.startsWith('k:') || key.startsWith('l:')) return 37;
  if (key.startsWith('t:')) return 3;
  return 1;
}

/** Month index used as the time bucket of blocking rows. */
export function monthBucket(date: string | null): number | null {
  if (!date || !/^\d{4}-\d{2}/.test(date)) return null;
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}
