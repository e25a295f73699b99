// Is a document about personal-data protection enforcement in Morocco?
//
// A weighted sum of evidence families, each capped so that one word repeated fifty times counts
// once: the Moroccan regulator (its full name in French, Arabic or English, its acronym when the
// context is Moroccan data protection, its president, law 09-08 — written 08-09 in Arabic), the
// topic (personal data, privacy), enforcement vocabulary (complaints, sanctions, leaks,
// surveillance), and Morocco itself.
//
// Acronyms collide: France's CNDP is the Commission nationale du débat public; Tunisia's INPDP,
// Algeria's ANPDP, Senegal's CDP and France's CNIL are data-protection authorities too. A text
// about them alone is not ours, so foreign-regulator evidence without Moroccan-regulator
// evidence divides the score. Regulator pages are relevant unless they are clearly something
// else (a tender, a job offer, a cookie notice).
//
// Every pattern runs on `normalizeForMatch` output: lowercase, no accents, unified Arabic letters.
import { normalizeForMatch } from './normalize.ts';
import type { Lang } from './types.ts';

export interface RelevanceInput {
  title: string | null;
  text: string;
  language: Lang;
  sourceKind: 'regulator' | 'press' | 'aggregator';
}

export interface RelevanceResult {
  /** 0..1 */
  score: number;
  relevant: boolean;
  /** What was seen, e.g. `regulator:name`, `law:09-08`, `topic:donnees personnelles`, `collision:cndp-debat-public`. */
  signals: string[];
}

/** Score from which a document is relevant. */
const RELEVANCE_THRESHOLD = 0.4;

interface Pattern {
  label: string;
  re: RegExp;
}

// Latin words get boundaries; Arabic stems match inside words so that proclitics (و ب ل ال) and
// plural or possessive endings need no listing.
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
function latin(label: string, source: string): Pattern {
  return { label, re: new RegExp(`${B}(?:${source})${E}`, 'u') };
}
function arabic(label: string, source: string): Pattern {
  return { label, re: new RegExp(source, 'u') };
}

const REGULATOR_NAME: Pattern[] = [
  latin(
    'name',
    'commission nationale d[eu] controle de la protection des donnees a caractere personnel|commission nationale de controle de la protection des donnees personnelles',
  ),
  latin(
    'name',
    'moroccan (?:national )?(?:commission|authority) for the (?:control of the )?protection of personal data|national commission for the control of (?:the )?protection of personal data|national control commission for the protection of personal data',
  ),
  arabic('name', 'اللجنه الوطنيه لمراقبه حمايه المعطيات'),
];
// What the press calls the regulator when it does not spell it out. "Morocco's data watchdog" says
// whose it is; "لجنة المعطيات" and "le gendarme des données" are ours only in a story without a
// foreign authority (Senegal's body is a "لجنة حماية المعطيات" too).
const REGULATOR_DESCRIBED = latin(
  'described',
  "(?:morocco'?s|moroccan) (?:national )?(?:personal )?(?:data|privacy)(?: protection)? (?:watchdog|regulator|authority|commission)s?",
);
const REGULATOR_SHORT_NAME: Pattern[] = [
  arabic('short-name', 'لجنه (?:مراقبه )?(?:حمايه )?المعطيات'),
  latin('short-name', 'gendarme (?:marocain )?des donnees(?: personnelles)?'),
];
const CNDP_ACRONYM = latin('cndp', 'cndp');
const REGULATOR_PERSON = [latin('seghrouchni', 'seghrouchni|sghrouchni'), arabic('seghrouchni', 'السغروشني')];
// The minister for digital transition (since 2024) shares the CNDP president's surname: a text that
// names her, and not him, uses the bare surname for her.
const NAMESAKE_MINISTER = [
  latin('minister', 'amal el fallah seghrouchni|amal seghrouchni'),
  arabic('minister', 'امل الفلاح'),
];
const PRESIDENT_FULL = [latin('president', 'omar seghrouchni'), arabic('president', 'عمر السغروشني')];
const LAW_0908: Pattern[] = [
  latin('09-08', '(?:loi|law)\\s*(?:n\\s*[°o]?\\s*\\.?|no\\.?|number|numero)?\\s*(?:09|9)\\s*[-./]\\s*08'),
  arabic('09-08', 'القانون\\s*(?:رقم)?\\s*(?:09|08|9|8)\\s*[-./]\\s*(?:08|09)(?!\\d)'),
  latin('09-08', '09-08'),
];

const TOPIC: Pattern[] = [
  latin('donnees personnelles', 'donnees (?:a caractere )?personnelles?|donnees a caractere personnel'),
  latin('protection des donnees', 'protection des donnees|protection de la vie privee'),
  latin('vie privee', 'vie privee'),
  latin('personal data', 'personal data|data protection|privacy'),
  latin('responsable de traitement', 'responsables? d[eu] traitements?'),
  latin('rgpd', 'rgpd|gdpr'),
  latin('fuite de donnees', 'fuites? d(?:e|es) donnees|violations? d(?:e|es) donnees|data (?:breach|leak)e?s?'),
  arabic('المعطيات الشخصيه', 'المعطيات (?:ذات الطابع )?الشخصي|المعطيات الشخصيه|معطيات شخصيه|البيانات الشخصيه'),
  arabic('حمايه المعطيات', 'حمايه المعطيات|حمايه البيانات'),
  arabic('الحياه الخاصه', 'الحياه الخاصه|الخصوصيه'),
  arabic('معالجه المعطيات', 'معالجه (?:المعطيات|البيانات)'),
  arabic('تسريب المعطيات', 'تسريب (?:ال)?(?:معطيات|بيانات)'),
];

const ENFORCEMENT: Pattern[] = [
  latin('plainte', 'plaintes?|reclamations?'),
  latin('sanction', 'sanctions?|sanctionnee?s?|amendes?|penalites?'),
  latin('mise en demeure', 'mises? en demeure|avertissements?'),
  latin('controle', 'controles? (?:inopines?|sur place)|missions? de controle|inspections?|investigations?|enquetes?'),
  latin('audition', 'auditions?|convoquee?s?|convocations?'),
  latin('infraction', 'infractions?|violations?|illegalement|illicites?'),
  latin(
    'fuite',
    'fuites? de donnees|fuites?|piratages?|cyberattaques?|hackers?|leaks?|breach(?:es)?|hack(?:ed|ing)?|(?:left )?exposed online|exposee?s? (?:en ligne|sur internet)|en libre acces',
  ),
  latin(
    'surveillance',
    'videosurveillance|video-surveillance|surveillance|cameras?|reconnaissance faciale|facial recognition|biometri(?:e|que|c)s?',
  ),
  latin('deliberation', 'deliberations?|moratoires?|moratorium'),
  latin('transfert', 'transferts? (?:de donnees|vers l.etranger|a l.etranger)|transfers? of data'),
  latin('consentement', 'consentements?|consent'),
  latin('complaint', 'complaints?|fines?d?|fined|penalt(?:y|ies)'),
  arabic('شكايه', 'شكاي|شكاو|تظلم'),
  arabic('عقوبه', 'عقوب|غرام|زجر'),
  arabic('انذار', 'انذار|اعذار|تنبيه'),
  arabic('مراقبه', 'كاميرات|المراقبه بالفيديو|التعرف علي الوجه|التسجيلات'),
  arabic('تسريب', 'تسريب|اختراق|قرصن|مسرب'),
  arabic('جلسه استماع', 'جلسه استماع|استمعت|استدعت'),
  arabic('مداوله', 'مداول|وقف اختياري|تعليق البت'),
  arabic('خرق', 'خرق|خروقات|مخالف|غير قانوني|بشكل غير مشروع'),
  arabic('تحري', 'تحري|مراقبه ميداني|افتحاص'),
];

// Arabic city names that are also ordinary words (الجديدة "the new", العيون "the eyes") are left out.
const MOROCCO: Pattern[] = [
  latin(
    'morocco',
    'maroc|marocaine?s?|morocco|moroccan|rabat|casablanca|tanger|marrakech|fes|agadir|meknes|oujda|tetouan|kenitra|nador|laayoune|el jadida|safi|beni mellal',
  ),
  arabic(
    'المغرب',
    'المغرب|الرباط|الدار البيضاء|طنجه|مراكش|بفاس|مكناس|اكادير|وجده|تطوان|القنيطره|الناظور|اسفي|بني ملال',
  ),
];

// Privacy offences of the penal code (articles 447-1 to 447-3, added by law 103-13 in 2018: capturing,
// recording or spreading someone's words or image in a private setting without consent, and the
// defamation that goes with it). A court convicting someone under them enforces the protection of
// personal data as surely as a CNDP sanction does, with or without the CNDP in the story; so an
// article citing them, or describing that offence, next to a conviction or a prosecution counts as
// a matter. A parliamentary question or a campaign about the offence, without a case, does not.
const PRIVACY_OFFENCE: Pattern[] = [
  latin('447', '447\\s*[-.]\\s*[123]'),
  latin(
    'images',
    '(?:photos?|images?|videos?|enregistrements?) (?:intimes?|privees?|a caractere prive)|(?:intimate|private) (?:photos?|pictures?|images?|videos?)|revenge porn|atteinte a la vie privee',
  ),
  arabic('images', 'صور(?:ا|ه)? (?:ذات طابع خاص|حميمي|خاصه)|فيديوهات? (?:ذات طابع خاص|حميمي)|المس بالحياه الخاصه'),
];
const CONVICTION: Pattern[] = [
  latin(
    'court',
    'condamnee?s?|condamnation|prison (?:ferme|avec sursis)|emprisonnement|poursuivie?s? (?:en justice|pour|devant)|inculpee?s?|sentenced|convicted|conviction|prosecuted|jail(?:ed)?',
  ),
  arabic('court', 'ادانت|ادانه|حبسا|بالحبس|الحبس النافذ|سجنا|متابعت|توبع|قضت المحكمه|حكمت المحكمه'),
];

const FOREIGN_REGULATORS: Pattern[] = [
  latin('cnil', 'cnil|commission nationale de l.informatique et des libertes'),
  latin('inpdp', 'inpdp|instance nationale de protection des donnees personnelles'),
  latin('anpdp', 'anpdp|autorite nationale de protection des donnees a caractere personnel'),
  latin('cdp-senegal', 'commission de protection des donnees personnelles|cdp (?:du )?senegal|senegal'),
  latin('ico', "information commissioner'?s? office"),
  arabic('inpdp', 'الهيئه الوطنيه لحمايه المعطيات'),
  arabic('anpdp', 'السلطه الوطنيه لحمايه المعطيات'),
  // Most African and Middle-Eastern authorities are an "Autorité de protection des données" (APDP:
  // Benin, Mali, Monaco...) or a "commission(er)"; Morocco's is a "Commission nationale de contrôle".
  latin(
    'dpa',
    'apdp|autorite de protection des donnees(?: a caractere personnel| personnelles)?|odpc|ndpc|kvkk|aepd|artci|garante per la protezione|data protection commission(?:er)?|office of the data protection commissioner|datatilsynet',
  ),
  arabic('dpa', 'هيئه حمايه البيانات|سلطه حمايه البيانات|مركز حمايه البيانات|لجنه حمايه البيانات'),
  arabic('foreign-country', 'تونس|التونسي|الجزاير|الجزايري|السنغال|كينيا|نيجيريا|ايرلندا|الايرلندي'),
  latin(
    'foreign-country',
    'tunisie|tunisienne?|algerie|algerienne?|tunisia|algeria|mali|malienne?|kenya|kenyan|nigeria|ireland|irish|irlande',
  ),
];

/** France's CNDP: public debate on infrastructure projects. */
const FRENCH_CNDP: Pattern[] = [
  latin('debat public', 'debats? publics?|commission nationale du debat public'),
  latin(
    'concertation',
    'concertations? (?:prealables?|publiques?)|garante?s? de (?:la )?concertation|maitres? d.ouvrage',
  ),
  latin(
    'projet',
    'parcs? eoliens?|lignes? a grande vitesse|autoroutes?|enquetes? publiques?|reunions? publiques?|eolien en mer',
  ),
];

const FRENCH_CNDP_NAME = latin('name', 'commission nationale du debat public');

/** What a regulator site publishes besides enforcement. */
const ADMIN_NOTICE: Pattern[] = [
  latin(
    'notice',
    'appels? d.offres?|recrutements?|offres? d.emploi|concours|avis de marche|politique de cookies|mentions legales',
  ),
  arabic('notice', 'طلب عروض|طلبات العروض|مباراه|توظيف|صفقه'),
];

function hits(patterns: Pattern[], text: string): string[] {
  const found = new Set<string>();
  for (const p of patterns) if (p.re.test(text)) found.add(p.label);
  return [...found];
}

function mentions(p: Pattern, text: string): number {
  return text.match(new RegExp(p.re.source, 'gu'))?.length ?? 0;
}

function capped(count: number, cap: number): number {
  return Math.min(count, cap) / cap;
}

export function scoreRelevance(input: RelevanceInput): RelevanceResult {
  const title = normalizeForMatch(input.title ?? '');
  const body = normalizeForMatch(input.text);
  const all = `${title}\n${body}`;
  const signals: string[] = [];

  const foreign = hits(FOREIGN_REGULATORS, all);
  const names = hits(REGULATOR_NAME, all);
  if (REGULATOR_DESCRIBED.re.test(all)) names.push('described');
  else if (foreign.length === 0 && hits(REGULATOR_SHORT_NAME, all).length > 0) names.push('short-name');
  const namesake = hits(NAMESAKE_MINISTER, all).length > 0 && hits(PRESIDENT_FULL, all).length === 0;
  const persons = namesake ? [] : hits(REGULATOR_PERSON, all);
  const laws = hits(LAW_0908, all);
  const topic = hits(TOPIC, all);
  const enforcement = hits(ENFORCEMENT, all);
  const morocco = hits(MOROCCO, all);
  const frenchCndp = hits(FRENCH_CNDP, all);
  const acronym = CNDP_ACRONYM.re.test(all);
  const foreignMentions = FOREIGN_REGULATORS.filter((p) => p.label !== 'foreign-country').reduce(
    (n, p) => n + mentions(p, all),
    0,
  );
  const privacyOffence = hits(PRIVACY_OFFENCE, all).length > 0 && hits(CONVICTION, all).length > 0;

  // The acronym is Morocco's regulator only in a data-protection or Moroccan context, and not
  // when the text talks about public debate on French projects without any data-protection word.
  let acronymIsOurs = false;
  if (acronym) {
    const moroccanContext = names.length > 0 || laws.length > 0 || morocco.length > 0;
    // A French public-debate page may still carry a "données personnelles" privacy footer, so
    // topic words alone do not make its CNDP ours; a Moroccan context does — unless the text spells
    // out the French commission's name, when only our regulator's own name or law can claim it
    // (a story on a French port project may well mention Moroccan travellers).
    const spelledFrench = FRENCH_CNDP_NAME.re.test(all);
    const claimedByMorocco = spelledFrench ? names.length > 0 || laws.length > 0 : moroccanContext;
    if (frenchCndp.length > 0 && !claimedByMorocco) {
      signals.push('collision:cndp-debat-public');
    } else if (
      names.length === 0 &&
      laws.length === 0 &&
      !CNDP_ACRONYM.re.test(title) &&
      foreignMentions > Math.max(1, mentions(CNDP_ACRONYM, all))
    ) {
      // A story about another country's authority naming ours in passing, in comparison ("like
      // its Moroccan counterpart, the CNDP…"): the acronym is ours but the matter is not — unless the
      // headline puts it first (a joint letter of several authorities).
      signals.push('comparison:cndp');
    } else if (topic.length > 0 || moroccanContext || frenchCndp.length === 0) {
      // With no word of public debate around it, the acronym is the data-protection regulator:
      // short briefs name neither the country nor "personal data".
      acronymIsOurs = true;
    } else {
      signals.push('ambiguous:cndp');
    }
  }

  let regulator = 0;
  if (names.length > 0) {
    regulator = 1;
    signals.push('regulator:name');
  }
  if (acronymIsOurs) {
    regulator = 1;
    signals.push('regulator:cndp');
  }
  if (persons.length > 0) {
    regulator = Math.max(regulator, 0.8);
    signals.push('regulator:president');
  }
  if (laws.length > 0) {
    regulator = Math.max(regulator, 0.8);
    signals.push('law:09-08');
  }
  for (const t of topic) signals.push(`topic:${t}`);
  for (const e of enforcement) signals.push(`enforcement:${e}`);
  const inMorocco = morocco.length > 0 || regulator > 0;
  if (morocco.length > 0) signals.push('country:morocco');

  let score =
    0.5 * regulator + 0.25 * capped(topic.length, 3) + 0.15 * capped(enforcement.length, 3) + (inMorocco ? 0.1 : 0);

  // Data-protection words next to enforcement words in a Moroccan story: a matter even when the
  // regulator is not (yet) named, e.g. a leak reported before any complaint.
  if (regulator === 0 && topic.length > 0 && enforcement.length > 0 && morocco.length > 0) {
    score += 0.1;
    signals.push('matter');
  }

  if (privacyOffence) {
    score += 0.3;
    signals.push('court:privacy-offence');
  }

  // A headline naming the regulator or the topic is the strongest single hint of what a page is about.
  const titleHit =
    title !== '' &&
    (hits(REGULATOR_NAME, title).length > 0 || CNDP_ACRONYM.re.test(title) || hits(TOPIC, title).length > 0);
  if (titleHit && (regulator > 0 || topic.length > 0)) {
    score += 0.1;
    signals.push('title');
  }

  if (regulator === 0 && foreign.length > 0) {
    for (const f of foreign) signals.push(`foreign:${f}`);
    score *= 0.4;
  }
  if (regulator === 0 && acronym && !acronymIsOurs) score *= 0.5;

  if (input.sourceKind === 'regulator') {
    signals.push('source:regulator');
    const notice = hits(ADMIN_NOTICE, all);
    if (notice.length > 0 && enforcement.length === 0) {
      signals.push('notice');
      score = Math.min(score, 0.2);
    } else if (input.text.trim().length >= 20) {
      score = Math.max(score, 0.7);
    }
  }

  score = Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000;
  return { score, relevant: score >= RELEVANCE_THRESHOLD, signals };
}
