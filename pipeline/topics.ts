// What an enforcement matter is about — the processing at stake, not who is involved: video
// surveillance, facial recognition, a leak, call recording... Case titles need it ("Décision de la
// CNDP : moratoire (reconnaissance faciale, 2019)"), and linking uses it: the event type says what
// the regulator did, the organizations say to whom, and only the topic says about what.
//
// Patterns run on `normalizeForMatch` output (lowercase, no accents, unified Arabic letters).
// Latin phrases get word boundaries; Arabic stems match inside words so that proclitics (و ب ل ال)
// and endings need no listing.
import { normalizeForMatch } from './normalize.ts';

export const TOPIC_IDS = [
  'facial_recognition',
  'video_surveillance',
  'call_recording',
  'biometrics',
  'data_leak',
  'direct_marketing',
  'transfer_abroad',
  'cookies',
  'health_data',
  'employee_monitoring',
  'geolocation',
  'data_sale',
  'spyware',
  'exam_data',
  'identity_documents',
  'artificial_intelligence',
  'political_communication',
  'data_scraping',
  'awareness',
  'epidemic',
] as const;
export type TopicId = (typeof TOPIC_IDS)[number];

const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';

interface TopicDef {
  label: { fr: string; ar: string };
  latin: string;
  arabic: string;
}

// Order matters where topics overlap: facial recognition is a kind of video surveillance, so
// it is listed first and wins a tie.
const TOPICS: Record<TopicId, TopicDef> = {
  facial_recognition: {
    label: { fr: 'reconnaissance faciale', ar: 'التعرف على الوجه' },
    latin: 'reconnaissance faciale|facial recognition|face recognition',
    arabic: 'تعرف على الوجو?ه|تعرف الوجهي|بصمه الوجه',
  },
  video_surveillance: {
    label: { fr: 'vidéosurveillance', ar: 'المراقبة بالكاميرات' },
    latin:
      'video-?surveillance|cameras? de (?:video-?)?surveillance|cctv|surveillance cameras?|video surveillance|images? (?:de|des) (?:video-?surveillance|cameras)',
    arabic: 'كاميرات? المراقبه|المراقبه بالفيديو|كاميرات المراقبه|المراقبه بالكاميرات',
  },
  call_recording: {
    label: { fr: 'enregistrement des appels', ar: 'تسجيل المكالمات' },
    latin:
      'enregistrements? des (?:appels|conversations) telephoniques|enregistrements? des appels|call recordings?|recording (?:of )?calls',
    arabic: 'تسجيل (?:ال)?مكالمات',
  },
  biometrics: {
    label: { fr: 'données biométriques', ar: 'المعطيات البيومترية' },
    latin: 'biometriques?|empreintes? digitales?|biometrics?|fingerprints?',
    arabic: 'البيومتري|بيومتري|البصمات|بصمات الاصابع',
  },
  data_leak: {
    label: { fr: 'fuite de données', ar: 'تسريب المعطيات' },
    latin:
      'fuites? (?:de|des) donnees|fuite massive|donnees (?:ont ete )?(?:divulguees|exposees|piratees)|data (?:leak|breach)|leaked data|piratage',
    arabic: 'تسريب|تسرب المعطيات|تسرب البيانات|اختراق',
  },
  direct_marketing: {
    label: { fr: 'prospection commerciale', ar: 'الاستهداف التجاري' },
    latin:
      'prospection (?:commerciale|directe)|demarchage|sms (?:publicitaires|promotionnels)|appels? (?:commerciaux|publicitaires|non sollicites)|spam|marketing direct|direct marketing|telemarketing|marketing calls|unsolicited (?:messages|calls|sms)',
    arabic:
      'الاستهداف التجاري|الاستقطاب التجاري|رسائل اشهاريه|الرسائل الاشهاريه|الرسائل الترويجيه|رسائل ترويجيه|مكالمات تسويقيه|المكالمات التسويقيه|مكالمات اشهاريه',
  },
  transfer_abroad: {
    label: { fr: "transfert de données à l'étranger", ar: 'نقل المعطيات إلى الخارج' },
    latin:
      "transferts? (?:de donnees )?(?:vers l'etranger|a l'etranger|hors du maroc|internationaux?)|transfers? abroad|international transfers?|(?:sent|transferred) abroad",
    arabic:
      'نقل المعطيات (?:الشخصيه )?(?:الي|نحو) الخارج|نقل البيانات (?:الشخصيه )?(?:الي|نحو) الخارج|خارج ارض الوطن|خارج المغرب',
  },
  cookies: {
    label: { fr: 'cookies', ar: 'ملفات تعريف الارتباط' },
    latin: 'cookies|traceurs',
    arabic: 'ملفات تعريف الارتباط|الكوكيز',
  },
  health_data: {
    label: { fr: 'données de santé', ar: 'المعطيات الصحية' },
    latin: 'donnees (?:de sante|medicales)|dossiers? medica(?:l|ux)|health data|medical records?',
    arabic: 'المعطيات الصحيه|البيانات الصحيه|الملفات الطبيه|الملف الطبي',
  },
  employee_monitoring: {
    label: { fr: 'surveillance des salariés', ar: 'مراقبة الأجراء' },
    latin:
      'surveillance des (?:salaries|employes)|geolocalisation des (?:salaries|employes|vehicules)|employee monitoring|monitoring (?:of )?employees',
    arabic: 'مراقبه الاجراء|مراقبه المستخدمين|مراقبه الموظفين',
  },
  geolocation: {
    label: { fr: 'géolocalisation', ar: 'تحديد الموقع الجغرافي' },
    latin: 'geolocalisation|geolocalises?|gps|geolocation|location tracking|traceurs? gps',
    arabic: 'تحديد الموقع|الموقع الجغرافي|جي بي اس|التتبع الجغرافي',
  },
  data_sale: {
    label: { fr: 'cession de fichiers', ar: 'بيع المعطيات الشخصية' },
    latin:
      'cession (?:de|des) fichiers|vente (?:de|des) (?:fichiers|donnees)|revente (?:de|des) (?:fichiers|donnees)|(?:sold|selling|sale of) (?:customer )?(?:data|files|lists)',
    arabic: 'بيع المعطيات|بيع البيانات|بيع قواعد البيانات|تفويت (?:ملفات|قواعد)',
  },
  spyware: {
    label: { fr: 'logiciels espions', ar: 'برامج التجسس' },
    latin: 'logiciels? espions?|spyware|logiciels? de surveillance',
    arabic: 'برامج التجسس|برنامج تجسس|برنامج التجسس|برمجيات التجسس',
  },
  exam_data: {
    label: { fr: 'données des candidats aux examens', ar: 'معطيات المترشحين للامتحانات' },
    latin:
      'baccalaureat|bacheliers|candidats? (?:au|aux) (?:bac|examens?)|resultats? (?:du bac|des examens)|exam (?:results|candidates)|notes des etudiants|students.? grades',
    arabic: 'الباكالوريا|البكالوريا|المترشحين|نقط الطلبه|نتائج الامتحانات',
  },
  identity_documents: {
    label: { fr: "pièces d'identité", ar: 'وثائق الهوية' },
    latin: "cartes? (?:nationales? )?d'identite|cin|cartes? sim|passeports?|identity (?:cards?|documents?)|sim cards?",
    arabic: 'البطاقه الوطنيه|بطاقات التعريف|بطاقه التعريف|البطائق الوطنيه|بطاقات sim|جوازات السفر|جواز السفر',
  },
  artificial_intelligence: {
    label: { fr: 'intelligence artificielle', ar: 'الذكاء الاصطناعي' },
    latin:
      "intelligence artificielle|l'ia|de l'ia|(?:une|l') ?ia generative|artificial intelligence|generative ai|(?:grands )?modeles de langage|large language models?|llms?|chatgpt|algorithmes? d'apprentissage",
    arabic: 'الذكاء الاصطناعي|الذكاء الصناعي|النماذج اللغويه|نماذج اللغه',
  },
  political_communication: {
    label: { fr: 'communication politique', ar: 'التواصل السياسي' },
    latin:
      'campagnes? electorales?|propagande electorale|communication politique|partis politiques|candidats aux elections|electoral campaigns?|political (?:parties|communication|campaigns?)',
    arabic:
      'الحمله الانتخابيه|الحملات الانتخابيه|الدعايه الانتخابيه|الاحزاب السياسيه|التواصل السياسي|المرشحين للانتخابات',
  },
  data_scraping: {
    label: { fr: 'moissonnage de données', ar: 'الاستخراج الآلي للبيانات' },
    latin:
      'moissonnage|scraping|aspiration (?:de|des) donnees|extraction (?:massive|automatisee|automatique) (?:de|des) donnees|data scraping|scraped',
    arabic: 'كشط البيانات|الكشط|تجريف البيانات|الاستخراج الالي|استخراج البيانات|جمع البيانات بشكل الي|الحصاد الالي',
  },
  awareness: {
    label: { fr: 'sensibilisation', ar: 'التحسيس' },
    latin:
      'journee (?:mondiale|internationale|europeenne|nationale) (?:de la protection des donnees|de la vie privee)|data (?:privacy|protection) (?:day|week)|privacy day|semaine (?:de la protection des donnees|nationale de la protection)|sensibilisation|campagnes? de sensibilisation|awareness',
    arabic:
      'اليوم (?:العالمي|الدولي|الاوروبي|الوطني) (?:لحمايه|للحمايه)|اسبوع حمايه|التحسيس|تحسيسيه|تحسيسي|التوعيه|توعويه',
  },
  epidemic: {
    label: { fr: 'épidémie de Covid-19', ar: 'جائحة كوفيد-19' },
    latin: 'covid(?:-?19)?|coronavirus|pandemie|etat d.urgence sanitaire|pandemic',
    arabic: 'كورونا|كوفيد|الجايحه|جايحه|حاله الطوارئ الصحيه',
  },
};

const MATCHERS: Array<{ id: TopicId; re: RegExp }> = TOPIC_IDS.map((id) => {
  const t = TOPICS[id];
  // The Arabic alternatives are normalized like the text they run on (ة→ه, أ→ا...).
  return { id, re: new RegExp(`${B}(?:${t.latin})${E}|${normalizeForMatch(t.arabic)}`, 'gu') };
});

/**
 * Topics a text mentions, most mentioned first (a title mention counts double). `minWeight` 2 keeps
 * only what the text is about (two mentions, or the title), not what it lists in passing.
 */
export function detectTopics(text: string, title: string | null = null, minWeight = 1): TopicId[] {
  const body = normalizeForMatch(text);
  const head = title ? normalizeForMatch(title) : '';
  const found: Array<{ id: TopicId; weight: number; order: number }> = [];
  MATCHERS.forEach(({ id, re }, order) => {
    const weight = (body.match(re)?.length ?? 0) + 2 * (head.match(re)?.length ?? 0);
    if (weight >= Math.max(1, minWeight)) found.push({ id, weight, order });
  });
  return found.sort((a, b) => b.weight - a.weight || a.order - b.order).map((f) => f.id);
}

export function topicLabel(id: TopicId): { fr: string; ar: string } {
  return TOPICS[id].label;
}
