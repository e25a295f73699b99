// Laws, codes, decrees, dahirs, CNDP deliberations, and the articles and chapters that belong to them.
//
// Moroccan law numbers read "<number>-<two-digit year>" (loi n° 09-08: the 9th law of 2008). Arabic
// texts often write the two parts in the opposite order (القانون رقم 08-09), and a single text may mix
// both, so every known law lists the number spellings that point to it. Unknown numbers keep the order
// they are written in.
import type { LawEntity, LawKind, Span } from '../types.ts';
import { type DocContext, origIndex, spanOf } from './context.ts';

export interface LawRecord {
  id: string;
  kind: LawKind;
  titles: { fr: string; ar: string; en: string };
  /** Number spellings, "NN-YY" in both orders where the reverse is not another known law. */
  numbers: string[];
  /** Distinctive parts of the title that identify the law when it is cited without its number (normalized). */
  titlePatterns: string[];
}

export const LAWS: readonly LawRecord[] = [
  {
    id: 'ma-law-09-08',
    kind: 'law',
    titles: {
      fr: "Loi n° 09-08 relative à la protection des personnes physiques à l'égard du traitement des données à caractère personnel",
      ar: 'القانون رقم 09.08 المتعلق بحماية الأشخاص الذاتيين تجاه معالجة المعطيات ذات الطابع الشخصي',
      en: 'Law No. 09-08 on the protection of individuals with regard to the processing of personal data',
    },
    numbers: ['09-08', '08-09'],
    titlePatterns: [
      "protection des personnes physiques a l'egard du traitement des donnees a caractere personnel",
      'حمايه الاشخاص الذاتيين تجاه معالجه المعطيات ذات الطابع الشخصي',
      'protection of individuals with regard to the processing of personal data',
    ],
  },
  {
    id: 'ma-law-31-08',
    kind: 'law',
    titles: {
      fr: 'Loi n° 31-08 édictant des mesures de protection du consommateur',
      ar: 'القانون رقم 31.08 القاضي بتحديد تدابير لحماية المستهلك',
      en: 'Law No. 31-08 on consumer protection measures',
    },
    numbers: ['31-08', '08-31'],
    titlePatterns: ['edictant des mesures de protection du consommateur', 'القاضي بتحديد تدابير لحمايه المستهلك'],
  },
  {
    id: 'ma-law-05-20',
    kind: 'law',
    titles: {
      fr: 'Loi n° 05-20 relative à la cybersécurité',
      ar: 'القانون رقم 05.20 المتعلق بالأمن السيبراني',
      en: 'Law No. 05-20 on cybersecurity',
    },
    numbers: ['05-20', '20-05'],
    titlePatterns: ['loi relative a la cybersecurite', 'القانون المتعلق بالامن السيبراني'],
  },
  {
    id: 'ma-law-53-05',
    kind: 'law',
    titles: {
      fr: "Loi n° 53-05 relative à l'échange électronique de données juridiques",
      ar: 'القانون رقم 53.05 المتعلق بالتبادل الإلكتروني للمعطيات القانونية',
      en: 'Law No. 53-05 on the electronic exchange of legal data',
    },
    numbers: ['53-05', '05-53'],
    titlePatterns: ['echange electronique de donnees juridiques', 'التبادل الالكتروني للمعطيات القانونيه'],
  },
  {
    id: 'ma-law-43-20',
    kind: 'law',
    titles: {
      fr: 'Loi n° 43-20 relative aux services de confiance pour les transactions électroniques',
      ar: 'القانون رقم 43.20 المتعلق بخدمات الثقة بشأن المعاملات الإلكترونية',
      en: 'Law No. 43-20 on trust services for electronic transactions',
    },
    numbers: ['43-20', '20-43'],
    titlePatterns: [
      'services de confiance pour les transactions electroniques',
      'خدمات الثقه بشان المعاملات الالكترونيه',
    ],
  },
  {
    id: 'ma-law-88-13',
    kind: 'law',
    titles: {
      fr: 'Loi n° 88-13 relative à la presse et à l’édition',
      ar: 'القانون رقم 88.13 المتعلق بالصحافة والنشر',
      en: 'Law No. 88-13 on the press and publishing',
    },
    numbers: ['88-13', '13-88'],
    titlePatterns: ["loi relative a la presse et a l'edition", 'القانون المتعلق بالصحافه والنشر'],
  },
  {
    id: 'ma-law-31-13',
    kind: 'law',
    titles: {
      fr: "Loi n° 31-13 relative au droit d'accès à l'information",
      ar: 'القانون رقم 31.13 المتعلق بالحق في الحصول علي المعلومات',
      en: 'Law No. 31-13 on the right of access to information',
    },
    numbers: ['31-13', '13-31'],
    titlePatterns: ["droit d'acces a l'information", 'الحق في الحصول علي المعلومات'],
  },
  {
    id: 'ma-law-24-96',
    kind: 'law',
    titles: {
      fr: 'Loi n° 24-96 relative à la poste et aux télécommunications',
      ar: 'القانون رقم 24.96 المتعلق بالبريد والمواصلات',
      en: 'Law No. 24-96 on post and telecommunications',
    },
    numbers: ['24-96', '96-24'],
    titlePatterns: ['loi relative a la poste et aux telecommunications', 'القانون المتعلق بالبريد والمواصلات'],
  },
  {
    id: 'ma-law-04-20',
    kind: 'law',
    titles: {
      fr: "Loi n° 04-20 relative à la carte nationale d'identité électronique",
      ar: 'القانون رقم 04.20 المتعلق بالبطاقة الوطنية للتعريف الإلكترونية',
      en: 'Law No. 04-20 on the electronic national identity card',
    },
    numbers: ['04-20', '20-04'],
    titlePatterns: ["loi relative a la carte nationale d'identite electronique"],
  },
  {
    id: 'ma-law-72-18',
    kind: 'law',
    titles: {
      fr: "Loi n° 72-18 relative au dispositif de ciblage des bénéficiaires des programmes d'appui social",
      ar: 'القانون رقم 72.18 المتعلق بمنظومة استهداف المستفيدين من برامج الدعم الاجتماعي',
      en: 'Law No. 72-18 on the targeting of social support beneficiaries',
    },
    numbers: ['72-18', '18-72'],
    titlePatterns: ['dispositif de ciblage des beneficiaires', 'منظومه استهداف المستفيدين'],
  },
  {
    id: 'ma-penal-code',
    kind: 'code',
    titles: { fr: 'Code pénal', ar: 'مجموعة القانون الجنائي', en: 'Penal Code' },
    numbers: [],
    titlePatterns: ['code penal', 'القانون الجنايي', 'مجموعه القانون الجنايي', 'penal code', 'criminal code'],
  },
  {
    id: 'ma-labour-code',
    kind: 'code',
    titles: { fr: 'Code du travail', ar: 'مدونة الشغل', en: 'Labour Code' },
    numbers: ['65-99', '99-65'],
    titlePatterns: ['code du travail', 'مدونه الشغل', 'labour code', 'labor code'],
  },
  {
    id: 'ma-constitution',
    kind: 'code',
    titles: { fr: 'Constitution', ar: 'الدستور', en: 'Constitution' },
    numbers: [],
    titlePatterns: ['la constitution', 'الدستور', 'the constitution'],
  },
  {
    id: 'ma-decree-2-09-165',
    kind: 'decree',
    titles: {
      fr: "Décret n° 2-09-165 pris pour l'application de la loi n° 09-08",
      ar: 'المرسوم رقم 2.09.165 بتطبيق القانون رقم 09.08',
      en: 'Decree No. 2-09-165 implementing Law No. 09-08',
    },
    numbers: ['2-09-165'],
    titlePatterns: [],
  },
  {
    id: 'ma-dahir-1-09-15',
    kind: 'dahir',
    titles: {
      fr: 'Dahir n° 1-09-15 portant promulgation de la loi n° 09-08',
      ar: 'الظهير الشريف رقم 1.09.15 بتنفيذ القانون رقم 09.08',
      en: 'Dahir No. 1-09-15 promulgating Law No. 09-08',
    },
    numbers: ['1-09-15'],
    titlePatterns: [],
  },
];

const BY_ID = new Map(LAWS.map((l) => [l.id, l]));
const BY_NUMBER = new Map<string, LawRecord>();
for (const law of LAWS)
  if (law.kind === 'law' || law.kind === 'code') for (const n of law.numbers) BY_NUMBER.set(n, law);

// Arabic article prefixes: و ف ب ل ك, the article ال, and their fusions (بال، لل...).
const AR_PRE = '(?:[وف]?(?:بال|لل|كال|ال|[بلك])?)';
const SEP = '\\s*[-./]\\s*';
const NUM2 = `(\\d{1,3})${SEP}(\\d{2})(?!\\d|\\s*[-./]\\s*\\d)`;
const NUMERO = '(?:n\\s*[°o]\\.?\\s*|n\\.\\s*|numero\\s*|no\\.?\\s*|number\\s*|#\\s*|رقم\\s*)';

// Each pattern runs on normalized text; group names say what was read.
const LAW_NUMBER = new RegExp(
  `(?<![\\p{L}])(?:(?:(?:projet de |proposition de |la |une )?loi(?:\\s+organique)?|law|bill|${AR_PRE}قانون(?:\\s+التنظيمي)?|${AR_PRE}مشروع\\s+قانون|${AR_PRE}مقترح\\s+قانون)\\s*(?:${NUMERO})?|${NUMERO})${NUM2}`,
  'gu',
);
const DECREE = new RegExp(
  `(?<![\\p{L}])(?:decret|decree|${AR_PRE}مرسوم)(?:\\s+d'application|\\s+d'execution|\\s+(?:ال)?تطبيقي)?\\s*(?:${NUMERO})?(\\d)${SEP}(\\d{2})${SEP}(\\d{1,4})`,
  'gu',
);
const DAHIR = new RegExp(
  `(?<![\\p{L}])(?:dahir(?:\\s+cherifien)?|${AR_PRE}ظهير(?:\\s+(?:ال)?شريف)?)\\s*(?:${NUMERO})?(\\d)${SEP}(\\d{2})${SEP}(\\d{1,4})`,
  'gu',
);
// Deliberation numbers: "D-194-2019", and as sites and the press also write them, "D-2019-194",
// "2019-194-D" (Arabic pages, read right to left), "194-2019/D"; `deliberationId` tells the year.
const DELIBERATION_CODE = /(?<![\p{L}\p{N}])d\s*-\s*(\d{1,4})\s*[-/]\s*(\d{1,4})(?![\p{N}])/gu;
const DELIBERATION_CODE_AFTER = /(?<![\p{L}\p{N}-])(\d{1,4})\s*[-/]\s*(\d{1,4})\s*[-/]\s*d(?![\p{L}\p{N}])/gu;
const DELIBERATION_WORD = new RegExp(
  `(?<![\\p{L}])(?:deliberations?|${AR_PRE}مداوله|${AR_PRE}مداولات)\\s*(?:${NUMERO})?(\\d{1,4})\\s*[-/]\\s*(\\d{1,4})(?![\\p{N}])(?!\\s*[-/]\\s*d(?![\\p{L}]))`,
  'gu',
);
// "المادة الرابعة", "الفصل الأول", "l'article premier": articles numbered by an ordinal word.
const AR_ORDINAL_FEMININE: Record<string, number> = {
  الاولي: 1,
  الثانيه: 2,
  الثالثه: 3,
  الرابعه: 4,
  الخامسه: 5,
  السادسه: 6,
  السابعه: 7,
  الثامنه: 8,
  التاسعه: 9,
  العاشره: 10,
};

// Articles and chapters. Numbers may be "447-1"; lists "51 et 52", "51, 52 et 53", "51 و52".
const ART_NUM = '\\d{1,4}(?:-\\d{1,2})?(?:\\s*(?:bis|ter|مكرر))?';
const ART_LIST = `(${ART_NUM}(?:\\s*(?:,|et|à|a|au|and|to|و|الي|إلي)\\s*${ART_NUM})*)`;
// Arabic duals and plurals, also with a possessive ("في مادتيه 23 و24", "فصلاه"), and ranges opened by
// "من" / "from" ("الفصول من 447-1 إلى 447-3").
const ARTICLE = new RegExp(
  `(?<![\\p{L}])(?:articles?|art\\.|${AR_PRE}(?:فصل|فصلين|فصلان|فصليه|فصلاه|فصول|فصوله|ماده|مادتين|مادتان|مادتيه|مادتيها|مادتاه|مواد|مواده))\\s*(?:(?:${NUMERO}))?(?:(?:من|from)\\s+)?${ART_LIST}`,
  'gu',
);
const ROMAN_NUM = '[ivxlc]+';

/** The id part of a deliberation number whichever order it is written in: the year is 19xx/20xx. */
function deliberationId(a: string, b: string): { n: number; year: string } | null {
  const isYear = (x: string) => /^(?:19|20)\d\d$/.test(x);
  if (isYear(b)) return { n: Number(a), year: b };
  if (isYear(a)) return { n: Number(b), year: a };
  return null;
}
const FR_CHAPTER = new RegExp(`(?<![\\p{L}])(?:chapitre|chapter)\\s+(${ROMAN_NUM}|\\d{1,2})(?![\\p{L}\\p{N}])`, 'gu');
const AR_ORDINALS: Record<string, number> = {
  الاول: 1,
  الثاني: 2,
  الثالث: 3,
  الرابع: 4,
  الخامس: 5,
  السادس: 6,
  السابع: 7,
  الثامن: 8,
  التاسع: 9,
  العاشر: 10,
};
const AR_CHAPTER = new RegExp(
  `(?<![\\p{L}])${AR_PRE}باب\\s+(${Object.keys(AR_ORDINALS).join('|')}|\\d{1,2})(?![\\p{L}\\p{N}])`,
  'gu',
);
const ORDINAL_ARTICLE = new RegExp(
  `(?<![\\p{L}])(?:article premier|${AR_PRE}(?:ماده|فصل)\\s+(${[...Object.keys(AR_ORDINAL_FEMININE), ...Object.keys(AR_ORDINALS)].join('|')}))(?![\\p{L}\\p{N}])`,
  'gu',
);
// "la même loi", "ladite loi", "نفس القانون": the last law cited.
const ANAPHORA = new RegExp(
  `(?<![\\p{L}])(?:la meme loi|ladite loi|ledit code|le meme code|cette loi|la loi precitee|la loi susmentionnee|la loi susvisee|ce code|the same law|said law|this law|${AR_PRE}نفس\\s+القانون|${AR_PRE}قانون\\s+نفسه|${AR_PRE}قانون\\s+المذكور|هذا\\s+القانون|${AR_PRE}قانون\\s+السالف\\s+الذكر)(?![\\p{L}])`,
  'gu',
);

function titleRegExp(pattern: string): RegExp {
  const words = pattern.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const first = words[0] ?? '';
  // Arabic titles take clitics; "ال" fuses with ل into "لل" ("للقانون الجنائي").
  if (/^ال[\u0600-\u06ff]/.test(first)) words[0] = `[وف]?(?:ال|بال|لل|كال)${first.slice(2)}`;
  else if (/^[\u0600-\u06ff]/.test(first)) words[0] = `${AR_PRE}${first}`;
  return new RegExp(`(?<![\\p{L}])${words.join('\\s+')}(?![\\p{L}])`, 'gu');
}

const TITLES: Array<{ re: RegExp; law: LawRecord }> = LAWS.flatMap((law) =>
  law.titlePatterns.map((p) => ({ law, re: titleRegExp(p) })),
);

/**
 * "51 et 52" → [51, 52]; "51 à 53" → [51, 52, 53] (short ranges only); "447-1" stays whole, and a
 * range of sub-articles of one article fills in too ("447-1 à 447-3" → 447-1, 447-2, 447-3).
 */
function articleNumbers(list: string): string[] {
  const out: string[] = [];
  const re = /(\d{1,4})(?:-(\d{1,2}))?(?:\s*(?:a|au|to|الي)\s*(\d{1,4})(?:-(\d{1,2}))?(?![\d-]))?/gu;
  for (let m = re.exec(list); m !== null; m = re.exec(list)) {
    const [, base = '', sub, lastBase, lastSub] = m;
    out.push(sub === undefined ? base : `${base}-${sub}`);
    if (lastBase === undefined) continue;
    const [from, last] = sub === undefined ? [Number(base), Number(lastBase)] : [Number(sub), Number(lastSub)];
    const sameParent = (sub === undefined) === (lastSub === undefined) && (sub === undefined || base === lastBase);
    if (sameParent && last > from && last - from <= 20) {
      for (let n = from + 1; n <= last; n++) out.push(sub === undefined ? String(n) : `${base}-${n}`);
    } else out.push(lastSub === undefined ? lastBase : `${lastBase}-${lastSub}`);
  }
  return out;
}

function romanToInt(s: string): number {
  const v: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100 };
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const cur = v[s[i] ?? ''] ?? 0;
    const next = v[s[i + 1] ?? ''] ?? 0;
    total += cur < next ? -cur : cur;
  }
  return total;
}

interface Mention {
  /** Normalized offsets. */
  nStart: number;
  nEnd: number;
  kind: 'law' | 'anaphora' | 'article' | 'chapter' | 'other';
  lawId?: string;
  label?: string;
  lawKind?: LawKind;
  /** For articles/chapters. */
  numbers?: string[];
  chapter?: number;
  confidence: number;
}

function lawFromNumber(a: string, b: string): { id: string; label: string } {
  const na = a.padStart(2, '0');
  const key = `${na}-${b}`;
  const known = BY_NUMBER.get(key);
  if (known) return { id: known.id, label: known.titles.fr };
  return { id: `ma-law-${na}-${b}`, label: `Loi n° ${na}-${b}` };
}

/** Whether a law id names a text Raqib knows (not one built from a number read in the text). */
export function isKnownLaw(id: string): boolean {
  return BY_ID.has(id.split('/')[0] ?? id);
}

/**
 * Laws, decrees, dahirs, CNDP deliberations and the articles and chapters cited from them: every
 * mention read, overlaps dropped, then each reference resolved to the law it belongs to.
 */
export function findLaws(ctx: DocContext, skip: Array<[number, number]>): LawEntity[] {
  const mentions = [...textMentions(ctx), ...referenceMentions(ctx)];
  return resolveMentions(ctx, outermostMentions(ctx, mentions, skip));
}

function eachMatch(re: RegExp, text: string, onMatch: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) onMatch(m);
}

/** Mentions of a text itself: a law by its number or title, a decree, a dahir, a deliberation. */
function textMentions(ctx: DocContext): Mention[] {
  const text = ctx.norm.text;
  const mentions: Mention[] = [];
  eachMatch(LAW_NUMBER, text, (m) => {
    const a = m[1] ?? '';
    const b = m[2] ?? '';
    const hasLawWord = !/^(?:n|no|numero|number|#|رقم)/.test(m[0]);
    const { id, label } = lawFromNumber(a, b);
    // A bare "n° 12-34" is a law only when the number is one we know.
    if (!hasLawWord && !BY_NUMBER.has(`${a.padStart(2, '0')}-${b}`)) return;
    mentions.push({
      nStart: m.index,
      nEnd: m.index + m[0].length,
      kind: 'law',
      lawId: id,
      label,
      lawKind: 'law',
      confidence: hasLawWord ? 0.95 : 0.7,
    });
  });
  eachMatch(DECREE, text, (m) => {
    const id = `ma-decree-${m[1]}-${m[2]}-${m[3]}`;
    mentions.push({
      nStart: m.index,
      nEnd: m.index + m[0].length,
      kind: 'law',
      lawId: id,
      label: BY_ID.get(id)?.titles.fr ?? `Décret n° ${m[1]}-${m[2]}-${m[3]}`,
      lawKind: 'decree',
      confidence: 0.95,
    });
  });
  eachMatch(DAHIR, text, (m) => {
    const id = `ma-dahir-${m[1]}-${m[2]}-${m[3]}`;
    mentions.push({
      nStart: m.index,
      nEnd: m.index + m[0].length,
      kind: 'law',
      lawId: id,
      label: BY_ID.get(id)?.titles.fr ?? `Dahir n° ${m[1]}-${m[2]}-${m[3]}`,
      lawKind: 'dahir',
      confidence: 0.95,
    });
  });
  const deliberation = (m: RegExpExecArray, confidence: number) => {
    const parsed = deliberationId(m[1] ?? '', m[2] ?? '');
    if (!parsed) return;
    const id = `cndp-deliberation-D-${parsed.n}-${parsed.year}`;
    mentions.push({
      nStart: m.index,
      nEnd: m.index + m[0].length,
      kind: 'other',
      lawId: id,
      label: `Délibération n° D-${parsed.n}-${parsed.year}`,
      lawKind: 'deliberation',
      confidence,
    });
  };
  eachMatch(DELIBERATION_CODE, text, (m) => deliberation(m, 0.9));
  eachMatch(DELIBERATION_CODE_AFTER, text, (m) => deliberation(m, 0.9));
  eachMatch(DELIBERATION_WORD, text, (m) => deliberation(m, 0.8));
  for (const { re, law } of TITLES) {
    eachMatch(re, text, (m) => {
      // "la constitution d'un fichier" is not the Constitution: the Latin spelling must be capitalized.
      if (
        law.id === 'ma-constitution' &&
        /^[a-z]/.test(m[0]) &&
        !/C/.test(ctx.text.slice(origIndex(ctx, m.index), origIndex(ctx, m.index + m[0].length)))
      )
        return;
      mentions.push({
        nStart: m.index,
        nEnd: m.index + m[0].length,
        kind: 'law',
        lawId: law.id,
        label: law.titles.fr,
        lawKind: law.kind,
        confidence: 0.85,
      });
    });
  }
  return mentions;
}

/** Mentions that refer to a text: "la loi précitée", articles ("المادة الأولى"), chapters. */
function referenceMentions(ctx: DocContext): Mention[] {
  const text = ctx.norm.text;
  const mentions: Mention[] = [];
  eachMatch(ANAPHORA, text, (m) =>
    mentions.push({ nStart: m.index, nEnd: m.index + m[0].length, kind: 'anaphora', confidence: 0.7 }),
  );
  eachMatch(ARTICLE, text, (m) => {
    const nums = articleNumbers(m[1] ?? '');
    mentions.push({ nStart: m.index, nEnd: m.index + m[0].length, kind: 'article', numbers: nums, confidence: 0.85 });
  });
  eachMatch(ORDINAL_ARTICLE, text, (m) => {
    const n = m[1] ? (AR_ORDINAL_FEMININE[m[1]] ?? AR_ORDINALS[m[1]] ?? 0) : 1;
    if (n > 0)
      mentions.push({
        nStart: m.index,
        nEnd: m.index + m[0].length,
        kind: 'article',
        numbers: [String(n)],
        confidence: 0.8,
      });
  });
  eachMatch(FR_CHAPTER, text, (m) => {
    const raw = m[1] ?? '';
    const n = /^\d+$/.test(raw) ? Number(raw) : romanToInt(raw);
    if (n > 0)
      mentions.push({ nStart: m.index, nEnd: m.index + m[0].length, kind: 'chapter', chapter: n, confidence: 0.85 });
  });
  eachMatch(AR_CHAPTER, text, (m) => {
    const raw = m[1] ?? '';
    const n = AR_ORDINALS[raw] ?? Number(raw);
    if (n > 0)
      mentions.push({ nStart: m.index, nEnd: m.index + m[0].length, kind: 'chapter', chapter: n, confidence: 0.85 });
  });
  return mentions;
}

/** Drops mentions inside organization names and overlapping duplicates (keeps the longest, first). */
function outermostMentions(ctx: DocContext, mentions: Mention[], skip: Array<[number, number]>): Mention[] {
  // Array.prototype.sort is stable: among equal spans the order of reading above decides.
  mentions.sort((x, y) => x.nStart - y.nStart || y.nEnd - y.nStart - (x.nEnd - x.nStart));
  const kept: Mention[] = [];
  let lastEnd = -1;
  for (const mt of mentions) {
    const oStart = origIndex(ctx, mt.nStart);
    if (skip.some(([a, b]) => oStart >= a && oStart < b)) continue;
    if (mt.nStart < lastEnd) {
      // A law title right after its number ("loi 09-08 relative à ...") overlaps nothing; true overlaps are dropped.
      continue;
    }
    kept.push(mt);
    lastEnd = mt.nEnd;
  }
  return kept;
}

/**
 * Resolves in reading order: anaphora → last law; articles/chapters → the law that follows them in the
 * same clause ("article 43 de la loi 09-08", "الفصل 447-1 من القانون الجنائي"), else the last law.
 */
function resolveMentions(ctx: DocContext, kept: Mention[]): LawEntity[] {
  const entities = new Map<string, LawEntity>();
  const add = (id: string, label: string, kind: LawKind, parentId: string | null, span: Span) => {
    const e = entities.get(id);
    if (e) e.mentions.push(span);
    else entities.set(id, { id, label, kind, parentId, mentions: [span] });
  };
  const spanFor = (mt: Mention) => {
    const s = origIndex(ctx, mt.nStart);
    let e = origIndex(ctx, mt.nEnd);
    while (e > s && /\s/.test(ctx.text[e - 1] ?? '')) e--;
    return spanOf(ctx, s, e, mt.confidence);
  };
  let lastLaw: { id: string; label: string; kind: LawKind } | null = null;
  for (let i = 0; i < kept.length; i++) {
    const mt = kept[i] as Mention;
    if (mt.kind === 'law' || mt.kind === 'other') {
      add(mt.lawId as string, mt.label as string, mt.lawKind as LawKind, null, spanFor(mt));
      // Only laws and codes are antecedents: "ses articles 51 et 52" after a decree still means the law.
      if (mt.kind === 'law' && (mt.lawKind === 'law' || mt.lawKind === 'code')) {
        lastLaw = { id: mt.lawId as string, label: mt.label as string, kind: mt.lawKind as LawKind };
      }
      continue;
    }
    if (mt.kind === 'anaphora') {
      if (lastLaw) add(lastLaw.id, lastLaw.label, lastLaw.kind, null, spanFor(mt));
      continue;
    }
    // Article or chapter: look for an owning law right after it.
    let owner = lastLaw;
    const next = kept[i + 1];
    if (next && (next.kind === 'law' || next.kind === 'anaphora')) {
      const between = ctx.norm.text.slice(mt.nEnd, next.nStart);
      if (/^\s*(?:,\s*)?(?:alinea \d+\s*,?\s*)?(?:de la|de l'|du|de|des|of the|of|من|في)?\s*$/.test(between)) {
        if (next.kind === 'law')
          owner = { id: next.lawId as string, label: next.label as string, kind: next.lawKind as LawKind };
      }
    }
    if (!owner || (owner.kind !== 'law' && owner.kind !== 'code' && owner.kind !== 'decree' && owner.kind !== 'dahir'))
      continue;
    const span = spanFor(mt);
    if (mt.kind === 'article') {
      for (const n of mt.numbers ?? []) {
        add(`${owner.id}/art-${n}`, `Article ${n} — ${owner.label}`, 'article', owner.id, span);
      }
    } else if (mt.chapter) {
      add(`${owner.id}/chap-${mt.chapter}`, `Chapitre ${mt.chapter} — ${owner.label}`, 'chapter', owner.id, span);
    }
  }
  return [...entities.values()];
}
