// Finds dates in French, Arabic and English news and legal text and resolves them to ISO days.
//
// Matching runs on `normalizeForMatch` output (lowercase, unaccented, Arabic letters unified,
// Arabic-Indic digits made Latin), so one pattern covers "Août"/"aout" and "أكتوبر"/"اكتوبر"; spans
// are mapped back to the caller's string. Each rule (rules.ts) is one regex with a named group `s` for
// the span; overlapping candidates are settled longest-first, so "mercredi 23 octobre 2019" wins
// over the weekday "mercredi" alone and "le 10/01/2023 à 10h13" carries its time.
//
// Expressions that need the publication date (weekdays, "hier", "dans un délai de 30 jours",
// year-less "1er mars") are resolved against `reference` and marked `relative`; with no reference
// they are skipped rather than guessed.
import { normalizeWithOffsets, toOriginalRange } from '../normalize.ts';
import { addDays, daysInMonth, formatYmd, parseYmd } from './calendar.ts';
import type { Candidate } from './resolve.ts';
import { RULES } from './rules.ts';

export interface DateMention {
  start: number;
  end: number;
  text: string;
  /** YYYY-MM-DD; for month precision the first day (last day for "fin mars"), for year precision 1 January. */
  date: string;
  precision: 'day' | 'month' | 'year';
  /** True when the date was resolved against the reference date (weekday, "hier", year-less, duration). */
  relative: boolean;
  /** HH:MM when the text gives a time of day next to the date. */
  time?: string;
}

export interface FindDatesOptions {
  /** The publication date (ISO date or datetime) relative expressions are resolved against. */
  reference: string | null;
}

const TRAILING_MARK = /[\u0610-\u061a\u064b-\u065f\u0670\u0640]/;

// "la veille", "le lendemain", "اليوم الموالي": one day from the date told just before in the same
// sentence ("un communiqué publié jeudi 23 octobre annonce avoir mis en demeure, la veille, ..."),
// never guessed without one. "la veille de l'audience" counts from an event, not a date: skipped.
const NEIGHBOUR_DAY =
  /(?<![\p{L}])(?:(?<prev>la veille|the previous day)|(?<next>le lendemain|the next day|the following day|اليوم الموالي|اليوم التالي|في الغد))(?![\p{L}])(?!\s*(?:de |du |d'|des |of |ل|من ))/gu;

function addNeighbourDays(n: string, kept: Candidate[]): void {
  const found: Candidate[] = [];
  for (const m of n.matchAll(NEIGHBOUR_DAY)) {
    const start = m.index;
    const end = start + m[0].length;
    if (kept.some((k) => start < k.end && k.start < end)) continue;
    const anchor = kept.findLast((k) => k.end <= start && k.precision === 'day');
    if (!anchor || start - anchor.end > 200 || /[.!?؟]\s/.test(n.slice(anchor.end, start))) continue;
    const date = addDays(anchor.date, m.groups?.prev ? -1 : 1);
    found.push({ start, end, date, precision: 'day', relative: true });
  }
  kept.push(...found);
  kept.sort((a, b) => a.start - b.start);
}

// "fin mars de l'année prochaine", "نهاية شهر مارس من السنة المقبلة", "in June of last year": the
// year phrase right after a month or day without a year of its own says which year it is.
const YEAR_OF = /^\s*,?\s*(?:de|d'|du|of|من|في)?\s*$/u;

function attachRelativeYears(n: string, kept: Candidate[]): void {
  for (let i = 0; i + 1 < kept.length; i++) {
    const c = kept[i] as Candidate;
    const y = kept[i + 1] as Candidate;
    if (!c.relative || c.precision === 'year' || y.precision !== 'year' || !y.relative) continue;
    if (!YEAR_OF.test(n.slice(c.end, y.start))) continue;
    const last = daysInMonth(y.date.y, c.date.m);
    kept[i] = { ...c, end: y.end, date: { ...c.date, y: y.date.y, d: Math.min(c.date.d, last) } };
    kept.splice(i + 1, 1);
  }
}

export function findDates(text: string, opts: FindDatesOptions): DateMention[] {
  const ref = parseYmd(opts.reference);
  const normalized = normalizeWithOffsets(text);
  const n = normalized.text;
  const candidates: Candidate[] = [];
  const triggered = new Map<RegExp, boolean>();
  for (const rule of RULES) {
    if (ref === null && rule.needsReference) continue;
    if (rule.trigger !== undefined) {
      let pass = triggered.get(rule.trigger);
      if (pass === undefined) {
        pass = rule.trigger.test(n);
        triggered.set(rule.trigger, pass);
      }
      if (!pass) continue;
    }
    rule.re.lastIndex = 0;
    for (const match of n.matchAll(rule.re)) {
      const span = match.indices?.groups?.s;
      if (span === undefined || match.groups === undefined) continue;
      // Trailing spaces can be swallowed by an optional group that then matched nothing.
      let [start, end] = span;
      while (end > start && /\s/.test(n[end - 1] ?? '')) end--;
      if (end <= start) continue;
      const built = rule.build(match.groups, ref);
      if (built === null) continue;
      candidates.push({ ...built, start, end });
    }
  }

  // Longest first: a full date beats the weekday or month-year inside it.
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Candidate[] = [];
  for (const c of candidates) {
    if (kept.some((k) => c.start < k.end && k.start < c.end)) continue;
    kept.push(c);
  }
  kept.sort((a, b) => a.start - b.start);
  attachRelativeYears(n, kept);
  addNeighbourDays(n, kept);

  return kept.map((c) => {
    const range = toOriginalRange(normalized, c.start, c.end);
    let end = range.end;
    // Keep harakat written on the last letter inside the span, but nothing after a space.
    while (end < text.length && TRAILING_MARK.test(text[end] ?? '')) end++;
    const mention: DateMention = {
      start: range.start,
      end,
      text: text.slice(range.start, end),
      date: formatYmd(c.date),
      precision: c.precision,
      relative: c.relative,
    };
    if (c.time !== undefined) mention.time = c.time;
    return mention;
  });
}
