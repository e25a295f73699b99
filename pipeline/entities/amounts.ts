// Amounts of money: "20.000 DH", "100 000 dirhams", "1,5 million de dirhams", "مليون درهم",
// ranges "de 20.000 à 200.000 DH" / "من 20.000 إلي 200.000 درهم". The kind comes from the clause:
// a fine actually imposed, a maximum the law provides ("passible", "يعاقب ... بغرامة من"), or other.

import { NUMBER_WORDS_ARABIC, NUMBER_WORDS_FRENCH } from '../dates/vocabulary.ts';
import { normalizeForMatch } from '../normalize.ts';
import type { AmountEntity } from '../types.ts';
import { type DocContext, origIndex, sentenceAt, spanOf } from './context.ts';

// Thousands separated by ".", "," or a space (exactly three digits per group), or a plain decimal.
const NUMBER = '(?:\\d{1,3}(?:[ .,]\\d{3})+(?:,\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?)';
const SCALE =
  '(?:milliards?|millions?|mille|billions?|thousand|mds|md|مليار|ملايير|مليارات|مليونين|مليوني|مليون|ملايين|الفين|الفي|الف|آلاف|الاف)';
// Number words, only before a scale ("cinq millions", "عشرة آلاف", "مائتي ألف"); normalized spellings.
// The date vocabulary's words, plus the hundreds written out that only amounts need.
const NUMBER_WORDS: Record<string, number> = {
  ...NUMBER_WORDS_FRENCH,
  ...NUMBER_WORDS_ARABIC,
  // "trois cent mille dirhams", "two hundred thousand": with or without the French plural s.
  ...Object.fromEntries(
    ['deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf'].flatMap((u, i) => [
      [`${u} cent`, (i + 2) * 100],
      [`${u} cents`, (i + 2) * 100],
    ]),
  ),
  ...Object.fromEntries(
    ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'].map((u, i) => [
      `${u} hundred`,
      (i + 1) * 100,
    ]),
  ),
  hundred: 100,
  مايتي: 200,
  مايتين: 200,
  ثلاثمايه: 300,
  اربعمايه: 400,
  خمسمايه: 500,
};
const NUMBER_WORD = `(?:${Object.keys(NUMBER_WORDS)
  .sort((a, b) => b.length - a.length)
  .join('|')})(?=\\s*${SCALE})`;
const QUANTITY = `(?:${NUMBER}|${NUMBER_WORD})`;
// "MDH" / "MMDH" (millions / milliards de dirhams) are how the Moroccan business press writes large sums.
const CURRENCY =
  '(?:dirhams?|mmdhs?|mdhs?|dhs?|mad|درهما|درهم|دراهم|دراهيم|euros?|eur|€|dollars?|usd|\\$|دولارات|دولارا|دولار|اورو|يورو)';
// Group layout: [1] low number, [2] low scale, [3] high number, [4] high scale, [5] currency.
const RANGE_OR_SINGLE = new RegExp(
  `(?<![\\p{L}\\p{N}])` +
    `(?:(${QUANTITY})\\s*(${SCALE})?\\s*(?:${CURRENCY}\\s*)?(?:a|et|to|and|الي|و)\\s*)?` +
    `(${QUANTITY})?\\s*(${SCALE})?\\s*(?:de |d'|of |من )?(${CURRENCY})(?![\\p{L}])`,
  'gu',
);
// English and financial press put the code first: "MAD 100,000", "$2 million".
const PREFIXED = new RegExp(
  `(?<![\\p{L}\\p{N}])(mad|dhs?|usd|eur|€|\\$)\\s*(${NUMBER})(?:\\s*(${SCALE}))?(?![\\p{N}])`,
  'gu',
);

const SCALE_VALUE: Array<[RegExp, number]> = [
  [/^(?:milliards?|mds|md|billions?|مليار|ملايير|مليارات)$/, 1e9],
  [/^(?:millions?|مليون|ملايين)$/, 1e6],
  [/^(?:مليونين|مليوني)$/, 2e6],
  [/^(?:الفين|الفي)$/, 2e3],
  [/^(?:mille|thousand|الف|آلاف|الاف)$/, 1e3],
];

/** The scale a currency token carries itself: "MDH" is a million dirhams, "MMDH" a billion. */
function scaled(value: number, unit: number): number {
  return Math.round(value * unit * 100) / 100;
}

function currencyScale(s: string): number {
  if (/^mmdhs?$/.test(s)) return 1e9;
  if (/^mdhs?$/.test(s)) return 1e6;
  return 1;
}

function currencyOf(s: string): 'MAD' | 'EUR' | 'USD' {
  if (/euro|eur|€|اورو|يورو/.test(s)) return 'EUR';
  if (/dollar|usd|\$|دولار/.test(s)) return 'USD';
  return 'MAD';
}

function parseNumber(raw: string | undefined, scale: string | undefined): number | null {
  let value: number;
  if (raw === undefined || raw === '') {
    // "مليون درهم", "مليونين": the scale word alone is the amount.
    if (!scale) return null;
    value = 1;
  } else if (NUMBER_WORDS[raw] !== undefined) {
    value = NUMBER_WORDS[raw] ?? 0;
  } else {
    const grouped = /^\d{1,3}(?:[ .,]\d{3})+(?:,\d{1,2})?$/.test(raw);
    if (grouped) {
      const [int, dec] = raw.split(/,(?=\d{1,2}$)/);
      value = Number((int ?? '').replace(/[ .,]/g, '')) + (dec ? Number(`0.${dec}`) : 0);
    } else value = Number(raw.replace(',', '.'));
  }
  if (scale) {
    const factor = SCALE_VALUE.find(([re]) => re.test(scale))?.[1] ?? 1;
    value *= factor;
  }
  return Number.isFinite(value) ? Math.round(value * 100) / 100 : null;
}

const LEGAL_MAX =
  /passible|risque|encour|prevoit|prevue?s?|punie?s?|peut atteindre|pouvant atteindre|jusqu'a|allant de|variant de|comprise? entre|s'expose|liable|up to|faces? a fine|(?:fines?|penalt(?:y|ies)) rang(?:e|es|ing) from|(?:offenders|companies|firms|violators) (?:face|risk)|يعاقب|يعرض|تتراوح|قد تصل|يمكن ان تصل|[وت]?تصل(?:\s+\p{L}+){0,6}\s+الي|ينص|المنصوص|يتعرض/gu;
const IMPOSED =
  /inflige|condamne|ecope|a sanctionne|a ete sanctionne|prononce|a impose|a paye|payer une amende|fined|ordered(?: \p{L}+){0,3} to pay|imposed|قدرها|فرض|فرضت|قضت|حكمت|ادانه|ادين|اداء غرامه|بتغريم|غرمت|تغريم/gu;
const FINE = /amende|sanction|penalite|fine|penalty|غرامه|غرامات|عقوبه|ذعيره|تغريم|غرم/u;
// A court order to pay is a sum imposed even when the sentence names no fine ("was ordered to pay MAD
// 50,000 in the same ruling"), unless the sum is damages owed to a victim, which is no penalty.
const PAY_ORDER = /ordered(?: \p{L}+){0,3} to pay|condamnee?s? a (?:payer|verser)|tenue?s? de (?:payer|verser)/u;
const DAMAGES_BEFORE =
  /(?:dommages[- ](?:et[- ])?interets|indemnite|indemnisation|reparation|compensation|damages|[وف]?(?:ك|ب)?تعويض\p{L}*)(?:\s+\p{L}+){0,2}\s*$/u;
const DAMAGES_AFTER =
  /^\s*(?:in damages|(?:in |as )?compensation|(?:de |en |a titre de )?(?:dommages|reparation|indemnite|indemnisation)|d'indemnite|d'indemnisation|ك?تعويضا?(?![\p{L}]))/u;

/** Index of the last match of a global regex in `s`, or -1. */
function lastIndexOf(re: RegExp, s: string): number {
  let last = -1;
  re.lastIndex = 0;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) last = m.index;
  return last;
}

function kindOf(sentence: string, before: string, after: string, isRange: boolean): AmountEntity['kind'] {
  if (DAMAGES_BEFORE.test(before) || DAMAGES_AFTER.test(after)) return 'other';
  if (!FINE.test(sentence)) return PAY_ORDER.test(before) ? 'imposed' : 'other';
  // The cue nearest before the amount decides ("condamné à 20.000 DH alors que la loi prévoit jusqu'à...").
  const legal = lastIndexOf(LEGAL_MAX, before);
  const imposed = lastIndexOf(IMPOSED, before);
  if (legal >= 0 || imposed >= 0) return legal > imposed ? 'legal_max' : 'imposed';
  if (isRange) return 'legal_max';
  if (lastIndexOf(IMPOSED, sentence) >= 0) return 'imposed';
  if (lastIndexOf(LEGAL_MAX, sentence) >= 0) return 'legal_max';
  return 'other';
}

export function findAmounts(ctx: DocContext): AmountEntity[] {
  const text = ctx.norm.text;
  const out = new Map<string, AmountEntity>();
  const taken: Array<[number, number]> = [];
  // `kindAt`: where the clause deciding the kind is read from (the start of the range for its upper bound).
  const record = (
    nStart: number,
    nEnd: number,
    value: number,
    maxValue: number | null,
    cur: string,
    kindAt?: number,
  ) => {
    if (kindAt === undefined && taken.some(([a, b]) => nStart < b && nEnd > a)) return;
    taken.push([nStart, nEnd]);
    const oStart = origIndex(ctx, nStart);
    const oKind = kindAt === undefined ? oStart : origIndex(ctx, kindAt);
    let oEnd = origIndex(ctx, nEnd);
    while (oEnd > oStart && /\s/.test(ctx.text[oEnd - 1] ?? '')) oEnd--;
    const s = sentenceAt(ctx, oStart);
    const sentence = normalizeForMatch(ctx.text.slice(s.start, s.end));
    const before = normalizeForMatch(ctx.text.slice(Math.max(s.start, oKind - 100), oKind));
    const after = normalizeForMatch(ctx.text.slice(origIndex(ctx, nEnd), Math.min(s.end, origIndex(ctx, nEnd) + 40)));
    const kind = kindOf(sentence, before, after, maxValue !== null || kindAt !== undefined);
    const currency = currencyOf(cur);
    const key = `${value}|${maxValue}|${currency}|${kind}`;
    const span = spanOf(ctx, oStart, oEnd, kind === 'other' ? 0.7 : 0.8);
    const existing = out.get(key);
    if (existing) existing.mentions.push(span);
    else out.set(key, { value, maxValue, currency, kind, mentions: [span] });
  };
  RANGE_OR_SINGLE.lastIndex = 0;
  for (let m = RANGE_OR_SINGLE.exec(text); m !== null; m = RANGE_OR_SINGLE.exec(text)) {
    const [, lowNum, lowScale, highNum, highScale, cur] = m;
    const high = parseNumber(highNum, highScale);
    if (high === null || high === 0) continue;
    const unit = currencyScale(cur ?? '');
    let value = scaled(high, unit);
    let maxValue: number | null = null;
    if (lowNum !== undefined) {
      // "de 1 à 5 millions de dirhams": a bare lower bound takes the upper bound's scale, unless that
      // makes it larger than the upper bound ("بين 2000 و20 ألف درهم").
      let low = parseNumber(lowNum, lowScale ?? highScale);
      if (low !== null && low >= high && !lowScale) low = parseNumber(lowNum, undefined);
      if (low !== null && low < high) {
        value = scaled(low, unit);
        maxValue = scaled(high, unit);
      }
    }
    record(m.index, m.index + m[0].length, value, maxValue, cur ?? '');
    // Both bounds of a range are amounts of their own: a fine "de 10.000 à 100.000 DH" quotes the
    // legal minimum and the legal maximum, and search by either should find it.
    if (maxValue !== null) {
      const highStart = m.index + m[0].lastIndexOf(highNum ?? '');
      record(highStart, m.index + m[0].length, scaled(high, unit), null, cur ?? '', m.index);
    }
  }
  PREFIXED.lastIndex = 0;
  for (let m = PREFIXED.exec(text); m !== null; m = PREFIXED.exec(text)) {
    const value = parseNumber(m[2], m[3]);
    if (value !== null && value > 0) record(m.index, m.index + m[0].length, value, null, m[1] ?? '');
  }
  return [...out.values()];
}
