// Generated import lines (JSON Lines for `raqib ingest`) for kill tests, the fuzz demo and the
// 100k-document ingest benchmark. Deterministic from a seed; the sentences are our own writing,
// recombined: fictional companies, Moroccan cities, enforcement events, French and Arabic.
import { seededRandom } from '../pipeline/random.ts';
import { FR_MONTHS } from './replica/dates.ts';

// Company names are combined from two lists, so a large file has many distinct matters (about
// twenty articles each) rather than a few giant ones.
const NAME_A = [
  ['Atlas', 'أطلس'],
  ['Horizon', 'أفق'],
  ['Al Amal', 'الأمل'],
  ['Souss', 'سوس'],
  ['Rif', 'الريف'],
  ['Oasis', 'الواحة'],
  ['Zénith', 'الذروة'],
  ['Andalous', 'الأندلس'],
  ['Sahara', 'الصحراء'],
  ['Majorelle', 'ماجوريل'],
  ['Bouregreg', 'أبي رقراق'],
  ['Toubkal', 'توبقال'],
] as const;
const NAME_B = [
  ['Télécom', 'للاتصالات'],
  ['Assurances', 'للتأمين'],
  ['Logistique', 'للوجستيك'],
  ['Santé', 'للصحة'],
  ['Immobilier', 'للعقار'],
  ['Finance', 'للتمويل'],
  ['Distribution', 'للتوزيع'],
  ['Énergie', 'للطاقة'],
  ['Transport', 'للنقل'],
  ['Digital', 'الرقمية'],
  ['Éducation', 'للتعليم'],
  ['Voyages', 'للأسفار'],
] as const;

function company(c: number): [string, string] {
  const a = NAME_A[c % NAME_A.length]!;
  const b = NAME_B[Math.floor(c / NAME_A.length) % NAME_B.length]!;
  const round = Math.floor(c / (NAME_A.length * NAME_B.length));
  const tag = round === 0 ? '' : ` ${round + 1}`;
  return [`${a[0]} ${b[0]}${tag}`, `${a[1]} ${b[1]}${tag}`];
}

const CITIES = [
  ['Rabat', 'الرباط'],
  ['Casablanca', 'الدار البيضاء'],
  ['Tanger', 'طنجة'],
  ['Agadir', 'أكادير'],
  ['Fès', 'فاس'],
  ['Oujda', 'وجدة'],
] as const;
const EVENTS_FR = [
  'a adressé une mise en demeure à',
  'a prononcé une sanction contre',
  'a mené un contrôle sur place chez',
  'a reçu plusieurs plaintes visant',
  'a auditionné les responsables de',
] as const;
const EVENTS_AR = [
  'وجهت إنذارا إلى',
  'أصدرت عقوبة في حق',
  'أجرت مراقبة ميدانية لدى',
  'توصلت بشكايات تخص',
  'استمعت إلى مسؤولي',
] as const;
const TOPICS_FR = [
  'la vidéosurveillance de ses agences',
  'la conservation des données de santé de ses clients',
  'la prospection commerciale par SMS sans consentement',
  'le transfert de données vers des serveurs à l’étranger',
  'la reconnaissance faciale à l’entrée de ses locaux',
] as const;
const TOPICS_AR = [
  'كاميرات المراقبة في وكالاتها',
  'الاحتفاظ بالمعطيات الصحية لزبنائها',
  'الاستقطاب التجاري عبر الرسائل القصيرة دون موافقة',
  'نقل المعطيات إلى خوادم بالخارج',
  'التعرف على الوجه عند مدخل مقراتها',
] as const;

/** Fisher–Yates over a copy, driven by the file's PRNG. */
function shuffle<T>(rand: () => number, xs: readonly T[]): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export interface GeneratedLine {
  url: string;
  source: string;
  title: string;
  text: string;
  publishedAt: string;
  language: 'fr' | 'ar';
}

/** `count` import lines; about a third are Arabic, and stories repeat so linking has work to do. */
export function* generateArticles(count: number, seed = 14): Generator<GeneratedLine> {
  // The same seed gives the same file.
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  for (let i = 0; i < count; i++) {
    const c = Math.floor(rand() * Math.max(10, Math.ceil(count / 20)));
    const e = Math.floor(rand() * EVENTS_FR.length);
    const t = Math.floor(rand() * TOPICS_FR.length);
    const [cityFr, cityAr] = pick(CITIES);
    const year = 2015 + Math.floor(rand() * 11);
    const month = 1 + Math.floor(rand() * 12);
    const day = 1 + Math.floor(rand() * 28);
    const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const deadline = `${1 + Math.floor(rand() * 28)} ${FR_MONTHS[(month + 2) % 12]} ${month + 2 > 12 ? year + 1 : year}`;
    const fine = (1 + Math.floor(rand() * 20)) * 10_000;
    const arabic = rand() < 0.33;
    const [companyFr, companyAr] = company(c);
    const file = 1000 + i;
    const plaintiffs = 3 + Math.floor(rand() * 400);
    const days = 15 + Math.floor(rand() * 76);
    // Each paragraph is one of several phrasings, filled with this story's own details every few
    // words, and the closing sentences are a random pick in a random order: two stories share few
    // word 5-shingles (far below the reprint threshold of pipeline/dedupe.ts), so the file exercises
    // case linking rather than collapsing into a handful of near-duplicate clusters.
    if (arabic) {
      const ev = EVENTS_AR[e]!;
      const topic = TOPICS_AR[t]!;
      const opening = pick([
        `${cityAr} — اللجنة الوطنية لمراقبة حماية المعطيات ذات الطابع الشخصي ${ev} شركة ${companyAr} بسبب ${topic}.`,
        `علم من مصادر متطابقة في ${cityAr} أن اللجنة ${ev} شركة ${companyAr} على خلفية ${topic}.`,
        `في قرار جديد صدر سنة ${year}، ${ev} اللجنة شركة ${companyAr} بمدينة ${cityAr} والسبب ${topic}.`,
      ]);
      const rest = shuffle(rand, [
        pick([
          `وتطالب اللجنة ${companyAr} بملاءمة معالجاتها مع القانون رقم 08-09 داخل أجل ${days} يوما.`,
          `وقد تصل الغرامة إلى ${fine} درهم إذا لم تمتثل الشركة قبل انقضاء ${days} يوما.`,
          `ويستند قرار اللجنة إلى القانون 08-09، مع غرامة محتملة قدرها ${fine} درهم.`,
        ]),
        ...shuffle(rand, [
          `وسيعرض الملف رقم ${file} على اللجنة في اجتماعها المقبل.`,
          `ولم يتسن الحصول على تعليق من إدارة ${companyAr} في ${cityAr}.`,
          `وحسب المعطيات المتوفرة، تقدم ${plaintiffs} من الزبناء بشكايات منذ سنة ${year - 1}.`,
          `وأكد مسؤول في ${companyAr} أن الشركة تتعاون مع اللجنة منذ ${month}/${year}.`,
        ]).slice(0, 2),
      ]);
      yield {
        url: `https://akhbar-${1 + (i % 7)}.example.ma/ar/${year}/${i}`,
        source: `Akhbar ${1 + (i % 7)}`,
        title: `اللجنة الوطنية ${ev} ${companyAr}`,
        text: [opening, ...rest].join('\n\n'),
        publishedAt: date,
        language: 'ar',
      };
    } else {
      const ev = EVENTS_FR[e]!;
      const topic = TOPICS_FR[t]!;
      const when = `${day} ${FR_MONTHS[month - 1]} ${year}`;
      const amount = `${fine.toLocaleString('fr-FR')} DH`;
      const opening = pick([
        `${cityFr}, le ${when} — La Commission nationale de contrôle de la protection des données à caractère personnel (CNDP) ${ev} la société ${companyFr} au sujet de ${topic}.`,
        `La CNDP ${ev} ${companyFr}, a-t-on appris à ${cityFr} le ${when} ; en cause, ${topic}.`,
        `À ${cityFr}, ${companyFr} est dans le viseur du régulateur : le ${when}, la Commission ${ev} l’entreprise pour ${topic}.`,
      ]);
      const rest = shuffle(rand, [
        pick([
          `Selon la Commission, ces traitements contreviennent à la loi n° 09-08 ; ${companyFr} a jusqu’au ${deadline} pour s’y conformer, faute de quoi une amende de ${amount} pourrait tomber.`,
          `Échéance fixée au ${deadline} : passé ce délai, ${companyFr} s’expose à ${amount} d’amende au titre de la loi 09-08.`,
          `${companyFr} devra revoir ses pratiques avant le ${deadline}, sous peine d’une sanction pouvant atteindre ${amount}.`,
        ]),
        ...shuffle(rand, [
          `Le dossier n° ${file} sera examiné lors de la prochaine session de la Commission.`,
          `Contactée à ${cityFr}, la direction de ${companyFr} n’a pas souhaité réagir.`,
          `D’après nos informations, ${plaintiffs} clients auraient saisi la Commission depuis ${year - 1}.`,
          `Un responsable de ${companyFr} assure que l’entreprise coopère avec la CNDP depuis ${FR_MONTHS[(month + 5) % 12]}.`,
        ]).slice(0, 2),
      ]);
      yield {
        url: `https://presse-${1 + (i % 9)}.example.ma/actualite/${year}/${i}`,
        source: `Presse ${1 + (i % 9)}`,
        title: `La CNDP ${ev} ${companyFr}`,
        text: [opening, ...rest].join('\n\n'),
        publishedAt: date,
        language: 'fr',
      };
    }
  }
}
