// Hand-written documents (our own wording) for the linking and store tests: one matter covered in
// French and Arabic, its follow-up, and the hard negatives that must stay apart.
import { makeDoc } from './link-factory.ts';

const CNDP_FR = { id: 'org:cndp', name: 'CNDP' };
const CNDP_AR = { id: 'org:cndp', name: 'اللجنة الوطنية' };
const VISA_FR = { id: 'org:visa-centre', name: 'VisaCentre' };
const VISA_AR = { id: 'org:visa-centre', name: 'فيزا سنتر' };

export const visaHearingFr = makeDoc({
  id: 'doc_visa_fr',
  language: 'fr',
  publishedAt: '2023-01-09',
  sourceId: 'cndp-fr',
  outlet: 'CNDP',
  title: 'La CNDP entend VisaCentre sur des images envoyées hors du Maroc',
  text:
    'La CNDP a entendu le 6 janvier la société VisaCentre, qui traite les dossiers de visa pour plusieurs consulats. ' +
    'VisaCentre expédiait des extraits de ses caméras vers des organismes étrangers sans déclaration. ' +
    'La Commission exige une mise en conformité avant le 28 février 2023.',
  orgs: [CNDP_FR, VISA_FR],
  laws: [
    { id: 'ma-law-09-08', kind: 'law' },
    { id: 'ma-law-09-08/chap-7', kind: 'chapter', parentId: 'ma-law-09-08' },
  ],
  events: [
    { type: 'hearing', date: '2023-01-06' },
    { type: 'communique', date: '2023-01-09' },
  ],
  deadlines: [{ date: '2023-02-28', label: 'mise en conformité' }],
});

export const visaHearingAr = makeDoc({
  id: 'doc_visa_ar',
  language: 'ar',
  publishedAt: '2023-01-10',
  outlet: 'Hespress',
  title: 'اللجنة الوطنية تستمع إلى شركة فيزا سنتر',
  text:
    'عقدت اللجنة الوطنية جلسة استماع مع شركة فيزا سنتر يوم 5 يناير بخصوص صور كاميرات أرسلت إلى الخارج. ' +
    'وطالبت اللجنة الوطنية شركة فيزا سنتر بملاءمة معالجاتها في أجل أقصاه 28 فبراير.',
  orgs: [CNDP_AR, VISA_AR],
  laws: [{ id: 'ma-law-09-08', kind: 'law' }],
  events: [{ type: 'hearing', date: '2023-01-05' }],
  deadlines: [{ date: '2023-02-28', label: 'أجل الملاءمة' }],
});

export const visaHearingArDuplicate = makeDoc({
  id: 'doc_visa_ar_copy',
  language: 'ar',
  publishedAt: '2023-01-10',
  outlet: 'Maghress',
  title: 'اللجنة الوطنية تستمع إلى شركة فيزا سنتر',
  text: 'نص منقول عن هسبريس حول جلسة الاستماع.',
  orgs: [],
});

export const visaSanction = makeDoc({
  id: 'doc_visa_sanction',
  language: 'fr',
  publishedAt: '2023-06-15',
  outlet: 'Le Matin',
  title: 'VisaCentre sanctionnée par la CNDP',
  text:
    "Faisant suite à l'audition de janvier, la CNDP a prononcé une sanction contre VisaCentre. " +
    "VisaCentre n'avait pas respecté le délai fixé pour déclarer ses transferts.",
  orgs: [CNDP_FR, VISA_FR],
  laws: [{ id: 'ma-law-09-08', kind: 'law' }],
  events: [{ type: 'sanction', date: '2023-06-14' }],
});

/** Two years later, the same company in a parliamentary question that never involves the regulator. */
export const visaParliament = makeDoc({
  id: 'doc_visa_parliament',
  language: 'ar',
  publishedAt: '2025-03-02',
  outlet: 'Alyaoum24',
  title: 'سؤال برلماني حول مواعيد فيزا سنتر',
  text: 'وجه نائب سؤالا كتابيا إلى وزير الخارجية حول بيع مواعيد شركة فيزا سنتر في السوق السوداء. فيزا سنتر لم ترد.',
  orgs: [VISA_AR, { id: 'org:ma-parliament', name: 'مجلس النواب' }],
});

export const moratorium2019 = makeDoc({
  id: 'doc_mora_2019',
  language: 'fr',
  publishedAt: '2019-09-05',
  title: 'Reconnaissance faciale : la CNDP gèle les autorisations',
  text:
    "La CNDP suspend pour sept mois toute autorisation de traitement par reconnaissance faciale, le temps d'une " +
    'consultation large. La délibération D-194-2019 a pris effet fin août.',
  orgs: [CNDP_FR],
  laws: [{ id: 'cndp-deliberation-D-194-2019', kind: 'deliberation' }],
  events: [{ type: 'moratorium', date: '2019-08-30' }],
});

export const moratorium2019Ar = makeDoc({
  id: 'doc_mora_2019_ar',
  language: 'ar',
  publishedAt: '2019-09-04',
  title: 'اللجنة الوطنية تعلق الترخيص للتعرف على الوجه',
  text: 'قررت اللجنة الوطنية بموجب المداولة رقم D-194-2019 تعليق البت في طلبات التعرف على الوجه لمدة سبعة أشهر.',
  orgs: [CNDP_AR],
  laws: [{ id: 'cndp-deliberation-D-194-2019', kind: 'deliberation' }],
  events: [{ type: 'moratorium', date: '2019-08-30' }],
});

export const moratoriumExtension = makeDoc({
  id: 'doc_mora_2020',
  language: 'fr',
  publishedAt: '2020-03-30',
  title: 'Reconnaissance faciale : prorogation du moratoire',
  text:
    'La CNDP annonce la prorogation du moratoire sur la reconnaissance faciale instauré par la délibération ' +
    'D-194-2019, par une nouvelle délibération D-97-2020.',
  orgs: [CNDP_FR],
  laws: [
    { id: 'cndp-deliberation-D-194-2019', kind: 'deliberation' },
    { id: 'cndp-deliberation-D-97-2020', kind: 'deliberation' },
  ],
  events: [{ type: 'moratorium', date: '2020-03-26' }],
});

/** Same topic, different matter, six years later: hearings on video surveillance. */
export const surveillance2025 = makeDoc({
  id: 'doc_cctv_2025',
  language: 'fr',
  publishedAt: '2025-10-12',
  title: 'Vidéosurveillance : la CNDP convoque des exploitants',
  text:
    'La CNDP a convoqué des exploitants de caméras de reconnaissance et de vidéosurveillance installées dans des commerces. ' +
    'Les auditions se tiendront en novembre.',
  orgs: [CNDP_FR],
  events: [{ type: 'hearing', date: null }],
});

/** Another country's authority fining a company the same month. */
export const foreignAuthority = makeDoc({
  id: 'doc_cnil_visa',
  language: 'fr',
  publishedAt: '2023-01-12',
  title: 'La CNIL inflige une amende à un prestataire',
  text: 'La CNIL a sanctionné en France le prestataire VisaCentre pour un défaut de sécurité de ses serveurs.',
  orgs: [{ id: 'org:fr-cnil', name: 'CNIL' }, VISA_FR],
  events: [{ type: 'sanction', date: '2023-01-11' }],
});

/** Mostly about another company; mentions VisaCentre once in a closing recap. */
export const telcoWithRecap = makeDoc({
  id: 'doc_telco',
  language: 'fr',
  publishedAt: '2023-02-01',
  title: 'Opérateur TeleNord : la CNDP ouvre un contrôle',
  text:
    'La CNDP a ouvert un contrôle chez TeleNord après des plaintes de clients. TeleNord conteste les faits. ' +
    'TeleNord a remis ses registres. '.repeat(6) +
    'En janvier, la Commission avait déjà entendu VisaCentre.',
  orgs: [CNDP_FR, { id: 'org:telenord', name: 'TeleNord' }, VISA_FR],
  events: [{ type: 'inspection', date: '2023-01-30' }],
});

export const irrelevant = makeDoc({
  id: 'doc_football',
  language: 'fr',
  publishedAt: '2023-01-10',
  title: 'Le club remporte le derby',
  text: 'Un match serré, décidé en fin de rencontre.',
  relevant: false,
});
