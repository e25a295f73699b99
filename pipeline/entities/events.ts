// Enforcement events: a trigger word per event type, dated by the nearest date of the same sentence
// that is not a deadline, else by the publication date when the sentence reports news (not a recall:
// "pour rappel", "avait", "سبق أن").
import { EVENT_TYPES, type EventEntity, type EventType } from '../types.ts';
import {
  type DocContext,
  type FoundDate,
  normIndex,
  origIndex,
  sentenceAt,
  sentenceIndexAt,
  spanOf,
} from './context.ts';

// Triggers on normalized text (lowercase, no accents, Arabic letters unified). Organization names
// are masked before matching: "Commission nationale de contrôle" is not an inspection.
const TRIGGERS: Record<EventType, RegExp> = {
  complaint:
    /(?<![\p{L}])(?:plaintes?|a porte plainte|deposer plainte|saisie? par (?:\S+\s+){0,2}(?:citoyens?|etudiants?|salaries?|employes?|plaignants?|victimes?|consommateurs?|usagers?|clients?|parents?|familles?|associations?|syndicats?|riverains?|abonnes?|patients?|adherents?)|(?:a|ont|avaient|avait) saisi la (?:cndp|commission)|reclamations?|doleances?|complaints?|complained|[وف]?(?:بال|لل|كال|ال|[بلك])?(?:شكايه|شكايات|شكاوي|شكوي|تظلم)(?:ها|ه|هم)?)(?![\p{L}])/gu,
  inspection:
    /(?<![\p{L}])(?:controles? inopines?|mission de controle|missions de controle|operation de controle|un controle|des controles|le controle sur place|controle sur place|(?:le|ce|du) controle (?:ouvert|mene|effectue|realise|diligente|lance)|controleurs|equipe de controle|inspections?|inspectors?|inspected|site visit|on-site visit|audits?|enquetes?(?! publique| d'utilite publique)|investigations?|probes?|[وف]?(?:بال|لل|كال|ال|[بلك])?(?:افتحاص|تفتيش|عمليه مراقبه|عمليه المراقبه|عمليات المراقبه|عمليات مراقبه|مهمه مراقبه|زياره مراقبه|زيارات مراقبه|زياره ميدانيه|مراقبون|مراقبين|(?<!(?:كاميرات|كاميرا|انظمه|نظام|اجهزه|وسايل) )المراقبه(?= (?:الميدانيه|التي))|(?<=كشفت )المراقبه|حلوا(?= [^.،]{0,40}بمقر)|بحث قضايي|بحثا قضاييا|فتح بحث|تحقيقا|تحقيقات|(?:فتح|فتحت|يفتح|تفتح|باشرت|تباشر|اجراء|اجرت)\s+(?:ال)?تحقيق|(?:ال)?تحقيق(?=\s+(?:في|حول|بشان))))(?![\p{L}])/gu,
  hearing:
    /(?<![\p{L}])(?:audition|auditionne(?:e|s|es)?|convoque(?:e|s|es)?|convocation|hearing|summoned|جلسه استماع|جلسات استماع|[وف]?(?:بال|لل|كال|ال|[بلك])?استماع|استمعت|استمع|استدعاء|استدعت|استدعي)(?![\p{L}])/gu,
  formal_notice:
    /(?<![\p{L}])(?:mise en demeure|mis(?:e|es)? en demeure|met en demeure|injonction|formal notices?|(?:was|were|been|is|are) warned|warned over|ordered to|(?:has|have|given) \d+ days to|[وف]?(?:بال|لل|كال|ال|[بلك])?(?:انذارات|اعذارات|انذار|اعذار)ا?)(?![\p{L}])/gu,
  sanction:
    /(?<![\p{L}])(?:sanctionne(?:e|s|es)|a sanctionne|ete sanctionne|inflige(?:e|s|es)?|condamne(?:e|s|es)?|condamnation|amende administrative|sanction pecuniaire|(?:prononcant|prononce|infligeant) une sanction|une sanction (?:a l'encontre|contre)|sanctioned|fined|penali[sz]ed|sentenced|convicted|imposed an? (?:\p{L}+ ){0,2}(?:fine|penalty|sanction)|[وف]?فرضت?(?: \p{L}+){0,3} (?:ال)?غرامه|[وف]?عاقبت?(?= )|retir(?:ant|e|er|ait) (?:a [\p{L}' ]{1,40})?(?:le recepisse|l'autorisation|l'agrement|la licence)|retrait (?:du recepisse|de l'autorisation|de l'agrement)|(?:withdrew|revoked|withdrawn|revoke|withdraw) (?:the|its) (?:registration|authori[sz]ation|licen[cs]e|approval)|[وف]?(?:بال|لل|كال|ال|[بلك])?(?:فرض عقوبه|فرضت عقوبه|عقوبه ماليه|سحب (?:وصل|الترخيص|الاذن|الرخصه)|غرامه (?:ماليه )?(?:نافذه )?قدرها|تغريم|بتغريم|ادانه|ادانت))(?![\p{L}])/gu,
  referral_prosecutor:
    /(?<![\p{L}])(?:parquet|procureur|ministere public|saisi la justice|transmis (?:le dossier )?a la justice|prosecutors?|[وف]?(?:بال|لل|كال|ال|[بلك])?(?:نيابه العامه|وكيل الملك|الوكيل العام))(?![\p{L}])/gu,
  moratorium:
    /(?<![\p{L}])(?:moratoire|moratorium|(?:le|la|ce|cette|un|une)\s+(?:premier\s+|premiere\s+|nouveau\s+|nouvelle\s+)?(?:gel|suspension)(?=,?\s+(?:decidee?|prononcee?|instauree?|imposee?|annoncee?|adoptee?)(?![\p{L}]))|(?:gele|geler|suspendu|suspendre|suspend|gel|suspension)\s+(?:[\p{L}']+\s+){0,4}(?:demandes|autorisations|dossiers)|(?:froze|frozen|freezes|freeze on|suspended|suspends|suspension of)\s+(?:[\p{L}']+\s+){0,3}(?:applications|approvals|authori[sz]ations|requests|permits)|[وف]?(?:بال|لل|كال|ال|[بلك])?تعليق(?= (?:ال)?(?:بت|عمل|استعمال|استخدام|معالجه|منح|الترخيص|التراخيص)))(?![\p{L}])/gu,
  deliberation: /(?<![\p{L}])(?:deliberations?|[وف]?(?:بال|لل|كال|ال|[بلك])?(?:مداوله|مداولات))(?![\p{L}])/gu,
  data_breach:
    /(?<![\p{L}])(?:fuites?(?: de donnees)?|fuite|piratage|(?:publiee?s?|mise?s? en ligne|diffusee?s?|exposee?s?) par erreur|(?:mise en ligne|publication|diffusion) (?:accidentelle |par erreur )?d'(?:un|une) (?:fichier|liste|document|tableau) (?:contenant|comportant|regroupant)|(?:accidentally|mistakenly|inadvertently) (?:published|posted|exposed|uploaded|shared)|(?:published|posted|exposed|uploaded) by mistake|(?:عن طريق الخطا|بالخطا)(?<=(?:نشر|نشرت|تنشر|ينشر|وضعت|رفعت)[^.]{0,80})|pirate(?:e|s|es)?|cyberattaques?|leak(?:ed|s)?|data breach|security breach|hack(?:ed|ers?|ing)?|cyber ?attacks?|ransomware|rancongiciels?|[وف]?(?:بال|لل|كال|ال|[بلك])?هجوم (?:ال)?(?:سيبراني|الكتروني|معلوماتي)|[وف]?(?:بال|لل|كال|ال|[بلك])?(?:تسريب|تسريبات|مسربه|مسربة|اختراق|قرصنه))(?![\p{L}])/gu,
  communique:
    /(?<![\p{L}])(?:communiques?|press release|statement|a rendue? publi(?:c|que)|made public|lettre (?:conjointe|ouverte|commune)|joint (?:letter|statement)|open letter|[وف]?(?:بال|لل|كال|ال|[بلك])?(?:بلاغ|بيان|رساله مشتركه|رساله مفتوحه)(?:ها|ه|هم)?)(?![\p{L}])/gu,
  // "Convention 108" and "la convention de Budapest" are treaties the article cites, not one signed.
  agreement:
    /(?<![\p{L}])(?:conventions?(?! (?:n° ?)?108| de (?:budapest|malabo))(?:\s+(?:de partenariat|cadre|de cooperation))?|accords? (?:de partenariat|de cooperation|cadre)|partenariats?|protocole d'accord|memorandum(?: d'entente| of understanding)?|(?:ont|a) signe|signent|signature (?:d'une?|de la|du|des)|agreements?|partnerships?|mou|signed|[وف]?(?:بال|لل|كال|ال|[بلك])?(?:اتفاقيه|اتفاقيات|اتفاقيتين|اتفاقيتي|اتفاق|مذكره تفاهم|مذكره التفاهم|مذكرتي تفاهم|شراكه|بروتوكول|توقيع|وقعت|وقعا|وقع|يوقع|توقع)(?:ها|ه|هما)?)(?![\p{L}])/gu,
  meeting:
    /(?<![\p{L}])(?:reunions?|rencontres?|colloques?|conferences?(?! de presse)|seminaires?|symposiums?|forums?|ateliers?|journees? (?:d'etude|de sensibilisation|d'information|mondiale|internationale|nationale|europeenne)|semaine (?:de|nationale)|assemblee generale|table ronde|meetings?|workshops?|webinars?|summit|sommet|[وف]?(?:بال|لل|كال|ال|[بلك])?(?:اجتماع|اجتماعات|لقاء|لقاءات|ندوه|ندوات|مؤتمر|موتمر|ملتقي|منتدي|ورشه|ورشات|يوم دراسي|ايام دراسيه|يوم تحسيسي|الجمع العام|جمع عام))(?![\p{L}])/gu,
  launch:
    /(?<![\p{L}])(?:lancement|lance (?:un|une|le|la|son|sa)|launch(?:ed|es)?|inaugur\p{L}*|mise en place|[وف]?(?:بال|لل|كال|ال|[بلك])?(?:اطلاق|اطلقت|اطلق|تطلق|يطلق|تدشين|دشنت)(?:ها|ه)?)(?![\p{L}])/gu,
};

// Sentences recalling older facts do not take the publication date.
const RECALL =
  /كانت?(?:\s+\S+){0,6}\s+قد\s|pour rappel|rappelons|auparavant|precedemment|l'an dernier|l'annee derniere|en \d{4}|avait |avaient |devait |devaient |sera |seront |pourrait|pourra|previously|last year|had |سبق|كانت قد|كان قد|في وقت سابق|العام الماضي|السنه الماضيه/u;
// General statements about what the CNDP does ("les contrôles font suite à la réception d'une plainte").
// ("chaque jour", "كل دقيقتين" describe the facts of a case: they do not make a sentence general.)
const GENERIC = /font suite|peut |peuvent |doit |doivent |en cas de|tous les|toutes les|يمكن|يجب|في حاله/u;

// Large counts are statistics, not events: "3500 شكاية", "des centaines de plaintes", "آلاف الشكايات".
// Small ones ("عشرات الشكايات", "37 plaintes") usually start a matter and stay events.
const AGGREGATE =
  /(?:(\d[\d\s.,]*)|des centaines de|des milliers de|hundreds of|thousands of|الاف|الفي|مئات|ملايين)\s*$/u;

// "un registre pour le suivi des plaintes et des contrôles", "سجل لتتبع الشكايات": a tool, not an event.
const TRACKING =
  /(?:suivi|suivre|tracking|track|تتبع|لتتبع)\s+(?:des|de|les|of|the)?\s*(?:\p{L}+\s+(?:(?:et|and|و)\s*)?(?:des|de|les)?\s*)?$/u;

// Complaint handling in general ("traiter les plaintes", "آلية لمعالجة الشكايات") is no complaint event.
const COMPLAINT_HANDLING =
  /(?:traiter|traitement|recevoir|reception|adresser|gerer|gestion|handle|handling|receive|[وف]?(?:بال|لل|كال|ال|[بلك])?(?:معالجه|تلقي|استقبال|تدبير))\s+(?:\p{L}+\s+){0,3}$/u;

// A threat or a plan is not an event: "passé ce délai, la Commission pourra saisir le parquet",
// "failure to comply could lead to a referral", "سيعرض المجموعة لإحالة ملفها", "afin d'adopter une délibération".
const NOT_YET =
  /(?:saisi|transmett|inflige|sanctionne|convoque|auditionne|procede|lance|ouvri|adresse|publie|engage)r(?:a|ont)(?![\p{L}])|pourra|pourrait|pourraient|sera transmis|seront transmis|sera saisi|risque d|a defaut|faute de|passe ce delai|sous peine|afin d'|en vue d'|could|would|might|may lead|will be|failure to|otherwise|in order to|expected to|is due to|devrai(?:t|ent)|est attendue?|[وف]?يرتقب|من المرتقب|من المنتظر|[وف]?سي(?:عرض|ودي|تم|كون|قوم|باشر|نطلق|حال)|[وف]?ست(?:عرض|ودي|تم|كون|قوم|باشر|نطلق|حال)|تحت طائله|في حاله عدم|(?:^|\s)والا(?:\s|$)|قد يودي|يمكن ان|من اجل اعتماد|بهدف/u;
// A negated report: "la CNDP n'a pas encore publié de communiqué", "لم تصدر اللجنة أي بلاغ".
const NEGATED =
  /(?:pas encore|aucune?|n'(?:a|ont) (?:pas )?(?:encore )?(?:publie|emis|diffuse|ouvert|engage)|not yet|(?:has|have|had|did) not (?:yet )?(?:issued|published|released|opened|made|launched|issue|publish|release|open)|(?:^|\s)no(?: public| official| formal)?\s*$|(?:^|\s)[وف]?لم\s+(?:\S+\s+){0,7}اي|(?:^|\s)[وف]?لم\s+(?:تصدر|يصدر|تنشر|ينشر|تفتح|يفتح))[^.,;،]*$/u;
// What comes right before a trigger that makes it a trend, a count or a coordination, not one event:
// "la hausse des plaintes", "en tête des plaintes", "تنامي الشكايات", "تنسيق عمليات المراقبة".
const TREND =
  /(?:hausse|augmentation|multiplication|(?:le|du) nombre|en tete|rise|increase|the number|growth|coordonner|coordination|coordinate|تنامي|تزايد|ارتفاع|عدد(?! من)|تتصدر|سنويا|تنسيق)\s+(?:\p{L}+\s+){0,2}$/u;
// A statistic over a period: "توجيه 35 إنذارا" in an annual report, "37 contrôles en 2024".
const PERIOD =
  /au cours de l'annee|durant l'annee|bilan|rapport annuel|annual report|during the year|(?<![\p{L}])(?:in|en) \d{4}|خلال (?:ال)?سنه|خلال العام|التقرير السنوي|حصيله|سنويا/u;
// "après la fuite", "à la suite d'une plainte", "عقب زيارة مراقبة": an earlier event the sentence
// refers back to, dated only by a date written right after it.
const AFTER =
  /(?:apres|suite a|suite au|suite aux|a la suite (?:de|des|du|d')|fait suite a|faisant suite a|following|follows|after|عقب|اثر|بعد|على خلفيه|في اعقاب)\s+(?:[\p{L}']+\s+){0,4}$/u;
// The clause right after a trigger can still make it a plan: "عمليات التفتيش ستنطلق في أكتوبر".
const NOT_YET_AFTER =
  /^[^.,;،]{0,25}?(?:aura lieu|se tiendra|sera |seront |will |[وف]?(?:سي|ست)(?:نطلق|تم|كون|جري|باشر))/u;
// "cette mise en demeure", "هذا الإعذار": a mention of an event already told.
const ANAPHORIC = /(?:^|\s)(?:ce|cet|cette|ces|this|these|that|هذا|هذه|ذلك|تلك)\s+$/u;

// A demand is no event yet: "elle exige ... un audit des procédures", "وطالبوا بفتح بحث" (verb forms
// only: "طالب" alone is also a student, who may well file a complaint).
const DEMANDED =
  /(?:exige|exigent|exigeant|reclame|reclament|enjoint|requires?|demands?|demanding|calls? for)(?![\p{L}])[^.;:]*$|(?:^|\s)[وف]?(?:طالبت|طالبوا|طالبو|طالبا|يطالبون|تطالب|يطالب)(?:\s+\S+){0,2}\s+$/u;
// "une plainte auprès du parquet", "complaint with the public prosecutor", "شكاية إلى وكيل الملك": a
// victim going to the prosecutor, not a referral by the authority.
const COMPLAINT_TO =
  /(?:plaintes?|complaints?|شكايه|شكوي)(?:\s+\S+){0,3}\s+(?:aupres d[ue]|devant|with|to|before|الي|لدي|امام)\s+(?:(?:the|le|la|l')\s*)?(?:\p{L}+\s+)?$/u;

// "le syndicat a publié un communiqué selon lequel la société a installé en septembre…": a month
// behind "que", "that", "إن" belongs to the reported clause.
const CLAUSE = /(?:^|\s)(?:que|qu'|that|ان|lequel|laquelle)(?:\s|$)/u;

function acrossClause(ctx: DocContext, a: number, b: number): boolean {
  const [from, to] = a < b ? [a, b] : [b, a];
  return CLAUSE.test(ctx.norm.text.slice(normIndex(ctx, from), normIndex(ctx, to)));
}

/**
 * The date of the sentence opening a list the event belongs to: CNDP decisions read "قررت اللجنة،
 * بموجب المداولة ... الصادرة بتاريخ 28 أبريل، ما يلي:" or "la Commission a décidé le 3 mai ce qui
 * suit :" followed by one measure per line, each closed by ";" or "؛".
 */
function listIntroDate(ctx: DocContext, sentence: number, dates: FoundDate[]): string | null {
  for (let i = sentence - 1; i >= 0 && i >= sentence - 8; i--) {
    const s = ctx.sentences[i];
    if (!s) return null;
    const t = ctx.text.slice(s.start, s.end).trim();
    if (/:$/.test(t)) {
      const own = dates.filter(
        (d) => d.start >= s.start && d.end <= s.end && d.precision === 'day' && /\d/.test(d.text),
      );
      return own[own.length - 1]?.date ?? null;
    }
    if (!/[;؛]$/.test(t)) return null;
  }
  return null;
}

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

type EventSpan = ReturnType<typeof spanOf>;

/** A trigger whose sentence gives no day: dated afterwards, from the other mentions or the publication. */
interface UndatedMention {
  type: EventType;
  span: EventSpan;
  recall: boolean;
  anaphoric?: boolean;
  /** Months or years (YYYY-MM, YYYY) the sentence places its fact in: "In April, the regulator withdrew". */
  months?: string[];
}

/** What reading the triggers gathers, by type and date, before the undated mentions are placed. */
interface EventsRead {
  byKey: Map<string, EventEntity>;
  undated: UndatedMention[];
  // Events dated only by a weekday ("le communiqué publié lundi") of a type that also has an explicit
  // date ("l'inspection menée le 10 juin") are that event told again: the weekday belongs elsewhere.
  weekdayDated: Set<string>;
}

export function findEvents(
  ctx: DocContext,
  masked: Array<[number, number]>,
  deadlineDates: Set<FoundDate>,
): EventEntity[] {
  const eventDates = ctx.dates.filter((d) => !deadlineDates.has(d));
  const read: EventsRead = { byKey: new Map(), undated: [], weekdayDated: new Set() };
  for (const type of EVENT_TYPES) readTriggers(ctx, type, masked, eventDates, read);
  const distinctNull = placeUndated(ctx, read);
  dropWeekdayRetellings(read);
  return mergeUndatedOfDatedTypes([...read.byKey.values()], distinctNull);
}

function addEvent(byKey: Map<string, EventEntity>, type: EventType, date: string | null, span: EventSpan): void {
  const key = `${type}|${date}`;
  const existing = byKey.get(key);
  if (existing) existing.mentions.push(span);
  else byKey.set(key, { type, date, mentions: [span] });
}

/** Every trigger of one event type, dated by its sentence or kept undated for `placeUndated`. */
function readTriggers(
  ctx: DocContext,
  type: EventType,
  masked: Array<[number, number]>,
  eventDates: FoundDate[],
  read: EventsRead,
): void {
  const text = ctx.norm.text;
  const re = TRIGGERS[type];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const found = triggerInSentence(ctx, type, m, masked);
    if (!found) continue;
    const { oStart, oEnd, s, sentenceNorm, before } = found;
    if (ANAPHORIC.test(before.slice(-12))) {
      read.undated.push({
        type,
        span: spanOf(ctx, oStart, oEnd, 0.5),
        recall: RECALL.test(sentenceNorm),
        anaphoric: true,
      });
      continue;
    }
    // "Saisie par deux étudiants, la Commission ...": the participle tells what came before.
    const after = AFTER.test(before.slice(-40)) || /^saisie? par/.test(m[0]);
    const months = olderMonths(ctx, eventDates, s, oStart, oEnd);
    let { date, precise, explicit } = nearestDate(ctx, eventDates, s, oStart, oEnd, after);
    if (date === null && precise && months.length === 0 && !after) {
      date = listIntroDate(ctx, sentenceIndexAt(ctx, oStart), eventDates);
    }
    if (date !== null) {
      addEvent(read.byKey, type, date, spanOf(ctx, oStart, oEnd, 0.75));
      if (!explicit) read.weekdayDated.add(`${type}|${date}`);
    } else
      read.undated.push({
        type,
        span: spanOf(ctx, oStart, oEnd, 0.5),
        recall: after || !precise || months.length > 0 || RECALL.test(sentenceNorm),
        months,
      });
  }
}

/**
 * The trigger with its sentence, or null when it reports no event: inside an organization name, a
 * count or a statistic, a rule stated in general, something not yet done, denied or only demanded.
 */
function triggerInSentence(
  ctx: DocContext,
  type: EventType,
  m: RegExpExecArray,
  masked: Array<[number, number]>,
): { oStart: number; oEnd: number; s: { start: number; end: number }; sentenceNorm: string; before: string } | null {
  const text = ctx.norm.text;
  const oStart = origIndex(ctx, m.index);
  const oEnd = origIndex(ctx, m.index + m[0].length);
  if (masked.some(([a, b]) => oStart < b && oEnd > a)) return null;
  if (isAggregate(text.slice(Math.max(0, m.index - 24), m.index))) return null;
  if (TRACKING.test(text.slice(Math.max(0, m.index - 40), m.index))) return null;
  if (type === 'complaint' && COMPLAINT_HANDLING.test(text.slice(Math.max(0, m.index - 50), m.index))) return null;
  const s = sentenceAt(ctx, oStart);
  const sentenceNorm = text.slice(normIndex(ctx, s.start), normIndex(ctx, s.end));
  if (GENERIC.test(sentenceNorm) && !/\d/.test(sentenceNorm)) return null;
  const nSentence = normIndex(ctx, s.start);
  const before = text.slice(Math.max(nSentence, m.index - 80), m.index);
  if (NOT_YET.test(before) || NEGATED.test(before) || TREND.test(before) || DEMANDED.test(before)) return null;
  if (type === 'referral_prosecutor' && COMPLAINT_TO.test(before)) return null;
  if (NOT_YET_AFTER.test(text.slice(m.index + m[0].length, m.index + m[0].length + 40))) return null;
  if (/\d[\d\s.,]*\s+(?:\p{L}+\s+){0,2}$|\d\s*$/u.test(before) && PERIOD.test(sentenceNorm)) return null;
  return { oStart, oEnd, s, sentenceNorm, before };
}

/**
 * A past month leading up to the trigger ("In April, the regulator withdrew ... and forwarded the
 * file", "qui avait adopté fin avril") or right after it ("le premier gel, décidé en août 2019") tells
 * an older fact; not a month further on ("the hearing follows a complaint lodged in November"), nor
 * one of a reported clause.
 */
function olderMonths(
  ctx: DocContext,
  eventDates: FoundDate[],
  s: { start: number; end: number },
  oStart: number,
  oEnd: number,
): string[] {
  return eventDates
    .filter(
      (d) =>
        d.precision !== 'day' &&
        d.start >= s.start &&
        (d.end <= oStart || (d.start >= oEnd && d.start - oEnd <= 20)) &&
        (ctx.publishedAt === null ||
          (d.precision === 'year' ? d.date.slice(0, 4) < ctx.publishedAt.slice(0, 4) : d.date <= ctx.publishedAt)) &&
        !acrossClause(ctx, d.end, oStart),
    )
    .map((d) => d.date.slice(0, d.precision === 'year' ? 4 : 7));
}

/**
 * The nearest date of the sentence dates the event; a month or a year ("en mars", "in 2024") says it
 * is an older fact, undated here (`precise` false). `explicit`: the date has digits, not a weekday.
 */
function nearestDate(
  ctx: DocContext,
  eventDates: FoundDate[],
  s: { start: number; end: number },
  oStart: number,
  oEnd: number,
  after: boolean,
): { date: string | null; precise: boolean; explicit: boolean } {
  let date: string | null = null;
  let precise = true;
  let explicit = false;
  let best = Number.POSITIVE_INFINITY;
  for (const d of eventDates) {
    if (d.start < s.start || d.end > s.end) continue;
    // A year alone is rarely the event's ("la loi de 2004"); a month dates it only close by.
    if (d.precision === 'year') continue;
    if (d.precision === 'month' && (Math.abs(d.start - oStart) > 60 || acrossClause(ctx, oStart, d.start))) continue;
    // Referring back ("après la fuite"): only a date written right after the trigger dates it.
    if (after && (d.start < oEnd || d.start - oEnd > 40)) continue;
    // A date right after the trigger is its own ("un communiqué publié lundi", "made public on
    // Thursday"); otherwise an explicit day ("le 6 janvier") beats a bare weekday a little further.
    const gap = d.start - oEnd;
    const dist =
      gap >= 0 && gap <= 15 ? gap : Math.abs(d.start - oStart) + (/\d/.test(d.text) || d.precision !== 'day' ? 0 : 40);
    if (dist < best) {
      best = dist;
      date = d.precision === 'day' ? d.date : null;
      precise = d.precision === 'day';
      explicit = /\d/.test(d.text);
    }
  }
  return { date, precise, explicit };
}

/**
 * An undated mention joins the explicitly dated event of the same type ("l'audition du 6 janvier ...
 * cette audition"), unless its sentence puts it in another month ("In April, the regulator had
 * withdrawn ..."); otherwise news is dated by the publication, recalls stay undated. Returns the types
 * whose null event is kept apart from a dated one: an older fact of another month.
 */
function placeUndated(ctx: DocContext, { byKey, undated }: EventsRead): Set<EventType> {
  const distinctNull = new Set<EventType>();
  // Events dated by their own sentence, before any falls back on the publication date.
  const sentenceDated = new Set(byKey.values());
  // "هذا البلاغ", "ce communiqué" in a text that tells no other communiqué: the text itself, no event.
  const selfCommunique =
    ![...sentenceDated].some((e) => e.type === 'communique') &&
    !undated.some((u) => u.type === 'communique' && !u.anaphoric);
  for (const u of undated) {
    if (u.anaphoric && u.type === 'communique' && selfCommunique) continue;
    const dated = [...byKey.values()].find((e) => e.type === u.type);
    if (
      dated?.date &&
      sentenceDated.has(dated) &&
      u.recall &&
      u.months?.length &&
      !u.months.some((p) => dated.date?.startsWith(p))
    ) {
      distinctNull.add(u.type);
      addEvent(byKey, u.type, null, u.span);
    } else if (dated) dated.mentions.push(u.span);
    else addEvent(byKey, u.type, u.recall ? null : ctx.publishedAt, u.span);
  }
  return distinctNull;
}

/** An event dated only by a weekday joins the explicitly dated event of its type, when there is one. */
function dropWeekdayRetellings({ byKey, weekdayDated }: EventsRead): void {
  for (const key of weekdayDated) {
    const e = byKey.get(key);
    const explicit = [...byKey.entries()].find(
      ([k, o]) => o.type === e?.type && o.date !== null && k !== key && !weekdayDated.has(k),
    )?.[1];
    if (!e || !explicit) continue;
    explicit.mentions.push(...e.mentions);
    byKey.delete(key);
  }
}

/** An undated mention of a type that is dated elsewhere in the document is the same event. */
function mergeUndatedOfDatedTypes(events: EventEntity[], distinctNull: Set<EventType>): EventEntity[] {
  const datedTypes = new Map(events.filter((e) => e.date !== null).map((e) => [e.type, e]));
  return events.filter((e) => {
    if (e.date !== null || distinctNull.has(e.type)) return true;
    const dated = datedTypes.get(e.type);
    if (!dated) return true;
    dated.mentions.push(...e.mentions);
    return false;
  });
}
