// A page's publication date when the page states none. Real excerpts, reprints and aggregator
// copies often come without a date, and an import time standing in for it puts a 2019 matter in
// 2026 — the date then separates reports that belong together. So a missing date is read from the
// text, with the words that gave it as evidence, or stays unknown.
import { findDates } from './find-dates.ts';

export interface InferredDate {
  /** YYYY-MM-DD. */
  date: string;
  /** Where the text gave it: a dateline at the head, or a wire sign-off at the tail. */
  basis: 'dateline' | 'sign-off';
  /** The words the date was read from. */
  evidence: string;
}

/** A dateline sits above or in the first lines of the lead; further down, dates are the story's. */
const HEAD_CHARS = 250;

/**
 * The date a dated head or tail gives: a dateline ("Rabat, le 9 janvier 2023", "الرباط، 18 مارس
 * 2025") or a wire sign-off ("(MAP-02/09/2021)"). Only explicit day, month and year count, and only
 * there: a date in the body is the day something happened — a recalled meeting, a deliberation of
 * 2015 —, which says little of when the report was written and would push it away from its matter.
 */
export function inferPublicationDate(text: string): InferredDate | null {
  const full = findDates(text, { reference: null }).filter((d) => !d.relative && d.precision === 'day');
  const head = full.find((d) => d.start < HEAD_CHARS);
  if (head) return { date: head.date, basis: 'dateline', evidence: head.text };
  const tail = full.find(
    (d) =>
      d.end > text.length - 200 && /(?:\(|map|و\.م\.ع)[\s-]*$/i.test(text.slice(Math.max(0, d.start - 12), d.start)),
  );
  return tail ? { date: tail.date, basis: 'sign-off', evidence: tail.text } : null;
}
