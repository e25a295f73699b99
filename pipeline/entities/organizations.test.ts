import { describe, expect, it } from 'vitest';
import { entitiesOf, idsOf } from '../../test/entity-helpers.ts';
import { GAZETTEER } from './gazetteer.ts';
import { consonantSkeleton } from './transliterate.ts';

describe('organizations: gazetteer', () => {
  it('finds every name of every entry as that entry', () => {
    const owners = new Map<string, number>();
    for (const entry of GAZETTEER) {
      for (const name of new Set([...entry.names.fr, ...entry.names.ar, ...entry.names.en])) {
        owners.set(name, (owners.get(name) ?? 0) + 1);
      }
    }
    for (const entry of GAZETTEER) {
      for (const name of [...entry.names.fr, ...entry.names.ar, ...entry.names.en]) {
        // Names that need a full name, an enumeration or a country around them are covered below.
        if ((entry.anchored ?? []).includes(name) || (entry.listed ?? []).includes(name)) continue;
        if ((owners.get(name) ?? 0) > 1 || (entry.id === 'org:fr-cndp' && name === 'CNDP')) continue;
        const lang = /[\u0600-\u06ff]/.test(name) ? 'ar' : 'fr';
        const found = entitiesOf(`Le rapport de ${name} est paru.`, lang).organizations.map((o) => o.id);
        expect(found, `${entry.id}: ${name}`).toContain(entry.id);
      }
    }
  });

  it('reads TLScontact in all its spellings as one company, with original offsets', () => {
    const text =
      'La société TLScontact a été entendue. TLS Contact Maroc conteste. Un cadre de TLSCONTACT parle. شركة تي إل إس كونطاكط و تيإلإس كونتاكت';
    const e = entitiesOf(text);
    const tls = e.organizations.find((o) => o.id === 'org:tlscontact');
    expect(tls?.mentions.map((m) => m.text)).toEqual([
      'TLScontact',
      'TLS Contact Maroc',
      'TLSCONTACT',
      'تي إل إس كونطاكط',
      'تيإلإس كونتاكت',
    ]);
    for (const m of tls?.mentions ?? []) expect(text.slice(m.start, m.end)).toBe(m.text);
    expect(e.organizations).toHaveLength(1);
  });

  it('takes Arabic clitics off names: وفايسبوك, للجنة الوطنية..., بفيسبوك', () => {
    const e = entitiesOf(
      'وجهت اللجنة الوطنية لمراقبة حماية المعطيات ذات الطابع الشخصي رسالة بخصوص فيسبوك وواتساب. وقالت اللجنة الوطنية إن الرد تأخر.',
      'ar',
    );
    expect(idsOf(e.organizations)).toEqual(['org:cndp', 'org:facebook', 'org:whatsapp']);
    expect(e.organizations.find((o) => o.id === 'org:cndp')?.mentions).toHaveLength(2);
  });

  it('counts a generic short form only next to a full name', () => {
    expect(entitiesOf('La Commission nationale a publié un avis.').organizations).toEqual([]);
    expect(entitiesOf('اللجنة الوطنية للانتخابات تجتمع.', 'ar').organizations).toEqual([]);
  });

  it("keeps France's CNDP (débat public) apart from Morocco's", () => {
    const fr = entitiesOf(
      'La Commission nationale du débat public ouvre une concertation. La CNDP publiera son bilan.',
    );
    expect(idsOf(fr.organizations)).toEqual(['org:fr-cndp']);
    const frAcronymOnly = entitiesOf('Projet de ligne ferroviaire : la CNDP organise un débat public à Lyon.');
    expect(idsOf(frAcronymOnly.organizations)).toEqual(['org:fr-cndp']);
    const ma = entitiesOf('La CNDP rappelle que les données personnelles des clients doivent être protégées.');
    expect(idsOf(ma.organizations)).toEqual(['org:cndp']);
  });

  it('gives Tunisian, Algerian and Senegalese authorities their own ids', () => {
    expect(
      idsOf(
        entitiesOf("L'Instance nationale de protection des données personnelles (INPDP) de Tunisie alerte.")
          .organizations,
      ),
    ).toEqual(['org:tn-inpdp']);
    expect(idsOf(entitiesOf('حذرت الهيئة الوطنية لحماية المعطيات الشخصية بتونس.', 'ar').organizations)).toEqual([
      'org:tn-inpdp',
    ]);
    expect(idsOf(entitiesOf("L'ANPDP algérienne a publié un guide.").organizations)).toEqual(['org:dz-anpdp']);
  });

  it('requires a capital for names that are common words', () => {
    expect(entitiesOf('Il a mangé une orange et regardé la carte (map).').organizations).toEqual([]);
    expect(idsOf(entitiesOf('Orange et inwi ont répondu.').organizations)).toEqual(['org:inwi', 'org:orange-maroc']);
  });
});

describe('organizations: outside the gazetteer', () => {
  it('reads "la société X" and gives the same id to the same company found twice', () => {
    const e = entitiesOf(
      'La société Dataline Services a été contrôlée. Selon la direction de Dataline Services SA, tout est conforme.',
    );
    const unknown = e.organizations.filter((o) => !o.known);
    expect(unknown.map((o) => o.name)).toEqual(['Dataline Services']);
  });

  it('reads Latin-script names and quoted names inside Arabic text', () => {
    const e = entitiesOf('تلقت شركة Callnova شكاية، كما راسلت اللجنة بنك «Atlas Crédit» بخصوص المكالمات.', 'ar');
    expect(e.organizations.map((o) => o.name).sort()).toEqual(['Atlas Crédit', 'Callnova']);
  });

  it('takes acronyms in capitals but not headings, roman numerals or common abbreviations', () => {
    const e = entitiesOf(
      'Le syndicat UMT a saisi la FNTT. Le chapitre VII parle du RGPD et des SMS. URGENT INFO DU JOUR',
    );
    expect(idsOf(e.organizations)).toEqual(['org:x-fntt', 'org:x-umt']);
  });
});

describe('organizations: one unknown company across French and Arabic', () => {
  const unknownIds = (text: string, lang: 'fr' | 'ar' | 'en') =>
    entitiesOf(text, lang)
      .organizations.filter((o) => !o.known)
      .map((o) => o.id);

  it('gives the French and the transliterated Arabic name the same id', () => {
    const fr = unknownIds('La CNDP a adressé un avertissement à la société Assurances Atlas Horizon.', 'fr');
    const ar = unknownIds('وجهت اللجنة إنذارا إلى شركة أطلس هورايزن للتأمين بعد شكايات الزبناء.', 'ar');
    expect(fr).toEqual(['org:x-tlsrzn']);
    expect(ar).toEqual(fr);
    expect(unknownIds("La compagnie d'assurances Atlas Horizon conteste la sanction.", 'fr')).toEqual(fr);

    const frGroup = unknownIds('Le groupe Dar Salam Immobilier filmait ses locataires.', 'fr');
    expect(frGroup).toEqual(['org:x-drslm']);
    expect(unknownIds('أكدت مجموعة دار السلام للعقار أنها ستزيل الكاميرات.', 'ar')).toEqual(frGroup);
  });

  it('reads a club after نادي, as a company after شركة', () => {
    const found = entitiesOf('وجهت اللجنة إنذارا إلى نادي بوسكورة بسبب الملفات الطبية للاعبين.', 'ar').organizations;
    const club = found.filter((o) => o.id.startsWith('org:x-')).map((o) => consonantSkeleton(o.name));
    // The report in French names it in full; both read as the town that names the club.
    expect(club).toEqual([consonantSkeleton('Club Olympique de Bouskoura')]);
  });

  it('reads the name before an appositive that says it is a website', () => {
    expect(unknownIds('Dar Zwina, a Marrakech-based riad booking website, must hide the numbers.', 'en')).toHaveLength(
      1,
    );
  });

  it('reads "Fez Clinic" in a title-case headline as a description, not a name', () => {
    expect(unknownIds('Fez Clinic Referred to Prosecutor Over Patients Data', 'en')).toEqual([]);
    expect(unknownIds('Regulator Fines Atlas Clinic Over Patients Data', 'en')).toHaveLength(1);
  });

  it('keeps two companies with similar names apart', () => {
    const horizon = unknownIds('La société Atlas Horizon a répondu.', 'fr');
    const hotels = unknownIds('La société Atlas Hotels a répondu.', 'fr');
    expect(horizon).toEqual(['org:x-tlsrzn']);
    expect(hotels).toHaveLength(1);
    expect(hotels).not.toEqual(horizon);
    expect(unknownIds('ردت شركة أطلس هوتيلز على اللجنة.', 'ar')).not.toEqual(horizon);
  });

  it('keeps the name-based id for short names', () => {
    expect(unknownIds('La société Nouma a été entendue.', 'fr')).toEqual(['org:x-nouma']);
    expect(unknownIds('استمعت اللجنة إلى ممثلي شركة نوما حول الشكاية.', 'ar')).toEqual(['org:x-نوما']);
  });

  it('reads a bare Arabic name up to a particle, keeping its descriptor in the displayed name', () => {
    const text = 'فرضت اللجنة غرامة على شركة أطلس هورايزن للتأمين بعد المراقبة، ثم راسلت شركة أطلس هورايزن مجددا.';
    const e = entitiesOf(text, 'ar');
    const org = e.organizations.find((o) => o.id === 'org:x-tlsrzn');
    expect(org?.name).toBe('أطلس هورايزن للتأمين');
    expect(org?.mentions.map((m) => m.text)).toEqual(['أطلس هورايزن للتأمين', 'أطلس هورايزن']);
    for (const m of org?.mentions ?? []) expect(text.slice(m.start, m.end)).toBe(m.text);
    expect(e.organizations).toHaveLength(1);

    expect(unknownIds('تلقت مجموعة إس جي تي هورايزن إنذارا.', 'ar')).toEqual(
      unknownIds('Le groupe SGT Horizon a reçu une mise en demeure.', 'fr'),
    );
    // At most four name words: a long run of unknown words is not swallowed whole.
    const long = entitiesOf('راسلت اللجنة شركة نور سما بلو ستار كابيتال ريم.', 'ar').organizations;
    expect(long.map((o) => o.name)).toEqual(['نور سما بلو ستار']);
  });

  it('finds no company in ordinary Arabic sentences', () => {
    const sentences = [
      'بنك بسبب مكالمات تسويقية مزعجة.',
      'جمعية لحماية المستهلك تشتكي شركة مراكز نداء إلى اللجنة.',
      'وضعت شركة للتوصيل كاميرات في المستودع.',
      'الشركة ترسل بانتظام صورا إلى الخارج.',
      'مجموعة القانون الجنائي تعاقب على تسجيل المكالمات.',
      'مجموعة من المواطنين تقدموا بشكاية ضد شركة خاصة تعمل في مجال التوصيل.',
      'أكدت شركة مغربية ناشئة وبنك أجنبي ومؤسسة عمومية أن الأمر يتعلق بخطأ.',
      'شركة قامت بتسريب المعطيات، وشركة تم تغريمها، وشركة يملكها مستثمر.',
      'وكالة أسفار ومصحة خاصة وشركة تأمين ومقاولة صغيرة وجمعية حقوقية.',
      'شركة طيران عربية وبنك فرنسي ووكالة بنكية وشركة اتصالات.',
      'قال البنك المركزي إن الشركة الأم لم ترد.',
    ];
    for (const s of sentences) expect(entitiesOf(s, 'ar').organizations, s).toEqual([]);
  });

  it('does not take a definite common noun for a name unless a sector descriptor follows', () => {
    expect(entitiesOf('راسلت اللجنة شركة الاتصالات والبريد.', 'ar').organizations).toEqual([]);
    expect(unknownIds('تلقت مؤسسة الأمل للتأمين إنذارا.', 'ar')).toHaveLength(1);
  });
});

describe('organizations: names the press introduces without "la société"', () => {
  const ids = (text: string, lang: 'fr' | 'ar' | 'en' = 'fr') => idsOf(entitiesOf(text, lang).organizations);

  it('reads a name after a trigger with an article and a short lowercase description', () => {
    const names = (text: string) => entitiesOf(text).organizations.map((o) => o.name);
    expect(names('Les données du groupe Atlas Médical ont fuité.')).toEqual(['Atlas Médical']);
    expect(ids('Le groupe de laboratoires Biolab Nord conteste.')).toEqual([
      ids('La société Biolab Nord conteste.')[0],
    ]);
    expect(ids('La fintech rbatie PayNova Maroc lève des fonds auprès du fonds Sahara Growth Capital.')).toHaveLength(
      2,
    );
    // A preposition ends the description: a city is not a company.
    expect(ids("La société basée à Tanger n'a pas répondu.")).toEqual([]);
  });

  it('reads English nouns placed right before the name, and appositives', () => {
    expect(ids('Inspectors visited logistics operator Atlas Freight Lines on Monday.', 'en')).toHaveLength(1);
    expect(ids('The commission gave the company until March 3 to comply.', 'en')).toEqual([]);
    expect(ids('Officials met Orbis Parcel Systems, a delivery firm based in Tangier.', 'en')).toHaveLength(1);
    const names = entitiesOf('The authority fined operator Nordtel Mobile MAD 90,000 on Monday.', 'en').organizations;
    expect(names.map((o) => o.name)).toEqual(['Nordtel Mobile']);
  });

  it('gives an acronym defined in brackets the identity of its full name', () => {
    const e = entitiesOf(
      "L'Association marocaine des usagers du numérique (AMUN) a saisi la CNDP. L'AMUN réclame une enquête.",
    );
    const amun = e.organizations.find((o) => o.name.startsWith('Association'));
    expect(amun?.mentions.map((m) => m.text)).toEqual([
      'Association marocaine des usagers du numérique',
      'AMUN',
      'AMUN',
    ]);
  });

  it('files an Arabic transliteration followed by its Latin name in brackets under the Latin name', () => {
    const e = entitiesOf(
      'وجهت اللجنة إنذارا إلى شركة «نوفا باركينغ» (Nova Parking) بعد شكايات، ووجهت نسخة إلى شركة متعاقدة معها.',
      'ar',
    );
    const unknown = e.organizations.filter((o) => !o.known);
    expect(unknown.map((o) => o.name)).toEqual(['Nova Parking']);
    expect(unknown[0]?.mentions).toHaveLength(2);
  });

  it('reads courts of any city', () => {
    expect(ids('Le tribunal de première instance de Marrakech a rendu son jugement.')).toEqual([
      ids('Le Tribunal de première instance de Marrakech.')[0],
    ]);
    expect(ids('Le tribunal administratif de Fès a été saisi.')).toHaveLength(1);
  });
});

describe('organizations: institutions, brands and courts in other languages', () => {
  const unknown = (text: string, lang: 'fr' | 'ar' | 'en' = 'fr') =>
    entitiesOf(text, lang).organizations.filter((o) => !o.known);

  it('gives a university named in French, English and Arabic one id', () => {
    const fr = unknown("Les étudiants de l'université Ibn Khaldoun de Fès ont protesté.").map((o) => o.id);
    expect(fr).toHaveLength(1);
    expect(unknown('Students of Ibn Khaldoun University protested.', 'en').map((o) => o.id)).toEqual(fr);
    expect(unknown('احتج طلبة تابعون لجامعة ابن خلدون بفاس على التسريب.', 'ar').map((o) => o.id)).toEqual(fr);
  });

  it('ends an Arabic name at "ب" + a city and does not read a trade as a name', () => {
    expect(unknown('احتج طلبة جامعة ابن خلدون بمراكش.', 'ar').map((o) => o.name)).toEqual(['جامعة ابن خلدون']);
    expect(unknown('أسندت الحملة إلى شركة مناولة بمراكش.', 'ar')).toEqual([]);
  });

  it('reads an intercapped brand with the capitalized words after it', () => {
    expect(unknown('Les fichiers ont été cédés à DataNova Conseil, puis revendus.').map((o) => o.name)).toEqual([
      'DataNova Conseil',
    ]);
  });

  it('does not take an outlet credited as the source for a party', () => {
    expect(unknown('Joint par PressMaroc, le directeur a refusé de commenter.')).toEqual([]);
    expect(unknown('وحسب ما علمه «Maroc Hebdo» من مصادر، فإن الملف جاهز.', 'ar')).toEqual([]);
    expect(unknown('Amende record pour un opérateur – InfoDigital\nLe texte suit.')).toEqual([]);
    // "a communiqué NEWS DAILY saw a copy of", the Latin name glued to the next Arabic word.
    expect(unknown('وأوضحت الجمعية، في بلاغ اطلع NEWS DAILYعلى نسخة منه، أن الشكاية جاهزة.', 'ar')).toEqual([]);
  });

  it('ends a Latin name inside Arabic text where the script changes', () => {
    expect(unknown('وقالت شركة البيانات إن DataSafeللخدمات لم ترد.', 'ar').map((o) => o.name)).toContain('DataSafe');
  });

  it('files a Latin name in brackets after its Arabic spelling as one mention, not word by word', () => {
    const orgs = unknown('اشتكت الجمعية مصرف «القرض الأطلسي» (Crédit de l’Atlas) بسبب الرسائل.', 'ar');
    expect(orgs).toHaveLength(1);
    expect(orgs[0]?.mentions.map((m) => m.text)).toEqual(['القرض الأطلسي', 'Crédit de l’Atlas']);
  });

  it('does not take currencies or a text-message keyword for organizations', () => {
    expect(unknown('Une amende de 5 millions de francs CFA a été infligée.')).toEqual([]);
    expect(unknown('رغم إرسالهم كلمة «STOP» إلى الرقم.', 'ar')).toEqual([]);
  });

  it('reads companies introduced by an English noun or an appositive institution', () => {
    expect(unknown('Regulators fined supermarket chain Palmeraie Market MAD 90,000.', 'en').map((o) => o.name)).toEqual(
      ['Palmeraie Market'],
    );
    expect(
      unknown('Une amende a visé Sahel Microcrédit, une institution de microfinance basée à Thiès.').map((o) => o.name),
    ).toEqual(['Sahel Microcrédit']);
  });

  it('gives a court named in English or Arabic the identity of its French name', () => {
    const fr = unknown('Le tribunal administratif de Fès a été saisi.').map((o) => o.id);
    expect(unknown('The Administrative Court of Fes heard the case.', 'en').map((o) => o.id)).toEqual(fr);
    expect(unknown('قضت المحكمة الإدارية بفاس بإلغاء القرار.', 'ar').map((o) => o.id)).toEqual(fr);
    expect(entitiesOf('The Rabat Court of First Instance ruled.', 'en').organizations.map((o) => o.id)).toEqual([
      'org:tribunal-premiere-instance-rabat',
    ]);
  });
});

describe('organizations: the CNDP under other wordings', () => {
  it('matches the Arabic long name with or without its optional words', () => {
    for (const name of [
      'اللجنة الوطنية لحماية المعطيات الشخصية',
      'اللجنة الوطنية لمراقبة حماية المعطيات الشخصية',
      'اللجنة الوطنية لحماية المعطيات ذات الطابع الشخصي',
    ]) {
      expect(idsOf(entitiesOf(`وجهت ${name} إنذارا.`, 'ar').organizations), name).toEqual(['org:cndp']);
    }
  });

  it("reads the bare Commission of the CNDP's own communiqués, only where law 09-08 applies", () => {
    const communique =
      'قررت اللجنة تعليق البت في الطلبات. وتعتبر اللجنة أن المعالجة تخضع للمادة 12 من القانون رقم 08-09.';
    expect(idsOf(entitiesOf(communique, 'ar').organizations)).toEqual(['org:cndp']);
    expect(entitiesOf('قررت اللجنة تغريم الفريق. وأوضحت اللجنة أن القرار نهائي.', 'ar').organizations).toEqual([]);
    // A commission with a complement is another body.
    expect(
      entitiesOf('قررت لجنة التأديب تغريم الفريق. وجاء في بلاغ اللجنة المركزية أن القانون 09.08 لا يعنيها.', 'ar')
        .organizations,
    ).toEqual([]);
  });

  it('knows the football federation by its Arabic name and its acronym alike', () => {
    expect(idsOf(entitiesOf('قررت الجامعة الملكية المغربية لكرة القدم معاقبة الفريق.', 'ar').organizations)).toEqual([
      'org:x-frmf',
    ]);
    expect(idsOf(entitiesOf('La FRMF a sanctionné le club.').organizations)).toEqual(['org:x-frmf']);
  });
});

describe('organizations: long names as the press writes them', () => {
  it('reads the CNDP without "la", without "contrôle", with "pour" or "Comité"', () => {
    for (const text of [
      'La Commission nationale de contrôle de protection des données à caractère personnel a reçu trois plaintes.',
      'La Commission nationale de la protection des données personnelles a reçu trois plaintes.',
      'La Commission nationale pour la protection des données à caractère personnel a reçu trois plaintes.',
      'Le Comité national de contrôle de la protection des données personnelles a reçu trois plaintes.',
      'The National Commission for the Control and Protection of Personal Data received three complaints.',
    ]) {
      expect(idsOf(entitiesOf(text).organizations), text).toEqual(['org:cndp']);
    }
    expect(
      idsOf(entitiesOf('تلقت اللجنة المغربية لمراقبة حماية المعطيات الشخصية ثلاث شكايات.', 'ar').organizations),
    ).toEqual(['org:cndp']);
  });

  it('reads a ministry under its synonyms: digitale for numérique, التحول for الانتقال', () => {
    expect(
      idsOf(entitiesOf('Le ministère de la Transition digitale et de la Réforme administrative signe.').organizations),
    ).toEqual(['org:ma-ministry-digital']);
    expect(idsOf(entitiesOf('وقعت وزارة التحول الرقمي وإصلاح الإدارة الاتفاقية.', 'ar').organizations)).toEqual([
      'org:ma-ministry-digital',
    ]);
  });

  it('does not read a name across a sentence end', () => {
    expect(
      entitiesOf('Elle siège à la Commission nationale. Contrôle de la protection des données: rien à signaler.')
        .organizations,
    ).toEqual([]);
  });
});

describe('organizations: authorities told apart by country', () => {
  it('resolves a shared acronym by the country named after it or in the text', () => {
    expect(idsOf(entitiesOf("L'APDP du Mali a reçu des plaintes après la fuite.").organizations)).toEqual([
      'org:ml-apdp',
    ]);
    expect(
      idsOf(entitiesOf('Au Bénin, l’APDP a ouvert une enquête ; l’APDP rendra son avis en juin.').organizations),
    ).toEqual(['org:bj-apdp']);
  });

  it('reads "the <nationality> data-protection authority" as that country’s', () => {
    expect(
      idsOf(entitiesOf("L'autorité sénégalaise de protection des données a averti les candidats.").organizations),
    ).toEqual(['org:sn-cdp']);
    expect(idsOf(entitiesOf('وقعت هيئة حماية البيانات الشخصية التركية مذكرة تفاهم.', 'ar').organizations)).toEqual([
      'org:tr-kvkk',
    ]);
    expect(idsOf(entitiesOf("Kenya's data protection commissioner fined a clinic.", 'en').organizations)).toEqual([
      'org:ke-odpc',
    ]);
  });

  it('gives a press short form to the foreign authority the story names, not to the CNDP', () => {
    const e = entitiesOf('فتحت لجنة حماية البيانات (DPC) في أيرلندا تحقيقا مع شركة فيسبوك.', 'ar');
    expect(idsOf(e.organizations)).toEqual(['org:facebook', 'org:ie-dpc']);
  });
});

describe('organizations: products under their parent company', () => {
  it('reads "Parent (Product)" as the parent alone', () => {
    const e = entitiesOf(
      'La lettre vise Alphabet Inc. (YouTube), ByteDance Ltd (TikTok), Meta Platforms, Inc. (Instagram et Facebook) et Microsoft (LinkedIn).',
    );
    expect(idsOf(e.organizations)).toEqual(['org:alphabet', 'org:bytedance', 'org:meta', 'org:microsoft']);
    const alone = entitiesOf('TikTok a reçu une mise en demeure.');
    expect(idsOf(alone.organizations)).toEqual(['org:tiktok']);
  });

  it('reads a bare "X" only inside a list of companies', () => {
    expect(idsOf(entitiesOf('Meta, X et TikTok ont reçu la lettre.').organizations)).toEqual([
      'org:meta',
      'org:tiktok',
      'org:xcorp',
    ]);
    expect(entitiesOf('Le point X marque la sortie du parking.').organizations).toEqual([]);
  });
});

describe('organizations: bystanders and fragments', () => {
  it('leaves out venues, funders and the outlet a speaker talked to', () => {
    for (const text of [
      'Les partis représentés au Parlement ont reçu un courrier.',
      'Le professeur, enseignant à l’Université Internationale de Rabat, a pris la parole.',
      'Le programme est financé par l’Union européenne.',
      'Dans une déclaration à la MAP, le président a salué l’accord.',
      'وأوضحت الأحزاب الممثلة في البرلمان أنها توصلت بالمراسلة.',
    ]) {
      expect(entitiesOf(text, /[\u0600-\u06ff]/.test(text) ? 'ar' : 'fr').organizations, text).toEqual([]);
    }
    // The agency's dispatch reporting the facts is a source the register keeps.
    expect(idsOf(entitiesOf('Selon une dépêche de la MAP, la commune a retiré les caméras.').organizations)).toEqual([
      'org:map',
    ]);
  });

  it('takes no acronym fragments: technical terms, events with a year, plurals, surnames in capitals', () => {
    for (const text of [
      'Une plateforme fondée sur un grand modèle de langage (LLM) sera développée.',
      'La rencontre se tient à l’occasion de la JIPD 2023 à Rabat.',
      'La lettre est adressée aux GAMMAs et à leurs filiales.',
      'Selon Jean-Paul MARTIN, le dossier avance.',
      'Le DP-Day est célébré chaque année.',
    ]) {
      expect(entitiesOf(text).organizations, text).toEqual([]);
    }
  });

  it('does not read Arabic adjectives or verbs after "مؤسسة" as names', () => {
    expect(entitiesOf('راسلت اللجنة إحدى عشرة مؤسسة مماثلة حول العالم.', 'ar').organizations).toEqual([]);
    expect(entitiesOf('وقعت مع 11 مؤسسة تعنى بحماية الخصوصية.', 'ar').organizations).toEqual([]);
  });

  it('reads companies by their legal form or head noun, and a club with its complement', () => {
    const en = entitiesOf('Harbor Grill Lounge was fined. Kivu Lending Ltd operates two apps.', 'en');
    expect(en.organizations.map((o) => o.name).sort()).toEqual(['Harbor Grill Lounge', 'Kivu Lending Ltd']);
    const fr = entitiesOf('Le colloque est organisé en partenariat avec le Club des juristes, à Fès.');
    expect(fr.organizations.map((o) => o.name)).toEqual(['Club des juristes']);
    // The French société anonyme, and the operator of a site introduced by what it runs.
    const sa = entitiesOf('La CNDP a mis en demeure Tarik Garages SA, qui gère neuf parkings.').organizations;
    expect(sa.map((o) => o.name)).toContain('Tarik Garages SA');
    const operator = entitiesOf("La Commission a contrôlé l'exploitant Marina Stationnement mardi.").organizations;
    expect(operator.map((o) => o.name)).toContain('Marina Stationnement');
  });

  it('reads a bank named by a definite word, keeping its noun, so it meets "Banque X"', () => {
    const ar = entitiesOf('وافقت اللجنة على طلب بنك الريف لاعتماد البصمة الصوتية.', 'ar').organizations;
    expect(ar.map((o) => o.name)).toEqual(['بنك الريف']);
    expect(consonantSkeleton(ar[0]?.name ?? '')).toBe(consonantSkeleton('Banque Rif'));
    // Not a blood bank or a data bank: the definite word must be no common noun.
    expect(entitiesOf('أطلقت الوزارة حملة لدعم بنك الدم الوطني.', 'ar').organizations).toEqual([]);
  });
});
