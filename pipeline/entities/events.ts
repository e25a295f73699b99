// Enforcement events: a trigger word per event type, dated by the nearest date of the same sentence
// that is not a deadline, else by the publication date when the sentence reports news (not a recall:
// "pour rappel", "avait", "سبق أن").
import { EVENT_TYPES, type EventEntity, type EventType } from '../types.ts';
import { type DocContext, type FoundDate, normIndex, origIndex, sentenceAt, spanOf } from './context.ts';

// Triggers on normalized text (lowercase, no accents, Arabic letters unified). Organization names
// are masked before matching: "Commission nationale de contrôle" is not an inspection.
const TRIGGERS: Record<EventType, RegExp> = {
  complaint:
    /(?<![\p{L}])(?:plaintes?|a porte plainte|deposer plainte|reclamations?|doleances?|complaints?|[وفبل]?(?:ال)?(?:شكايه|شكايات|شكاوي|شكوي|تظلم)(?:ها|ه|هم)?)(?![\p{L}])/gu,
  inspection:
    /(?<![\p{L}])(?:controles? inopines?|mission de controle|missions de controle|operation de controle|un controle|des controles|le controle sur place|controle sur place|inspections?|audits?|enquetes?|investigations?|[وفبل]?(?:ال)?(?:افتحاص|تفتيش|عمليه مراقبه|عمليات المراقبه|عمليات مراقبه|مهمه مراقبه|زياره ميدانيه|بحث قضايي|بحثا قضاييا|فتح بحث|تحقيقا|تحقيقات|(?:فتح|فتحت|يفتح|تفتح|باشرت|تباشر|اجراء|اجرت)\s+(?:ال)?تحقيق|(?:ال)?تحقيق(?=\s+(?:في|حول|بشان))))(?![\p{L}])/gu,
  hearing:
    /(?<![\p{L}])(?:audition|auditionne(?:e|s|es)?|convoque(?:e|s|es)?|convocation|hearing|summoned|جلسه استماع|جلسات استماع|[وفبل]?(?:ال)?استماع|استمعت|استمع|استدعاء|استدعت|استدعي)(?![\p{L}])/gu,
  formal_notice:
    /(?<![\p{L}])(?:mise en demeure|mis(?:e|es)? en demeure|met en demeure|injonction|formal notice|[وفبل]?(?:ال)?(?:انذار|اعذار)ا?)(?![\p{L}])/gu,
  sanction:
    /(?<![\p{L}])(?:sanctionne(?:e|s|es)|a sanctionne|ete sanctionne|inflige(?:e|s|es)?|condamne(?:e|s|es)?|condamnation|amende administrative|sanction pecuniaire|sanctioned|fined|[وفبل]?(?:ال)?(?:فرض عقوبه|فرضت عقوبه|عقوبه ماليه|غرامه ماليه قدرها|تغريم|بتغريم|ادانه|ادانت))(?![\p{L}])/gu,
  referral_prosecutor:
    /(?<![\p{L}])(?:parquet|procureur|ministere public|saisi la justice|transmis (?:le dossier )?a la justice|prosecutor|[وفبل]?(?:ال)?(?:نيابه العامه|وكيل الملك|الوكيل العام))(?![\p{L}])/gu,
  moratorium:
    /(?<![\p{L}])(?:moratoire|moratorium|[وفبل]?(?:ال)?تعليق(?= (?:ال)?(?:بت|عمل|استعمال|استخدام|معالجه|منح|الترخيص|التراخيص)))(?![\p{L}])/gu,
  deliberation: /(?<![\p{L}])(?:deliberations?|[وفبل]?(?:ال)?(?:مداوله|مداولات))(?![\p{L}])/gu,
  data_breach:
    /(?<![\p{L}])(?:fuites?(?: de donnees)?|fuite|piratage|pirate(?:e|s|es)?|cyberattaques?|leak(?:ed|s)?|data breach|security breach|hack(?:ed|ers?)?|[وفبل]?(?:ال)?(?:تسريب|تسريبات|مسربه|مسربة|اختراق|قرصنه))(?![\p{L}])/gu,
  communique:
    /(?<![\p{L}])(?:communiques?|press release|statement|[وفبل]?(?:ال)?(?:بلاغ|بيان)(?:ها|ه|هم)?)(?![\p{L}])/gu,
};

// Sentences recalling older facts do not take the publication date.
const RECALL =
  /pour rappel|rappelons|auparavant|precedemment|l'an dernier|l'annee derniere|en \d{4}|avait |avaient |devait |devaient |sera |seront |pourrait|pourra|previously|last year|had |سبق|كانت قد|كان قد|في وقت سابق|العام الماضي|السنه الماضيه/u;
// General statements about what the CNDP does ("les contrôles font suite à la réception d'une plainte").
const GENERIC =
  /font suite|peut |peuvent |doit |doivent |en cas de|chaque |tout |toute |tous les|toutes les|يمكن|يجب|في حاله|كل /u;

// Large counts are statistics, not events: "3500 شكاية", "des centaines de plaintes", "آلاف الشكايات".
// Small ones ("عشرات الشكايات", "37 plaintes") usually start a matter and stay events.
const AGGREGATE =
  /(?:(\d[\d\s.,]*)|des centaines de|des milliers de|hundreds of|thousands of|الاف|الفي|مئات|ملايين)\s*$/u;

// "un registre pour le suivi des plaintes et des contrôles", "سجل لتتبع الشكايات": a tool, not an event.
const TRACKING =
  /(?:suivi|suivre|tracking|track|تتبع|لتتبع)\s+(?:des|de|les|of|the)?\s*(?:\p{L}+\s+(?:(?:et|and|و)\s*)?(?:des|de|les)?\s*)?$/u;

// Complaint handling in general ("traiter les plaintes", "آلية لمعالجة الشكايات") is no complaint event.
const COMPLAINT_HANDLING =
  /(?:traiter|traitement|recevoir|reception|adresser|gerer|gestion|handle|handling|receive|[وفبل]?(?:ال)?(?:معالجه|تلقي|استقبال|تدبير))\s+(?:\p{L}+\s+){0,3}$/u;

function isAggregate(before: string): boolean {
  const m = AGGREGATE.exec(before);
  if (!m) return false;
  const digits = m[1];
  if (digits === undefined) return true;
  // "20 غشت 2019، تعليق": a number closed by punctuation ends a date or a clause, it counts nothing.
  if (/[,.]\s*$/.test(digits)) return false;
  const n = Number(digits.replace(/[\s.,]/g, ''));
  return n >= 100 && !/^(?:19|20)\d\d$/.test(digits.trim());
}

export function findEvents(
  ctx: DocContext,
  masked: Array<[number, number]>,
  deadlineDates: Set<FoundDate>,
): EventEntity[] {
  const text = ctx.norm.text;
  const out = new Map<string, EventEntity>();
  const eventDates = ctx.dates.filter((d) => !deadlineDates.has(d) && d.precision === 'day');
  const undated: Array<{ type: EventType; span: ReturnType<typeof spanOf>; recall: boolean }> = [];
  const add = (type: EventType, date: string | null, span: ReturnType<typeof spanOf>) => {
    const key = `${type}|${date}`;
    const existing = out.get(key);
    if (existing) existing.mentions.push(span);
    else out.set(key, { type, date, mentions: [span] });
  };
  for (const type of EVENT_TYPES) {
    const re = TRIGGERS[type];
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const oStart = origIndex(ctx, m.index);
      const oEnd = origIndex(ctx, m.index + m[0].length);
      if (masked.some(([a, b]) => oStart < b && oEnd > a)) continue;
      if (isAggregate(text.slice(Math.max(0, m.index - 24), m.index))) continue;
      if (TRACKING.test(text.slice(Math.max(0, m.index - 40), m.index))) continue;
      if (type === 'complaint' && COMPLAINT_HANDLING.test(text.slice(Math.max(0, m.index - 50), m.index))) continue;
      const s = sentenceAt(ctx, oStart);
      const sentenceNorm = text.slice(normIndex(ctx, s.start), normIndex(ctx, s.end));
      if (GENERIC.test(sentenceNorm) && !/\d/.test(sentenceNorm)) continue;
      // The nearest dated mention in the sentence dates the event.
      let date: string | null = null;
      let best = Number.POSITIVE_INFINITY;
      for (const d of eventDates) {
        if (d.start < s.start || d.end > s.end) continue;
        // An explicit day ("le 6 janvier") beats a bare weekday ("lundi") anywhere in the sentence.
        const dist = Math.abs(d.start - oStart) + (/\d/.test(d.text) ? 0 : 10_000);
        if (dist < best) {
          best = dist;
          date = d.date;
        }
      }
      if (date !== null) add(type, date, spanOf(ctx, oStart, oEnd, 0.75));
      else undated.push({ type, span: spanOf(ctx, oStart, oEnd, 0.5), recall: RECALL.test(sentenceNorm) });
    }
  }
  // An undated mention joins the explicitly dated event of the same type ("l'audition du 6 janvier ...
  // cette audition"); otherwise news is dated by the publication, recalls stay undated.
  for (const u of undated) {
    const dated = [...out.values()].find((e) => e.type === u.type);
    if (dated) dated.mentions.push(u.span);
    else add(u.type, u.recall ? null : ctx.publishedAt, u.span);
  }
  // An undated mention of a type that is dated elsewhere in the document is the same event.
  const events = [...out.values()];
  const datedTypes = new Map(events.filter((e) => e.date !== null).map((e) => [e.type, e]));
  return events.filter((e) => {
    if (e.date !== null) return true;
    const dated = datedTypes.get(e.type);
    if (!dated) return true;
    dated.mentions.push(...e.mentions);
    return false;
  });
}
