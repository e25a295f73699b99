// A page's publication date when the page states none. Real excerpts, reprints and aggregator
// copies often come without a date, and an import time standing in for it puts a 2019 matter in
// 2026 — the date then separates reports that belong together. So a missing date is read from the
// text, with the words that gave it as evidence, or stays unknown.
import { findDates } from './find-dates.ts';

export interface InferredDate {
  /** YYYY-MM-DD. */
  date: string;
  /** How the text gave it: a dateline or sign-off, or the latest full date the report mentions. */
  basis: 'dateline' | 'latest-mention';
  /** The words the date was read from. */
  evidence: string;
}

// Dates that look forward — a deadline, an appointment, a window — say when something will
// happen, not when the report was written.
const FORWARD =
  /(?:avant|jusqu'?(?:au|a)|d'ici|au plus tard|a partir|des le|à partir|dès le|delai|délai|prochain|until|by|before|from|deadline|قبل|في اجل|في أجل|الى غايه|إلى غاية|الى غاية|ابتداء|ابتداءً|اعتبارا|اعتباراً|انطلاقا|المقبل|القادم)\s*(?:du|de|le|la|the|من|يوم)?\s*$/iu;

/**
 * The date a dated head or tail gives (a dateline "Rabat, le 9 janvier 2023", a wire sign-off
 * "(MAP-02/09/2021)"), else the latest full date the report mentions looking back: a report is
 * written on or after the last day it tells of. Only explicit day, month and year count: a
 * year-less "le 6 janvier" would need the very year we are looking for.
 */
export function inferPublicationDate(text: string): InferredDate | null {
  const full = findDates(text, { reference: null }).filter((d) => !d.relative && d.precision === 'day');
  if (full.length === 0) return null;
  const head = full.find((d) => d.start < 400);
  if (head) return { date: head.date, basis: 'dateline', evidence: head.text };
  const tail = full.find(
    (d) => d.end > text.length - 200 && /\(|map|و\.م\.ع|\/\s*$/i.test(text.slice(d.start - 12, d.start)),
  );
  if (tail) return { date: tail.date, basis: 'dateline', evidence: tail.text };
  const backward = full.filter((d) => !FORWARD.test(text.slice(Math.max(0, d.start - 30), d.start)));
  const latest = backward.reduce<(typeof backward)[number] | null>(
    (best, d) => (best === null || d.date > best.date ? d : best),
    null,
  );
  return latest ? { date: latest.date, basis: 'latest-mention', evidence: latest.text } : null;
}
