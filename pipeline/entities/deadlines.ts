// Deadlines and dated obligations: a date counts when the words right before it set a limit
// ("dans un délai ne dépassant pas le", "في أجل أقصاه", "avant le") or a start ("à compter du",
// "اعتبارا من", "a pris effet dès le"). The label comes from the clause: moratorium, compliance, or
// plain deadline / effective date. A moratorium given as a length ("moratoire de sept mois") also
// yields its end date from the start date.
import { addDaysToIso, addMonthsToIso } from '../dates/calendar.ts';
import type { DateMention } from '../dates/index.ts';
import { NUMBER_WORDS_ARABIC, NUMBER_WORDS_FRENCH } from '../dates/vocabulary.ts';
import { normalizeForMatch } from '../normalize.ts';
import type { DeadlineEntity, Span } from '../types.ts';
import { type DocContext, origIndex, sentenceAt, sentenceIndexAt, spanOf } from './context.ts';

// The trigger must be the last words before the date, with at most a filler ("le", "jeudi", "يوم").
const FILLER =
  "(?:\\s*(?:le|la|l'|du|au|de|ce|cette|the|on|في|يوم|تاريخ|بتاريخ|ال|\\p{L}*di|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعه|السبت|الاحد))*\\s*$";
const LIMIT = new RegExp(
  `(?:delai ne depassant pas|delai n'excedant pas|delai expirant|au plus tard|avant le|avant la fin|avant fin|d'ici le|d'ici au|d'ici a|d'ici|jusqu'au|jusqu'a|jusqu'en|date limite|dernier delai|echeance|fixe au|fixee au|prend fin|prendra fin|devait prendre fin|expir\\p{L}*|no later than|by|before|until|deadline|في اجل لا يتجاوز|اجل لا يتعدي|في اجل اقصاه|اجل اقصاه|موعد اقصاه|في موعد لا يتجاوز|لا يتجاوز|قبل|الي غايه|لغايه|حتي|اخر اجل|ينتهي|تنتهي|في غضون|خلال اجل)${FILLER}`,
  'u',
);
const START = new RegExp(
  `(?:a compter du|a compter de|a partir du|a partir de|des le|pris effet|prend effet|prendra effet|entre en vigueur|entrera en vigueur|entree en vigueur|en vigueur depuis|effective|starting|as of|as from|applies from|from|اعتبارا من|اعتبارا|ابتداء من|ابتداءا من|بدءا من|بداية من|حيز التنفيذ|يسري)${FILLER}`,
  'u',
);
// Announced launches: "le registre sera rendu public le 31 mars", "سيتم إطلاق ... يوم".
const LAUNCH = new RegExp(
  `(?:sera|seront|will be)\\s+(?:rendue?s?\\s+publi(?:c|que)s?|publiee?s?|lancee?s?|mise?s?\\s+en\\s+(?:place|ligne|service)|operationnel(?:le)?s?|accessibles?|disponibles?|ouverte?s?|launched|published|available)(?:\\s+\\p{L}+){0,3}?\\s*(?:le|la|on|des le|a partir du)?${FILLER}`,
  'u',
);
// Relative durations carry their own trigger inside the date text ("dans un délai de sept mois").
const DURATION_IN_DATE = /^(?:dans un delai|dans|sous|d'ici|within|في اجل|في غضون|خلال|بعد)/u;

const MORATORIUM = /moratoire|moratorium|تعليق|توقيف/u;
const COMPLIANCE = /conformite|conformer|ملاءمه|ملاءمه|ملايمه|مطابقه|comply|compliance|regularis/u;

// Durations ("moratoire de sept mois", "لمدة سبعة أشهر", "trente jours"): the number words of the
// date vocabulary, plus the compound ninety that dates never need.
const NUMBER_WORDS: Record<string, number> = {
  ...NUMBER_WORDS_FRENCH,
  ...NUMBER_WORDS_ARABIC,
  'quatre-vingt-dix': 90,
  'quatre vingt dix': 90,
};
const MORATORIUM_LENGTH =
  /(?:moratoire|moratorium|تعليق|توقيف)[^.؟!\n]{0,60}?(?:de|d'une duree de|pour|of|لمده|مده)\s+(\d{1,2}|\p{L}+)\s*(mois|months?|ans?|annee|اشهر|شهرا|شهر|شهرين|سنه|سنتين)?/u;

function classify(ctx: DocContext, d: DateMention): { label: string; confidence: number } | null {
  if (d.precision === 'year') return null;
  const s = sentenceAt(ctx, d.start);
  const before = normalizeForMatch(ctx.text.slice(Math.max(s.start, d.start - 80), d.start));
  const dateText = normalizeForMatch(d.text);
  // The clause naming the moratorium may be the sentence before ("un moratoire de sept mois. Il a pris effet le...").
  const prev = ctx.sentences[sentenceIndexAt(ctx, d.start) - 1];
  const sentence = normalizeForMatch(ctx.text.slice(s.start, s.end));
  const previous = prev ? normalizeForMatch(ctx.text.slice(prev.start, prev.end)) : '';
  const isLimit = LIMIT.test(before) || (d.relative && DURATION_IN_DATE.test(dateText));
  const isStart = !isLimit && (START.test(before) || LAUNCH.test(before));
  if (!isLimit && !isStart) return null;
  if (MORATORIUM.test(sentence) || (isStart && MORATORIUM.test(previous)))
    return { label: isLimit ? 'moratorium end' : 'moratorium start', confidence: 0.8 };
  if (isStart) return { label: 'effective date', confidence: 0.75 };
  if (COMPLIANCE.test(sentence)) return { label: 'compliance deadline', confidence: 0.85 };
  return { label: 'deadline', confidence: 0.7 };
}

// A limit given as a length counted from a start ("dans un délai de 60 jours à compter du 6 mai",
// "خلال أجل أقصاه 60 يوما ابتداء من تاريخ البلاغ", "within six months of the signature"). The start
// is the date right after the phrase, else the date of the thing it names (the communiqué, the
// signature, "cette date"), else the publication date. Groups: [1] count, [2] unit, [3] Arabic dual.
const COUNT = `(\\d{1,3}|${Object.keys(NUMBER_WORDS)
  .sort((a, b) => b.length - a.length)
  .join('|')})`;
const ANCHORED_DURATION = new RegExp(
  `(?<![\\p{L}])(?:delai|dans les|sous|within|اجل|اجلا|مهله|في غضون)\\s+` +
    `(?:de\\s+|d'un\\s+|d'une duree de\\s+|maximum de\\s+|maximal de\\s+|ne depassant pas\\s+|n'excedant pas\\s+|of\\s+|اقصاه\\s+|اقصاها\\s+|مدته\\s+|مدتها\\s+|قدره\\s+|لا يتجاوز\\s+|لا تتجاوز\\s+|لا يتعدي\\s+|لا تتعدي\\s+)?` +
    `(?:${COUNT}\\s+(jours?|mois|semaines?|ans|annees?|days?|months?|weeks?|years?|يوما|يوم|ايام|اسابيع|اسبوعا|اشهر|شهرا|شهر|سنه)|(شهرين|شهران|يومين|يومان|اسبوعين|اسبوعان|سنتين|سنتان))` +
    `(?:\\s+(?:calendaires|ouvrables|francs|ouvres|calendar|working|business))?\\s*,?\\s*` +
    `(?:a compter|a partir|suivant|apres|des|from|of|after|following|ابتداء من|ابتداءا من|اعتبارا من|بدءا من|يبتدئ من|تبتدئ من|من)(?![\\p{L}])`,
  'gu',
);
// The same length with no "délai" before it, when a start word follows at once: "les commerces ont
// trente jours, à compter de la publication", "أمام الشركة 30 يوما ابتداء من تاريخ التوصل".
const BARE_DURATION = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${COUNT}\\s+(jours?|mois|semaines?|days?|months?|weeks?|يوما|ايام|اسابيع|اشهر|شهرا)|(شهرين|يومين|اسبوعين))` +
    `\\s*,?\\s*(?:a compter|a partir|starting from|ابتداء من|ابتداءا من|اعتبارا من|بدءا من)(?![\\p{L}])`,
  'gu',
);
// A start named and dated in the same breath: "à compter de la notification, intervenue mercredi 22
// octobre", "à compter de la publication du communiqué le 3 mars". Not across a second limit.
const NAMED_THEN_DATED = /^[^.;:!?؟]{0,60}$/u;
const SECOND_LIMIT = /au plus tard|avant|jusqu|soit |\bet\b|\bor\b|\bou\b|قبل|اقصاه|في اجل|no later|before|until/u;
const THIS_DATE =
  /^\s*(?:de\s+|du\s+|d'\s*)?(?:cette date|ce jour|la meme date|this date|that date|that day|هذا التاريخ|ذلك التاريخ|نفس التاريخ|هذا اليوم)/u;
// The text itself as the start ("à compter de la date du présent communiqué", "ابتداء من تاريخ هذا
// البلاغ"): its publication date, not the last date the text happens to mention.
const THIS_TEXT =
  /^\s*(?:(?:de|du|la|date|publication|parution|of|the|تاريخ|صدور|نشر)\s+)*(?:(?:ce|cet|present|presente|this)\s+(?:communique|avis|decision|deliberation|statement|notice|decision)|(?:هذا|هذه)\s+(?:البلاغ|المداوله|القرار|الاعلان))/u;
// The thing the count starts from: its first word after articles ("de la notification" → "notification").
const ANCHOR_NOUN = /^\s*(?:(?:de|du|des|la|le|les|l'|d'|the|its|their|sa|son|تاريخ)\s*)*([\p{L}]{4,})/u;

type DurationUnit = 'day' | 'week' | 'month' | 'year';
const DUAL_UNITS: Record<string, DurationUnit> = {
  شهرين: 'month',
  شهران: 'month',
  يومين: 'day',
  يومان: 'day',
  اسبوعين: 'week',
  اسبوعان: 'week',
  سنتين: 'year',
  سنتان: 'year',
};

function unitDays(unit: string): DurationUnit {
  if (/^(?:jours?|days?|يوما|يوم|ايام)$/.test(unit)) return 'day';
  if (/^(?:semaines?|weeks?|اسابيع|اسبوعا)$/.test(unit)) return 'week';
  if (/^(?:ans|annees?|years?|سنه)$/.test(unit)) return 'year';
  return 'month';
}

function countOf(raw: string): number | null {
  if (/^\d+$/.test(raw)) return Number(raw);
  return NUMBER_WORDS[raw] ?? null;
}

/** The date a named start refers to: a dated sentence mentioning it, nearest first, going back. */
function dateOfNamed(ctx: DocContext, stem: string, before: number): string | null {
  const last = sentenceIndexAt(ctx, before);
  for (let i = last; i >= 0; i--) {
    const s = ctx.sentences[i];
    if (!s) continue;
    const sentence = normalizeForMatch(ctx.text.slice(s.start, s.end));
    if (!sentence.includes(stem)) continue;
    const dated = ctx.dates.find(
      (d) => d.precision === 'day' && d.start >= s.start && d.end <= Math.min(s.end, before) && /\d/.test(d.text),
    );
    if (dated) return dated.date;
  }
  return null;
}

interface AnchoredLimit {
  date: string;
  oStart: number;
  oEnd: number;
  /** The same length resolved from the publication date by the date finder: not a date of its own. */
  consumed: DateMention[];
  /** The date the count starts from ("à compter du 6 mai"): an event's date, not a deadline. */
  start: DateMention | null;
}

function findAnchoredLimits(ctx: DocContext): AnchoredLimit[] {
  const out: AnchoredLimit[] = [];
  const text = ctx.norm.text;
  const matches = [...text.matchAll(ANCHORED_DURATION)];
  for (const m of text.matchAll(BARE_DURATION)) {
    if (!matches.some((a) => m.index < a.index + a[0].length && a.index < m.index + m[0].length)) matches.push(m);
  }
  for (const m of matches) {
    // Arabic duals carry their count: "شهرين" is two months.
    const n = m[3] ? 2 : countOf(m[1] ?? '');
    if (n === null || n === 0) continue;
    const oStart = origIndex(ctx, m.index);
    const oEnd = origIndex(ctx, m.index + m[0].length);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 40);
    const consumed = ctx.dates.filter((d) => d.start < oEnd && d.end > oStart);
    const sentenceEnd = sentenceAt(ctx, oStart).end;
    const explicit = ctx.dates.find((d) => {
      if (d.precision !== 'day' || d.start < oEnd || d.end > sentenceEnd || !/\d/.test(d.text)) return false;
      if (d.start - oEnd <= 16) return true;
      const between = normalizeForMatch(ctx.text.slice(oEnd, d.start));
      return NAMED_THEN_DATED.test(between) && !SECOND_LIMIT.test(between);
    });
    let start: string | null = null;
    if (explicit) start = explicit.date;
    else if (THIS_TEXT.test(after)) start = ctx.publishedAt;
    else if (THIS_DATE.test(after)) {
      start =
        [...ctx.dates].reverse().find((d) => d.precision === 'day' && d.end <= oStart && /\d/.test(d.text))?.date ??
        null;
    } else {
      const noun = ANCHOR_NOUN.exec(after)?.[1];
      // "son entrée en vigueur" is found by "vigueur": "entr" would also be "entre" (between).
      if (noun) start = dateOfNamed(ctx, noun === 'entree' ? 'vigueur' : noun.replace(/^ال/, '').slice(0, 4), oStart);
    }
    start ??= ctx.publishedAt;
    if (!start) continue;
    const unit = m[3] ? DUAL_UNITS[m[3]] : unitDays(m[2] ?? '');
    if (!unit) continue;
    const date =
      unit === 'day'
        ? addDaysToIso(start, n)
        : unit === 'week'
          ? addDaysToIso(start, n * 7)
          : addMonthsToIso(start, unit === 'year' ? n * 12 : n);
    out.push({ date, oStart, oEnd: explicit ? explicit.end : oEnd, consumed, start: explicit ?? null });
  }
  return out;
}

// A period announced with both ends ("du 2 juin au 13 juillet", "من 2 يونيو إلى 13 يوليوز"): the
// first date opens it, the second closes it, when it is not over at publication.
const PERIOD_GAP = /^\s*(?:au|jusqu'au|to|until|through|الي|إلى|حتي)\s*(?:le\s+)?$/u;
const PERIOD_OPEN = /(?:^|[\s(])(?:du|from|من|ما بين|entre le)\s*(?:le\s+)?$/u;

/** Dates found as deadlines, to keep event dating from using them. */
export function findDeadlines(ctx: DocContext): { deadlines: DeadlineEntity[]; deadlineDates: Set<DateMention> } {
  const byDate = new Map<string, DeadlineEntity>();
  const used = new Set<DateMention>();
  const add = (date: string, label: string, span: Span) => {
    const e = byDate.get(date);
    if (e) {
      e.mentions.push(span);
      // A specific label beats the generic ones.
      if (e.label === 'deadline' || e.label === 'effective date') e.label = label;
    } else byDate.set(date, { date, label, mentions: [span] });
  };
  let moratoriumStart: { date: string; at: number } | null = null;
  const anchored = findAnchoredLimits(ctx);
  const skip = new Set(anchored.flatMap((a) => a.consumed));
  for (const d of skip) used.add(d);
  for (const a of anchored) if (a.start) skip.add(a.start);
  for (const a of anchored) {
    const s = sentenceAt(ctx, a.oStart);
    const label = COMPLIANCE.test(normalizeForMatch(ctx.text.slice(s.start, s.end)))
      ? 'compliance deadline'
      : 'deadline';
    add(a.date, label, spanOf(ctx, a.oStart, a.oEnd, 0.7));
  }
  const dayDates = ctx.dates.filter((d) => d.precision === 'day');
  for (const [i, d] of dayDates.entries()) {
    const next = dayDates[i + 1];
    if (!next || skip.has(d) || skip.has(next)) continue;
    const gap = normalizeForMatch(ctx.text.slice(d.end, next.start));
    const open = normalizeForMatch(ctx.text.slice(Math.max(0, d.start - 12), d.start));
    if (!PERIOD_GAP.test(gap) || !PERIOD_OPEN.test(open) || next.date <= d.date) continue;
    // A period over before publication is a past fact ("une mission menée du 3 au 5 mars").
    if (ctx.publishedAt && next.date < ctx.publishedAt) continue;
    const sentence = normalizeForMatch(ctx.text.slice(sentenceAt(ctx, d.start).start, sentenceAt(ctx, d.start).end));
    const moratorium = MORATORIUM.test(sentence);
    add(d.date, moratorium ? 'moratorium start' : 'effective date', spanOf(ctx, d.start, d.end, 0.6));
    add(next.date, moratorium ? 'moratorium end' : 'deadline', spanOf(ctx, next.start, next.end, 0.6));
    skip.add(d);
    skip.add(next);
    used.add(d);
    used.add(next);
  }
  for (const d of ctx.dates) {
    if (skip.has(d)) continue;
    const c = classify(ctx, d);
    if (!c) continue;
    used.add(d);
    add(d.date, c.label, spanOf(ctx, d.start, d.end, c.confidence));
    if (c.label === 'moratorium start' && !moratoriumStart) moratoriumStart = { date: d.date, at: d.start };
  }
  // "un moratoire de sept mois ... a pris effet dès le 2 septembre" → ends seven months later.
  if (moratoriumStart && ![...byDate.values()].some((e) => e.label === 'moratorium end')) {
    const m = MORATORIUM_LENGTH.exec(ctx.norm.text);
    if (m) {
      const raw = m[1] ?? '';
      // Arabic duals and singulars carry their own unit ("شهرين" two months, "سنة" a year).
      const self: Record<string, [number, string]> = { شهرين: [2, 'mois'], سنه: [1, 'an'], سنتين: [2, 'an'] };
      const [n, unit] = self[raw] ?? [/^\d+$/.test(raw) ? Number(raw) : (NUMBER_WORDS[raw] ?? null), m[2] ?? ''];
      if (n !== null && unit) {
        const months = /^(?:an|ans|annee|سنه|سنتين|year|years)$/.test(unit) ? n * 12 : n;
        const end = addMonthsToIso(moratoriumStart.date, months);
        const oStart = ctx.norm.map[m.index] ?? 0;
        const oEnd = ctx.norm.map[m.index + m[0].length] ?? ctx.text.length;
        if (!byDate.has(end)) add(end, 'moratorium end', spanOf(ctx, oStart, oEnd, 0.6));
      }
    }
  }
  return { deadlines: [...byDate.values()], deadlineDates: used };
}
