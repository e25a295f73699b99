import { describe, expect, it } from 'vitest';
import { entitiesOf } from '../../test/entity-helpers.ts';

const events = (text: string, lang: 'fr' | 'ar' | 'en' = 'fr', pub = '2023-01-09') =>
  entitiesOf(text, lang, pub)
    .events.map((e) => `${e.type}@${e.date}`)
    .sort();

describe('events: English wording', () => {
  it('reads a warning, an order or a deadline given to a company as a formal notice', () => {
    expect(events('A call centre was warned over its lists and has 30 days to explain them.', 'en')).toEqual([
      'formal_notice@2023-01-09',
    ]);
    expect(events('The booking site was ordered to hide the phone numbers of its guests.', 'en')).toEqual([
      'formal_notice@2023-01-09',
    ]);
    expect(events('More than 200 customers complained about the calls.', 'en')).toEqual(['complaint@2023-01-09']);
  });

  it('reads prosecutors in the plural as a referral', () => {
    expect(events('The regulator has asked prosecutors in Fez to look into a private clinic.', 'en')).toEqual([
      'referral_prosecutor@2023-01-09',
    ]);
  });
});

describe('events: dating', () => {
  it('dates an event by the date of its sentence', () => {
    expect(events('La CNDP a auditionné la société le 6 janvier 2023.')).toEqual(['hearing@2023-01-06']);
    expect(events('عقدت اللجنة جلسة استماع مع الشركة يوم 6 يناير 2023.', 'ar')).toEqual(['hearing@2023-01-06']);
  });

  it('prefers an explicit day over a bare weekday in the same sentence', () => {
    expect(events('La CNDP a annoncé lundi avoir auditionné, le 6 janvier, la société.')).toEqual([
      'hearing@2023-01-06',
    ]);
  });

  it('dates news without a date by the publication and joins later undated mentions to the dated event', () => {
    expect(events('Une mise en demeure a été adressée à la banque. Le parquet a été saisi.')).toEqual([
      'formal_notice@2023-01-09',
      'referral_prosecutor@2023-01-09',
    ]);
    expect(events('Une audition a eu lieu le 6 janvier 2023. Cette audition a duré deux heures.')).toEqual([
      'hearing@2023-01-06',
    ]);
  });

  it('leaves recalled facts undated', () => {
    expect(events('Pour rappel, la Commission avait reçu une plainte contre la société.')).toEqual(['complaint@null']);
  });

  it('leaves undated what came before the news, unless a day follows it', () => {
    expect(
      events('La Commission a infligé le 6 janvier 2023 une amende à la clinique, après une plainte de patients.'),
    ).toEqual(['complaint@null', 'sanction@2023-01-06']);
    expect(events('Cette mise en demeure fait suite à une inspection menée le 3 janvier par les agents.')).toEqual([
      'formal_notice@2023-01-09',
      'inspection@2023-01-03',
    ]);
    expect(events('A union lodged a complaint in December against the carrier.', 'en')).toEqual(['complaint@null']);
  });

  it('dates the measures listed under a dated decision by that decision', () => {
    expect(
      events(
        'وقررت اللجنة، في جلستها المنعقدة بتاريخ 3 يناير 2023، ما يلي:\nتوجيه إعذار إلى الشركة؛\nإحالة الملف على النيابة العامة.',
        'ar',
      ),
    ).toEqual(['formal_notice@2023-01-03', 'referral_prosecutor@2023-01-03']);
    expect(
      events(
        'La Commission a décidé, le 4 janvier 2023, ce qui suit :\nune mise en demeure de la société ;\nun contrôle sur place.',
      ),
    ).toEqual(['formal_notice@2023-01-04', 'inspection@2023-01-04']);
    // A plain paragraph before is no list: the publication date stays.
    expect(events('La Commission a siégé le 4 janvier 2023.\nElle a mis en demeure la société.')).toEqual([
      'formal_notice@2023-01-09',
    ]);
  });

  it('keeps a recalled fact of an older month apart from the dated event of its type', () => {
    expect(
      events(
        'The court fined the firm on January 6, 2023. In October, the regulator had withdrawn its authorization and forwarded the file to the prosecutor.',
        'en',
      ),
    ).toEqual(['referral_prosecutor@null', 'sanction@2023-01-06', 'sanction@null']);
    expect(
      events('La CNDP a prolongé le moratoire le 6 janvier 2023. Le premier gel, décidé en mars 2021, devait expirer.'),
    ).toEqual(['moratorium@2023-01-06', 'moratorium@null']);
    // A month further after the trigger belongs to something else: the hearing is still the dated one.
    expect(
      events('The CNDP held a hearing on January 6, 2023. The hearing follows a complaint filed in November.', 'en'),
    ).toEqual(['complaint@null', 'hearing@2023-01-06']);
  });

  it('gives a date written right after a trigger to that trigger', () => {
    expect(
      events(
        'In Deliberation No. D-12-2023, adopted on January 3, 2023 and made public on Thursday, the CNDP objects.',
        'en',
      ),
    ).toEqual(['communique@2023-01-05', 'deliberation@2023-01-03']);
  });

  it('joins an anaphoric mention and a weekday-dated retelling to the explicitly dated event', () => {
    expect(
      events(
        'La CNDP a mis en demeure la société le 4 janvier 2023. Cette mise en demeure est intervenue le 6 janvier 2023 selon la presse.',
      ),
    ).toEqual(['formal_notice@2023-01-04']);
    expect(
      events(
        "L'inspection a eu lieu le 3 janvier 2023. D'après le communiqué publié lundi, les contrôleurs ont relevé des manquements.",
      ),
    ).toEqual(['communique@2023-01-09', 'inspection@2023-01-03']);
  });
});

describe('events: reading triggers', () => {
  it('reads each event type in French and Arabic', () => {
    expect(
      events('Un contrôle inopiné a révélé une fuite de données ; une délibération et un communiqué ont suivi.'),
    ).toEqual(['communique@2023-01-09', 'data_breach@2023-01-09', 'deliberation@2023-01-09', 'inspection@2023-01-09']);
    expect(
      events('تقدمت جمعية بشكاية، فأجرت اللجنة عملية مراقبة ووجهت إعذارا وأحالت الملف على النيابة العامة.', 'ar'),
    ).toEqual([
      'complaint@2023-01-09',
      'formal_notice@2023-01-09',
      'inspection@2023-01-09',
      'referral_prosecutor@2023-01-09',
    ]);
    // The leak came before the decision ("بعد تسريب"): a recalled fact, undated.
    expect(events('قررت اللجنة تعليق البت في طلبات الترخيص بعد تسريب معطيات.', 'ar')).toEqual([
      'data_breach@null',
      'moratorium@2023-01-09',
    ]);
  });

  it('reads inspections told by who went there, and plural notices', () => {
    expect(
      events('La CNDP a dépêché mardi 10 janvier 2023 une équipe de contrôleurs au siège de la mutuelle.'),
    ).toEqual(['inspection@2023-01-10']);
    expect(events('حل مراقبون تابعون للجنة يوم 10 يناير 2023 بمقر الشركة.', 'ar')).toEqual(['inspection@2023-01-10']);
    expect(events('The authority sent inspectors to the insurer on January 10, 2023.', 'en')).toEqual([
      'inspection@2023-01-10',
    ]);
    expect(events('وجهت الهيئة إعذارات إلى 12 جماعة يوم 8 يناير 2023.', 'ar')).toEqual(['formal_notice@2023-01-08']);
  });

  it('reads common wording of fines, attacks and probes', () => {
    expect(events('The regulator imposed a hefty fine on the retailer on January 5, 2023.', 'en')).toEqual([
      'sanction@2023-01-05',
    ]);
    expect(events('فرضت الهيئة غرامة على المتجر يوم 5 يناير 2023.', 'ar')).toEqual(['sanction@2023-01-05']);
    expect(events('تعرضت المصحة لهجوم سيبراني يوم 5 يناير 2023.', 'ar')).toEqual(['data_breach@2023-01-05']);
    expect(events('The watchdog opened a probe into the ransomware attack on January 5, 2023.', 'en')).toEqual([
      'data_breach@2023-01-05',
      'inspection@2023-01-05',
    ]);
  });

  it('reads freezes of applications as moratoria, withdrawals and sentences as sanctions', () => {
    expect(events("Le 5 janvier 2023, la CNDP a gelé l'examen des demandes d'autorisation de ces caméras.")).toEqual([
      'moratorium@2023-01-05',
    ]);
    expect(
      events('The regulator suspended the processing of applications for drones on January 5, 2023.', 'en'),
    ).toEqual(['moratorium@2023-01-05']);
    expect(events('On January 5, 2023 the watchdog froze drone surveillance permits.', 'en')).toEqual([
      'moratorium@2023-01-05',
    ]);
    expect(events('Le 5 janvier 2023, la société a suspendu le paiement des salaires.')).toEqual([]);
    // The noun, when the sentence says it was decided: "le premier gel, décidé en 2019, ...".
    expect(events('Le premier gel, décidé en mars 2021 par la Commission, a pris fin.')).toEqual(['moratorium@null']);
    expect(events("Le 5 janvier 2023, la CNDP a retiré à l'opérateur le récépissé de déclaration.")).toEqual([
      'sanction@2023-01-05',
    ]);
    expect(events('قررت اللجنة يوم 5 يناير 2023 سحب وصل التصريح من الشركة.', 'ar')).toEqual(['sanction@2023-01-05']);
    expect(events('A man was sentenced on January 5, 2023 to six months in prison.', 'en')).toEqual([
      'sanction@2023-01-05',
    ]);
  });

  it('reads personal data put online by mistake as a data breach', () => {
    expect(events('Le 5 janvier 2023, le lycée a publié par erreur les bulletins des élèves.')).toEqual([
      'data_breach@2023-01-05',
    ]);
    expect(
      events("La CNDP a réagi le 5 janvier 2023 à la mise en ligne d'un fichier contenant les adresses des abonnés."),
    ).toEqual(['data_breach@2023-01-05']);
    expect(events('وكانت البلدية قد نشرت على موقعها، عن طريق الخطأ، لائحة بأسماء المستفيدين.', 'ar')).toEqual([
      'data_breach@null',
    ]);
    expect(events('The clinic accidentally posted patient records online on January 5, 2023.', 'en')).toEqual([
      'data_breach@2023-01-05',
    ]);
    // An error that published nothing is no breach.
    expect(events('Le ministère a reconnu une erreur de calcul par erreur de saisie.')).toEqual([]);
  });

  it('reads "saisie par" people as an earlier complaint, not a referral by a ministry', () => {
    expect(events('Saisie par trois salariés, la CNDP a mis en demeure la société le 5 janvier 2023.')).toEqual([
      'complaint@null',
      'formal_notice@2023-01-05',
    ]);
    expect(events('Saisie par le ministère, la CNDP a rendu son avis le 5 janvier 2023.')).toEqual([]);
  });
});

describe('events: what is not an event', () => {
  it('does not read event words inside organization names', () => {
    // "contrôle" in the CNDP's name, "مراقبة" in its Arabic name.
    expect(
      events('La Commission nationale de contrôle de la protection des données personnelles publie son rapport.'),
    ).toEqual([]);
    expect(events('أصدرت اللجنة الوطنية لمراقبة حماية المعطيات ذات الطابع الشخصي تقريرها.', 'ar')).toEqual([]);
  });

  it('does not read complaint handling in general as a complaint', () => {
    expect(events('Facebook devra traiter plus vite les plaintes des internautes.')).toEqual([]);
    expect(events('طالبت اللجنة بإحداث آلية لمعالجة الشكايات.', 'ar')).toEqual([]);
    expect(events("L'association a déposé une plainte auprès de la CNDP.")).toEqual(['complaint@2023-01-09']);
  });

  it('skips statistics: large counts are not events', () => {
    expect(events('توصلت اللجنة بأكثر من 3500 شكاية خلال السنة.', 'ar')).toEqual([]);
    expect(events('La Commission a reçu des milliers de plaintes.')).toEqual([]);
  });

  it('skips threats, plans and negated reports', () => {
    expect(events('Passé ce délai, la Commission pourra saisir le parquet.')).toEqual([]);
    expect(events('À défaut de régularisation, la CNDP transmettra le dossier au procureur du Roi.')).toEqual([]);
    expect(events('Failure to comply could lead to a referral to the public prosecutor.', 'en')).toEqual([]);
    expect(events('وحذرت اللجنة من أن عدم الامتثال سيؤدي إلى إحالة الملف على النيابة العامة.', 'ar')).toEqual([]);
    expect(events("La CNDP n'a pas encore publié de communiqué sur l'affaire.")).toEqual([]);
    expect(events('ولم تصدر اللجنة إلى حدود الساعة أي بلاغ في الموضوع.', 'ar')).toEqual([]);
    expect(events('وأكدت الهيئة أن عمليات التفتيش ستنطلق الشهر المقبل.', 'ar')).toEqual([]);
    // A negation about something else keeps the event.
    expect(events('The bank has not complied with the formal notice sent on January 4, 2023.', 'en')).toEqual([
      'formal_notice@2023-01-04',
    ]);
  });

  it('does not count trends and yearly counts as events', () => {
    expect(events('Les appels non sollicités arrivent en tête des plaintes reçues par la Commission.')).toEqual([]);
    expect(events('وتأتي المبادرة في سياق تنامي الشكايات المتعلقة بالرسائل الإشهارية.', 'ar')).toEqual([]);
    expect(
      events('وأجرت الهيئة خلال السنة نفسها 90 عملية مراقبة أفضت إلى إحالة 7 ملفات على النيابة العامة.', 'ar'),
    ).toEqual([]);
  });

  it('does not read "this communiqué" of a text that cites no other communiqué as an event', () => {
    expect(events('وعلى الشركة الامتثال في أجل أقصاه 30 يوما من تاريخ نشر هذا البلاغ.', 'ar')).toEqual([]);
    expect(events('La CNDP a publié un communiqué le 5 janvier 2023. Ce communiqué rappelle la loi.')).toEqual([
      'communique@2023-01-05',
    ]);
  });

  it('does not read a victim going to the prosecutor, a demand or surveillance cameras as events', () => {
    expect(events('She had filed a complaint with the public prosecutor in May.', 'en')).toEqual(['complaint@null']);
    expect(events('وكانت الضحية قد تقدمت بشكاية إلى وكيل الملك.', 'ar')).toEqual(['complaint@null']);
    expect(events('La Commission exige la suppression des fichiers et un audit des procédures.')).toEqual([]);
    expect(events('وطالبت الجمعية بفتح تحقيق في الموضوع.', 'ar')).toEqual([]);
    expect(events('وقدم النادي تسجيلات كاميرات المراقبة التي تثبت ذلك.', 'ar')).toEqual([]);
    expect(events('وتقدم طالب بشكاية إلى اللجنة.', 'ar')).toEqual(['complaint@2023-01-09']);
  });
});
