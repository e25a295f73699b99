// The date rules, one regex each with a named group `s` for the span, on normalized text. Each
// rule's `build` resolves its groups to a candidate day, month or year; `findDates` settles overlaps.
import { addDays, addMonths, type Ymd } from './calendar.ts';
import {
  AR_DAY_ORDINAL,
  DIR,
  EDGE_AR,
  EDGE_LATIN,
  HAS_ARABIC_MONTH,
  HAS_LATIN_MONTH,
  HAS_YEAR,
  L,
  MONTH_AR,
  MONTH_AR_ALT,
  MONTH_EN,
  MONTH_LATIN,
  NUM_AR,
  NUM_FR,
  PROCLITIC,
  R,
  rx,
  TIME,
  UNIT,
  WD_AR,
  WD_LATIN,
  YEAR,
} from './patterns.ts';
import {
  applyDuration,
  type Candidate,
  dayMonth,
  direction,
  durationCandidate,
  edgeOf,
  type Groups,
  monthDate,
  monthNumber,
  numericDate,
  resolveWeekday,
  type WeekdayMode,
  ymd,
} from './resolve.ts';
import {
  AMBIGUOUS_ARABIC_WEEKDAYS,
  alternation,
  DUAL_UNITS,
  MONTHS_ARABIC,
  MONTHS_ENGLISH,
  MONTHS_LATIN,
  WEEKDAYS_ARABIC,
  WEEKDAYS_LATIN,
} from './vocabulary.ts';

export interface Rule {
  re: RegExp;
  /** A cheap test that must pass before the full pattern runs (most texts have no "mois dernier"). */
  trigger?: RegExp;
  /** Every match is resolved against the reference date, so the rule is skipped without one. */
  needsReference?: true;
  build(g: Groups, ref: Ymd | null): Omit<Candidate, 'start' | 'end'> | null;
}

export const RULES: Rule[] = [
  // 2023-01-10, 2023-01-10T15:37:00+01:00
  {
    re: rx(
      `(?<![\\p{N}])(?<s>(?<y>\\d{4})-(?<m>\\d{2})-(?<d>\\d{2})(?:[t\\s](?<hh>\\d{2}):(?<mm>\\d{2})(?::\\d{2}(?:\\.\\d+)?)?(?:z|[+-]\\d{2}:?\\d{2})?)?)(?![\\p{N}])`,
    ),
    build: (g) => numericDate(Number(g.y), Number(g.m), Number(g.d), g),
  },
  // 2023/01/10
  {
    // Not inside a URL path ("/2015/03/30/slug"): that is where a page was filed, not a date in the text.
    re: rx(`(?<![\\p{N}/])(?<s>(?<y>\\d{4})(?<sep>[/.])(?<m>\\d{1,2})\\k<sep>(?<d>\\d{1,2}))(?![\\p{N}/])`),
    build: (g) => numericDate(Number(g.y), Number(g.m), Number(g.d), g),
  },
  // 10/01/2023, 10-01-2023, 23.12.2022 à 23 H 18, mardi 10/01/2023
  {
    re: rx(
      `(?<![\\p{N}.,/]|\\p{N}-)(?<s>(?:(?:${WD_LATIN}|${WD_AR})\\s*,?\\s+)?(?<d>\\d{1,2})(?<sep>[/.-])(?<m>\\d{1,2})\\k<sep>(?<y>\\d{4})(?![\\p{N}])${TIME})`,
    ),
    trigger: /\d[/.-]\d{1,2}[/.-]\d/,
    build: (g) => numericDate(Number(g.y), Number(g.m), Number(g.d), g),
  },
  // mercredi 23 octobre 2019, 1er mars, 1e mars, le 31 mars prochain, 10 January 2023, and the
  // day glued to the month where markup was stripped ("<b>10</b>janvier 2023")
  {
    re: rx(
      `${L}(?<s>(?:(?<wd>${WD_LATIN})\\s*,?\\s+)?(?<day>1er|1re|premier|\\d{1,2})(?:\\s*er|e(?=\\s))?\\s*(?<mon>${MONTH_LATIN})(?:\\s*,?\\s*${YEAR})?(?:\\s+(?<mod>${DIR})${R})?${TIME})`,
    ),
    trigger: HAS_LATIN_MONTH,
    build: (g, ref) => dayMonth(g, MONTHS_LATIN, ref),
  },
  // January 10, 2023; Monday, November 18th, 2019 at 11:08 a.m.
  {
    re: rx(
      `${L}(?<s>(?:(?<wd>${WD_LATIN})\\s*,?\\s+)?(?<mon>${MONTH_EN})\\s+(?<day>\\d{1,2})(?:st|nd|rd|th)?,?\\s+${YEAR}${TIME})`,
    ),
    trigger: HAS_LATIN_MONTH,
    build: (g, ref) => dayMonth(g, MONTHS_ENGLISH, ref),
  },
  // Year-less English month-first dates, as news writes them: "on January 6", "by October 31",
  // "Sunday, March 9". A preposition or a weekday must lead, so the modal "may 10" stays a verb.
  {
    re: rx(
      `${L}(?:(?<lead>on|since|until|till|by|before|after|from|through|to|of)\\s+)?(?<s>(?:(?<wd>${WD_LATIN})\\s*,?\\s+)?(?<mon>${MONTH_EN})\\s+(?<day>\\d{1,2})(?:st|nd|rd|th)?)(?![\\p{N}]|,?\\s+(?:19|20)\\d{2})`,
    ),
    trigger: HAS_LATIN_MONTH,
    build: (g, ref) => (g.wd !== undefined || g.lead !== undefined ? dayMonth(g, MONTHS_ENGLISH, ref) : null),
  },
  // الثلاثاء 10 يناير 2023 على الساعة 15:37, 23 أكتوبر2019, فاتح مارس, 5 ديسمبر/كانون الأول 2022
  {
    re: rx(
      `${L}${PROCLITIC}(?<s>(?:(?:يوم|اليوم)\\s+)?(?:(?<wd>${WD_AR})\\s*,?\\s*)?(?<day>\\d{1,2}|الفاتح|فاتح|${AR_DAY_ORDINAL})\\s*(?:من\\s+)?(?:شهر\\s+)?${PROCLITIC}(?<mon>${MONTH_AR})${MONTH_AR_ALT}(?:\\s*,?\\s*(?:من\\s+)?(?:سنه\\s+|عام\\s+)?${YEAR})?(?:\\s+(?<mod>${DIR})${R})?${TIME})`,
    ),
    trigger: HAS_ARABIC_MONTH,
    build: (g, ref) => dayMonth(g, MONTHS_ARABIC, ref),
  },
  // The first day of a range takes the month and year written after the second: "du 3 au 5 mars
  // 2023", "les 12 et 13 janvier", "من 10 إلى 12 يناير 2023", "بين 3 و5 ماي".
  {
    re: rx(
      `${L}(?<s>(?<day>1er|\\d{1,2}))(?:\\s*er)?\\s*(?:au|et|-|a|to|and)\\s*(?=\\d{1,2}(?:\\s*er)?\\s+(?<mon>${MONTH_LATIN})(?:\\s*,?\\s*${YEAR})?)`,
    ),
    trigger: HAS_LATIN_MONTH,
    build: (g, ref) => dayMonth(g, MONTHS_LATIN, ref),
  },
  {
    re: rx(
      `${L}(?<s>(?<day>\\d{1,2}))\\s*(?:الي|حتي|-|و)\\s*(?=\\d{1,2}\\s*(?:من\\s+)?(?:شهر\\s+)?(?<mon>${MONTH_AR})${MONTH_AR_ALT}(?:\\s*,?\\s*(?:من\\s+)?(?:سنه\\s+|عام\\s+)?${YEAR})?)`,
    ),
    trigger: HAS_ARABIC_MONTH,
    build: (g, ref) => dayMonth(g, MONTHS_ARABIC, ref),
  },
  // mars 2023, fin mars, mi-mars, en mars dernier, début avril prochain
  {
    re: rx(
      `${L}(?:(?<prep>en|depuis|courant|des|jusqu'en|in|since|mois\\s+de|mois\\s+d')\\s*)?(?<s>(?:(?<edge>${EDGE_LATIN})[\\s-]+(?:(?:de\\s+|du\\s+mois\\s+de\\s+|d'|of\\s+)\\s*)?)?(?<mon>${MONTH_LATIN})(?:\\s*,?\\s*${YEAR})?(?:\\s+(?<mod>${DIR})${R})?)${R}`,
    ),
    trigger: HAS_LATIN_MONTH,
    build: (g, ref) => {
      if (g.prep === undefined && g.edge === undefined && g.year === undefined && g.mod === undefined) return null;
      const m = monthNumber(MONTHS_LATIN, g.mon);
      if (m === null) return null;
      const edge = edgeOf(g.edge);
      const date = monthDate(g.year === undefined ? null : Number(g.year), m, edge, direction(g.mod), ref);
      return date && { date, precision: 'month', relative: g.year === undefined };
    },
  },
  // شهر مارس, نهاية شهر مارس, بيناير 2023, مارس الماضي
  {
    re: rx(
      `${L}[وبلف]{0,2}(?<s>(?:(?<edge>${EDGE_AR})\\s+)?(?:(?<cue>شهر)\\s+)?(?<mon>${MONTH_AR})${MONTH_AR_ALT}(?:\\s*,?\\s*(?:من\\s+)?(?:سنه\\s+|عام\\s+)?${YEAR})?(?:\\s+(?<mod>${DIR})${R})?)${R}`,
    ),
    trigger: HAS_ARABIC_MONTH,
    build: (g, ref) => {
      if (g.cue === undefined && g.edge === undefined && g.year === undefined && g.mod === undefined) return null;
      const m = monthNumber(MONTHS_ARABIC, g.mon);
      if (m === null) return null;
      const date = monthDate(g.year === undefined ? null : Number(g.year), m, edgeOf(g.edge), direction(g.mod), ref);
      return date && { date, precision: 'month', relative: g.year === undefined };
    },
  },
  // en 2019, fin 2023, سنة 2019, عام 2020, نهاية 2023
  {
    re: rx(
      `${L}(?:(?<prep>en|depuis|courant|l'annee|annee|l'an|d'ici|jusqu'en|in|since)\\s+)?${PROCLITIC}(?<s>(?:(?<edge>${EDGE_LATIN}|${EDGE_AR})[\\s-]+)?(?:(?<cue>(?:ال)?(?:سنه|عام))\\s+)?${YEAR})${R}`,
    ),
    trigger: HAS_YEAR,
    build: (g) => {
      if (g.prep === undefined && g.edge === undefined && g.cue === undefined) return null;
      const y = Number(g.year);
      const date = edgeOf(g.edge) === 'end' ? ymd(y, 12, 31) : ymd(y, 1, 1);
      return date && { date, precision: 'year', relative: false };
    },
  },
  // mercredi dernier, ce lundi, lundi, last Monday
  {
    needsReference: true,
    re: rx(`${L}(?<s>(?:(?<pre>ce|cet|this|last|next)\\s+)?(?<wd>${WD_LATIN})(?:\\s+(?<mod>${DIR}))?)${R}`),
    trigger: /di(?![\p{L}])|dimanche|day(?![\p{L}])/u,
    build: (g, ref) => {
      const target = g.wd === undefined ? undefined : WEEKDAYS_LATIN[g.wd];
      if (ref === null || target === undefined) return null;
      const pre = g.pre === 'last' ? 'past' : g.pre === 'next' ? 'future' : g.pre === undefined ? null : 'this';
      const mode: WeekdayMode = direction(g.mod) ?? pre ?? 'bare';
      return {
        date: resolveWeekday(target, mode === 'current' ? 'this' : mode, ref),
        precision: 'day',
        relative: true,
      };
    },
  },
  // اليوم الخميس, يوم الأربعاء الماضي, الثلاثاء المقبل
  {
    needsReference: true,
    re: rx(`${L}${PROCLITIC}(?<s>(?:(?<pre>يوم|اليوم)\\s+)?(?<wd>${WD_AR})(?:\\s+(?<mod>${DIR}))?)${R}`),
    build: (g, ref) => {
      const target = g.wd === undefined ? undefined : WEEKDAYS_ARABIC[g.wd];
      if (ref === null || target === undefined || g.wd === undefined) return null;
      if (g.pre === undefined && g.mod === undefined && AMBIGUOUS_ARABIC_WEEKDAYS.has(g.wd)) return null;
      const dir = direction(g.mod);
      const mode: WeekdayMode = dir === 'current' || g.pre === 'اليوم' ? 'this' : (dir ?? 'bare');
      return { date: resolveWeekday(target, mode, ref), precision: 'day', relative: true };
    },
  },
  // hier, aujourd'hui, demain, أمس, اليوم, غدا
  {
    needsReference: true,
    re: rx(
      `${L}${PROCLITIC}(?<s>(?<word>aujourd'hui(?!\\s+le\\s+maroc)|avant-hier|apres-demain|hier|demain|yesterday|today|tomorrow|اول\\s+امس|الامس|امس|البارحه|اليوم(?!\\s*\\d)(?!\\s+(?:العالمي|الوطني|الدولي|الدراسي|الموالي|التالي|نفسه))|غدا|بعد\\s+غد))${R}`,
    ),
    build: (g, ref) => {
      if (ref === null || g.word === undefined) return null;
      const word = g.word.replace(/\s+/g, ' ');
      const offsets: Record<string, number> = {
        "aujourd'hui": 0,
        today: 0,
        اليوم: 0,
        hier: -1,
        yesterday: -1,
        امس: -1,
        الامس: -1,
        البارحه: -1,
        'avant-hier': -2,
        'اول امس': -2,
        demain: 1,
        tomorrow: 1,
        غدا: 1,
        'apres-demain': 2,
        'بعد غد': 2,
      };
      const offset = offsets[word];
      return offset === undefined ? null : { date: addDays(ref, offset), precision: 'day', relative: true };
    },
  },
  // le mois dernier, ce mois-ci, الشهر الماضي, هذا الشهر
  {
    needsReference: true,
    re: rx(
      `${L}${PROCLITIC}(?<s>(?:le\\s+)?mois\\s+(?<mod>dernier|prochain|passe|precedent)|(?<cur>ce\\s+mois(?:-ci)?|هذا\\s+الشهر)|(?:last|next)\\s+month|الشهر\\s+(?<armod>${DIR}))${R}`,
    ),
    trigger: /mois|month|الشهر/,
    build: (g, ref) => {
      if (ref === null) return null;
      const en = /^(last|next)/.exec(g.s ?? '')?.[1];
      const dir = g.cur !== undefined ? 'current' : direction(g.mod ?? g.armod ?? (en === undefined ? undefined : en));
      if (dir === null) return null;
      const date = addMonths({ y: ref.y, m: ref.m, d: 1 }, dir === 'past' ? -1 : dir === 'future' ? 1 : 0);
      return { date, precision: 'month', relative: true };
    },
  },
  // l'année dernière, l'an prochain, cette année, العام الماضي, السنة المقبلة, هذه السنة
  {
    needsReference: true,
    re: rx(
      `${L}${PROCLITIC}(?<s>l'annee\\s+(?<mod>derniere|prochaine|passee|precedente)|l'an\\s+(?<mod2>dernier|prochain|passe)|(?<cur>cette\\s+annee|this\\s+year|هذا\\s+العام|هذه\\s+السنه)|(?:last|next)\\s+year|(?:العام|السنه)\\s+(?<armod>${DIR}))${R}`,
    ),
    trigger: /annee|l'an|year|العام|السنه/,
    build: (g, ref) => {
      if (ref === null) return null;
      const en = /^(last|next)/.exec(g.s ?? '')?.[1];
      const dir = g.cur !== undefined ? 'current' : direction(g.mod ?? g.mod2 ?? g.armod ?? en);
      if (dir === null) return null;
      const y = ref.y + (dir === 'past' ? -1 : dir === 'future' ? 1 : 0);
      return { date: { y, m: 1, d: 1 }, precision: 'year', relative: true };
    },
  },
  // dans un délai de sept mois, sous un délai de 30 jours, dans les trois mois, d'ici deux semaines
  {
    needsReference: true,
    re: rx(
      `${L}(?<s>(?:(?:dans|sous)\\s+(?:un\\s+)?delai\\s+|(?:un\\s+)?delai\\s+)(?:(?:maximum|maximal|de\\s+grace|supplementaire|n'excedant\\s+pas|ne\\s+depassant\\s+pas)\\s+)?(?:de\\s+|d')?\\s*(?<num>${NUM_FR})\\s+(?<unit>${UNIT})|(?:dans|sous|d'ici|within)\\s+(?:les\\s+|a\\s+|a\\s+period\\s+of\\s+)?(?<num2>${NUM_FR})\\s+(?<unit2>${UNIT}))${R}`,
    ),
    build: (g, ref) => durationCandidate(g.num ?? g.num2, g.unit ?? g.unit2, ref),
  },
  // في أجل ثلاثة أشهر, في غضون 30 يوما, داخل أجل لا يتعدى شهرين, خلال 15 يوما
  {
    needsReference: true,
    re: rx(
      `${L}(?<!من\\s)${PROCLITIC}(?<s>(?:(?:في|داخل)\\s+)?(?:اجل|غضون|ظرف|مهله|اجال|خلال)\\s+(?:(?:لا\\s+(?:يتعدي|يتجاوز|تتعدي|تتجاوز)|اقصاه|اقصاها|اقصي)\\s+)?(?:(?<num>${NUM_AR})\\s*(?<unit>${UNIT})|(?<dual>${alternation(DUAL_UNITS)})|(?<single>شهر|اسبوع|سنه|عام|يوم)(?!\\s*\\d)))(?![\\p{L}\\p{N}])(?!\\s+(?:الماضيه|الماضي|الاخيره|الاخير|السابقه|المنصرمه|المقبله|القادمه|من\\s+سنه|من\\s+عام))`,
    ),
    build: (g, ref) => {
      if (g.dual !== undefined) {
        const unit = DUAL_UNITS[g.dual];
        return ref && unit ? { date: applyDuration(ref, 2, unit), precision: 'day', relative: true } : null;
      }
      // "خلال شهر" reads "during a month" as often as "within a month": only the deadline words count.
      if (g.single !== undefined) {
        if (/خلال/.test(g.s ?? '')) return null;
        return durationCandidate('1', g.single, ref);
      }
      return durationCandidate(g.num, g.unit, ref);
    },
  },
];
