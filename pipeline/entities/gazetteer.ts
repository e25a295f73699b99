// The organizations and people Raqib knows by name. Data, not code: the search engineer reads
// `GAZETTEER` to build synonyms, the extractor compiles it once into one alternation.
//
// Foreign data-protection authorities carry their own ids so a Tunisian or French story is never
// filed under Morocco's CNDP. Acronyms that collide across countries (France's "CNDP", the
// Commission nationale du débat public) are resolved by context in organizations.ts.

export type OrgKind = 'regulator' | 'company' | 'platform' | 'ministry' | 'agency' | 'association' | 'court' | 'media';

export interface GazetteerEntry {
  id: string;
  kind: OrgKind;
  names: { fr: string[]; ar: string[]; en: string[] };
  /** ISO 3166 alpha-2 of the jurisdiction; absent for multinationals. */
  country?: string;
  /**
   * Names that are also common words or generic phrases ("Orange", "Meta", "Commission nationale"):
   * `capitalized` ones only count when written with a capital; `anchored` ones only when a full name
   * of the same entry appears in the document.
   */
  capitalized?: string[];
  anchored?: string[];
}

export const GAZETTEER: readonly GazetteerEntry[] = [
  {
    id: 'org:cndp',
    kind: 'regulator',
    country: 'MA',
    names: {
      fr: [
        'Commission nationale de contrôle de la protection des données à caractère personnel',
        'Commission nationale du contrôle de la protection des données à caractère personnel',
        'Commission nationale de contrôle de la protection des données personnelles',
        'CNDP',
        'Commission nationale',
      ],
      ar: [
        'اللجنة الوطنية لمراقبة حماية المعطيات ذات الطابع الشخصي',
        'اللجنة الوطنية لمراقبة حماية المعطيات الشخصية',
        'لجنة مراقبة حماية المعطيات ذات الطابع الشخصي',
        'اللجنة الوطنية لحماية المعطيات الشخصية بالمغرب',
        // Press short forms; foreign bodies are "هيئة" (Tunisia), "سلطة" (Algeria) or carry their country.
        'لجنة حماية المعطيات الشخصية',
        'لجنة حماية المعطيات',
        'لجنة المعطيات الشخصية',
        'اللجنة الوطنية',
      ],
      en: [
        'National Commission for the Control of Personal Data Protection',
        'National Commission for the Protection of Personal Data',
        'National Control Commission for the Protection of Personal Data',
        'Moroccan data protection authority',
      ],
    },
    anchored: ['Commission nationale', 'اللجنة الوطنية'],
  },
  {
    id: 'org:fr-cndp',
    kind: 'agency',
    country: 'FR',
    names: {
      fr: ['Commission nationale du débat public'],
      ar: ['اللجنة الوطنية للنقاش العمومي', 'اللجنة الوطنية للنقاش العام'],
      en: ['National Commission for Public Debate'],
    },
  },
  {
    id: 'org:fr-cnil',
    kind: 'regulator',
    country: 'FR',
    names: {
      fr: ["Commission nationale de l'informatique et des libertés", 'CNIL'],
      ar: ['اللجنة الوطنية للمعلوماتية والحريات'],
      en: ['French data protection authority'],
    },
  },
  {
    id: 'org:tn-inpdp',
    kind: 'regulator',
    country: 'TN',
    names: {
      fr: ['Instance nationale de protection des données personnelles', 'INPDP'],
      ar: ['الهيئة الوطنية لحماية المعطيات الشخصية'],
      en: [
        'National Authority for the Protection of Personal Data',
        'National Instance for the Protection of Personal Data',
      ],
    },
  },
  {
    id: 'org:dz-anpdp',
    kind: 'regulator',
    country: 'DZ',
    names: {
      fr: ['Autorité nationale de protection des données à caractère personnel', 'ANPDP'],
      ar: ['السلطة الوطنية لحماية المعطيات ذات الطابع الشخصي'],
      en: ['National Authority for the Protection of Personal Data of Algeria'],
    },
  },
  {
    id: 'org:sn-cdp',
    kind: 'regulator',
    country: 'SN',
    names: {
      fr: ['Commission de protection des données personnelles', 'CDP du Sénégal', 'CDP'],
      ar: ['لجنة حماية المعطيات الشخصية بالسنغال'],
      en: ['Personal Data Protection Commission of Senegal'],
    },
  },
  {
    id: 'org:anrt',
    kind: 'regulator',
    country: 'MA',
    names: {
      fr: ['Agence nationale de réglementation des télécommunications', 'ANRT'],
      ar: ['الوكالة الوطنية لتقنين المواصلات'],
      en: ['National Telecommunications Regulatory Agency'],
    },
  },
  {
    id: 'org:bank-al-maghrib',
    kind: 'regulator',
    country: 'MA',
    names: {
      fr: ['Bank Al-Maghrib', 'Bank Al Maghrib', 'BAM', 'banque centrale du Maroc'],
      ar: ['بنك المغرب'],
      en: ['Bank Al-Maghrib', 'Central Bank of Morocco'],
    },
    capitalized: ['BAM'],
  },
  {
    id: 'org:ammc',
    kind: 'regulator',
    country: 'MA',
    names: {
      fr: ['Autorité marocaine du marché des capitaux', 'AMMC'],
      ar: ['الهيئة المغربية لسوق الرساميل'],
      en: ['Moroccan Capital Market Authority'],
    },
  },
  {
    id: 'org:acaps',
    kind: 'regulator',
    country: 'MA',
    names: {
      fr: ['Autorité de contrôle des assurances et de la prévoyance sociale', 'ACAPS'],
      ar: ['هيئة مراقبة التأمينات والاحتياط الاجتماعي'],
      en: ['Insurance and Social Welfare Supervisory Authority'],
    },
  },
  {
    id: 'org:haca',
    kind: 'regulator',
    country: 'MA',
    names: {
      fr: ['Haute autorité de la communication audiovisuelle', 'HACA'],
      ar: ['الهيئة العليا للاتصال السمعي البصري'],
      en: ['High Authority for Audiovisual Communication'],
    },
  },
  {
    id: 'org:conseil-concurrence',
    kind: 'regulator',
    country: 'MA',
    names: {
      fr: ['Conseil de la concurrence'],
      ar: ['مجلس المنافسة'],
      en: ['Competition Council'],
    },
  },
  {
    id: 'org:dgsn',
    kind: 'agency',
    country: 'MA',
    names: {
      fr: ['Direction générale de la sûreté nationale', 'DGSN', 'Sûreté nationale'],
      ar: ['المديرية العامة للأمن الوطني'],
      en: ['General Directorate of National Security'],
    },
  },
  {
    id: 'org:dgssi',
    kind: 'agency',
    country: 'MA',
    names: {
      fr: ['Direction générale de la sécurité des systèmes d’information', 'DGSSI'],
      ar: ['المديرية العامة لأمن نظم المعلومات'],
      en: ['General Directorate of Information Systems Security'],
    },
  },
  {
    id: 'org:bnpj',
    kind: 'agency',
    country: 'MA',
    names: {
      fr: ['Brigade nationale de police judiciaire', 'BNPJ'],
      ar: ['الفرقة الوطنية للشرطة القضائية'],
      en: ['National Judicial Police Brigade'],
    },
  },
  {
    id: 'org:ma-prosecutor',
    kind: 'agency',
    country: 'MA',
    names: {
      fr: [
        'Présidence du ministère public',
        'ministère public',
        'Parquet',
        'procureur du Roi',
        'procureur général du Roi',
      ],
      ar: ['النيابة العامة', 'رئاسة النيابة العامة', 'وكيل الملك', 'الوكيل العام للملك'],
      en: ['Public Prosecutor', 'Public Prosecution Office', "Prosecutor's office"],
    },
  },
  {
    id: 'org:ma-parliament',
    kind: 'agency',
    country: 'MA',
    names: {
      fr: ['Parlement', 'Chambre des représentants', 'Chambre des conseillers'],
      ar: ['البرلمان', 'مجلس النواب', 'مجلس المستشارين'],
      en: ['Parliament', 'House of Representatives', 'House of Councillors'],
    },
    capitalized: ['Parlement', 'Parliament'],
  },
  {
    id: 'org:eu-parliament',
    kind: 'agency',
    names: { fr: ['Parlement européen'], ar: ['البرلمان الأوروبي'], en: ['European Parliament'] },
  },
  {
    id: 'org:ma-ministry-interior',
    kind: 'ministry',
    country: 'MA',
    names: {
      fr: ["ministère de l'Intérieur", "ministre de l'Intérieur"],
      ar: ['وزارة الداخلية', 'وزير الداخلية'],
      en: ['Ministry of Interior', 'Interior Ministry', 'Ministry of the Interior'],
    },
  },
  {
    id: 'org:ma-ministry-education',
    kind: 'ministry',
    country: 'MA',
    names: {
      fr: [
        "ministère de l'Education nationale",
        "ministère de l'Éducation nationale, du Préscolaire et des Sports",
        "ministre de l'Education nationale",
      ],
      ar: ['وزارة التربية الوطنية', 'وزارة التربية الوطنية والتعليم الأولي والرياضة', 'وزير التربية الوطنية'],
      en: ['Ministry of National Education', 'Education Ministry'],
    },
  },
  {
    id: 'org:ma-ministry-digital',
    kind: 'ministry',
    country: 'MA',
    names: {
      fr: [
        'ministère de la Transition numérique et de la Réforme de l’administration',
        'ministère de la Transition numérique',
        'ministre de la Transition numérique',
        'ministre déléguée chargée de la Transition numérique',
      ],
      ar: [
        'وزارة الانتقال الرقمي وإصلاح الإدارة',
        'وزارة الانتقال الرقمي',
        'الوزيرة المنتدبة المكلفة بالانتقال الرقمي',
      ],
      en: ['Ministry of Digital Transition', 'Ministry of Digital Transition and Administrative Reform'],
    },
  },
  {
    id: 'org:ma-ministry-justice',
    kind: 'ministry',
    country: 'MA',
    names: {
      fr: ['ministère de la Justice', 'ministre de la Justice'],
      ar: ['وزارة العدل', 'وزير العدل'],
      en: ['Ministry of Justice', 'Justice Ministry'],
    },
  },
  {
    id: 'org:ma-ministry-health',
    kind: 'ministry',
    country: 'MA',
    names: {
      fr: ['ministère de la Santé', 'ministère de la Santé et de la Protection sociale', 'ministre de la Santé'],
      ar: ['وزارة الصحة', 'وزارة الصحة والحماية الاجتماعية', 'وزير الصحة'],
      en: ['Ministry of Health', 'Health Ministry'],
    },
  },
  {
    id: 'org:ma-ministry-foreign',
    kind: 'ministry',
    country: 'MA',
    names: {
      fr: ['ministère des Affaires étrangères'],
      ar: ['وزارة الشؤون الخارجية'],
      en: ['Ministry of Foreign Affairs'],
    },
  },
  {
    id: 'org:ma-ministry-industry',
    kind: 'ministry',
    country: 'MA',
    names: {
      fr: ["ministère de l'Industrie et du Commerce"],
      ar: ['وزارة الصناعة والتجارة'],
      en: ['Ministry of Industry and Trade'],
    },
  },
  {
    id: 'org:cnss',
    kind: 'agency',
    country: 'MA',
    names: {
      fr: ['Caisse nationale de sécurité sociale', 'CNSS'],
      ar: ['الصندوق الوطني للضمان الاجتماعي'],
      en: ['National Social Security Fund'],
    },
  },
  {
    id: 'org:map',
    kind: 'media',
    country: 'MA',
    names: {
      fr: ['Maghreb Arabe Presse', 'MAP'],
      // "(ومع)" is the agency's Arabic dateline tag; only the parenthesized form, "ومع" alone means "and with".
      ar: ['وكالة المغرب العربي للأنباء', '(ومع)'],
      en: ['Maghreb Arab Press'],
    },
    capitalized: ['MAP'],
  },
  {
    id: 'org:tlscontact',
    kind: 'company',
    names: {
      fr: ['TLScontact', 'TLS Contact', 'TLS Contact Maroc', 'TLScontact Maroc'],
      ar: ['تي إل إس كونطاكط', 'تي إل إس كونتاكت', 'تي ال اس كونتاكت', 'تيإلإس كونتاكت', 'تيإلإس كونطاكط'],
      en: ['TLScontact'],
    },
  },
  {
    id: 'org:bls-international',
    kind: 'company',
    names: { fr: ['BLS International', 'BLS Spain Visa'], ar: ['بي إل إس'], en: ['BLS International'] },
  },
  {
    id: 'org:vfs-global',
    kind: 'company',
    names: { fr: ['VFS Global', 'VFS'], ar: ['في إف إس غلوبال', 'في اف اس جلوبال'], en: ['VFS Global'] },
  },
  {
    id: 'org:meta',
    kind: 'company',
    names: { fr: ['Meta', 'Meta Platforms'], ar: ['ميتا'], en: ['Meta', 'Meta Platforms'] },
    capitalized: ['Meta'],
  },
  {
    id: 'org:facebook',
    kind: 'platform',
    names: { fr: ['Facebook'], ar: ['فيسبوك', 'فايسبوك', 'فيس بوك', 'الفيسبوك', 'الفايسبوك'], en: ['Facebook'] },
  },
  {
    id: 'org:whatsapp',
    kind: 'platform',
    names: { fr: ['WhatsApp'], ar: ['واتساب', 'واتس اب', 'الواتساب'], en: ['WhatsApp'] },
  },
  {
    id: 'org:instagram',
    kind: 'platform',
    names: { fr: ['Instagram'], ar: ['إنستغرام', 'انستغرام', 'إنستغرام', 'انستجرام', 'أنستغرام'], en: ['Instagram'] },
  },
  {
    id: 'org:tiktok',
    kind: 'platform',
    names: { fr: ['TikTok'], ar: ['تيك توك', 'تيكتوك'], en: ['TikTok'] },
  },
  {
    id: 'org:google',
    kind: 'company',
    names: { fr: ['Google'], ar: ['غوغل', 'جوجل', 'كوكل'], en: ['Google'] },
  },
  {
    id: 'org:microsoft',
    kind: 'company',
    names: { fr: ['Microsoft'], ar: ['مايكروسوفت'], en: ['Microsoft'] },
  },
  {
    id: 'org:x-twitter',
    kind: 'platform',
    names: { fr: ['Twitter'], ar: ['تويتر'], en: ['Twitter'] },
  },
  {
    id: 'org:maroc-telecom',
    kind: 'company',
    country: 'MA',
    names: {
      fr: ['Maroc Telecom', 'Itissalat Al-Maghrib', 'IAM'],
      ar: ['اتصالات المغرب'],
      en: ['Maroc Telecom'],
    },
    capitalized: ['IAM'],
  },
  {
    id: 'org:orange-maroc',
    kind: 'company',
    country: 'MA',
    names: {
      fr: ['Orange Maroc', 'Orange'],
      ar: ['أورنج', 'أورانج', 'اورنج المغرب'],
      en: ['Orange Morocco', 'Orange'],
    },
    capitalized: ['Orange'],
  },
  {
    id: 'org:inwi',
    kind: 'company',
    country: 'MA',
    names: { fr: ['inwi', 'Wana Corporate'], ar: ['إنوي', 'انوي'], en: ['inwi'] },
  },
  {
    id: 'org:glovo',
    kind: 'platform',
    names: { fr: ['Glovo'], ar: ['غلوفو', 'جلوفو'], en: ['Glovo'] },
  },
  {
    id: 'org:jumia',
    kind: 'platform',
    names: { fr: ['Jumia'], ar: ['جوميا'], en: ['Jumia'] },
  },
  {
    id: 'org:careem',
    kind: 'platform',
    // Not 'كريم': it is a common first name and adjective.
    names: { fr: ['Careem'], ar: ['كاريم'], en: ['Careem'] },
  },
  {
    id: 'org:cih-bank',
    kind: 'company',
    country: 'MA',
    names: {
      fr: ['CIH Bank', 'Crédit immobilier et hôtelier', 'CIH'],
      ar: ['القرض العقاري والسياحي'],
      en: ['CIH Bank'],
    },
  },
  {
    id: 'org:attijariwafa-bank',
    kind: 'company',
    country: 'MA',
    names: { fr: ['Attijariwafa bank', 'Attijariwafa'], ar: ['التجاري وفا بنك'], en: ['Attijariwafa bank'] },
  },
  {
    id: 'org:bank-of-africa',
    kind: 'company',
    country: 'MA',
    names: { fr: ['Bank of Africa', 'BMCE Bank'], ar: ['بنك أفريقيا'], en: ['Bank of Africa'] },
  },
  {
    id: 'org:banque-populaire',
    kind: 'company',
    country: 'MA',
    names: {
      fr: ['Banque Populaire', 'Groupe Banque Populaire', 'BCP'],
      ar: ['البنك الشعبي'],
      en: ['Banque Populaire'],
    },
  },
  {
    id: 'org:ram',
    kind: 'company',
    country: 'MA',
    names: { fr: ['Royal Air Maroc'], ar: ['الخطوط الملكية المغربية'], en: ['Royal Air Maroc'] },
  },
  {
    id: 'org:oncf',
    kind: 'company',
    country: 'MA',
    names: { fr: ['Office national des chemins de fer', 'ONCF'], ar: ['المكتب الوطني للسكك الحديدية'], en: ['ONCF'] },
  },
  {
    id: 'org:ocp',
    kind: 'company',
    country: 'MA',
    names: {
      fr: ['OCP', 'Office chérifien des phosphates', 'Groupe OCP'],
      ar: ['المكتب الشريف للفوسفاط'],
      en: ['OCP Group'],
    },
  },
  {
    id: 'org:poste-maroc',
    kind: 'company',
    country: 'MA',
    names: { fr: ['Barid Al-Maghrib', 'Poste Maroc'], ar: ['بريد المغرب'], en: ['Poste Maroc'] },
  },
  {
    id: 'org:nso-group',
    kind: 'company',
    names: { fr: ['NSO Group', 'NSO'], ar: ['إن إس أو'], en: ['NSO Group'] },
  },
  {
    id: 'org:fmdc',
    kind: 'association',
    country: 'MA',
    names: {
      fr: ['Fédération marocaine des droits du consommateur', 'FMDC'],
      ar: ['الجامعة المغربية لحقوق المستهلك'],
      en: ['Moroccan Federation of Consumer Rights'],
    },
  },
  {
    // Arabic says "الجامعة" (federation) for the national sports federations; the id is the one the
    // acronym rule gives "FRMF" in Latin text, so both meet.
    id: 'org:x-frmf',
    kind: 'association',
    country: 'MA',
    names: {
      fr: ['Fédération royale marocaine de football', 'FRMF'],
      ar: ['الجامعة الملكية المغربية لكرة القدم'],
      en: ['Royal Moroccan Football Federation'],
    },
  },
  {
    id: 'org:omdc',
    kind: 'association',
    country: 'MA',
    names: {
      fr: [
        'Observatoire marocain de protection du consommateur',
        'Observatoire marocain de la protection du consommateur',
      ],
      ar: ['المرصد المغربي لحماية المستهلك'],
      en: ['Moroccan Consumer Protection Observatory'],
    },
  },
  {
    id: 'org:amdh',
    kind: 'association',
    country: 'MA',
    names: {
      fr: ['Association marocaine des droits humains', 'AMDH'],
      ar: ['الجمعية المغربية لحقوق الإنسان'],
      en: ['Moroccan Association for Human Rights'],
    },
  },
  {
    id: 'org:cndh',
    kind: 'agency',
    country: 'MA',
    names: {
      fr: ["Conseil national des droits de l'Homme", 'CNDH'],
      ar: ['المجلس الوطني لحقوق الإنسان'],
      en: ['National Human Rights Council'],
    },
  },
  {
    id: 'org:court-cassation',
    kind: 'court',
    country: 'MA',
    names: { fr: ['Cour de cassation'], ar: ['محكمة النقض'], en: ['Court of Cassation'] },
  },
  {
    id: 'org:tribunal-premiere-instance-rabat',
    kind: 'court',
    country: 'MA',
    names: {
      fr: ['tribunal de première instance de Rabat'],
      ar: ['المحكمة الابتدائية بالرباط'],
      en: ['Rabat Court of First Instance'],
    },
  },
  {
    id: 'org:cour-des-comptes',
    kind: 'court',
    country: 'MA',
    names: { fr: ['Cour des comptes'], ar: ['المجلس الأعلى للحسابات'], en: ['Court of Audit'] },
  },
  {
    id: 'org:gendarmerie-royale',
    kind: 'agency',
    country: 'MA',
    names: { fr: ['Gendarmerie royale'], ar: ['الدرك الملكي'], en: ['Royal Gendarmerie'] },
  },
  {
    id: 'org:dgi',
    kind: 'agency',
    country: 'MA',
    names: {
      fr: ['Direction générale des impôts', 'DGI'],
      ar: ['المديرية العامة للضرائب'],
      en: ['General Tax Directorate'],
    },
  },
  {
    id: 'org:add',
    kind: 'agency',
    country: 'MA',
    names: {
      fr: ['Agence de développement du digital'],
      ar: ['وكالة التنمية الرقمية'],
      en: ['Digital Development Agency'],
    },
  },
  {
    id: 'org:cnops',
    kind: 'agency',
    country: 'MA',
    names: {
      fr: ['CNOPS', 'Caisse nationale des organismes de prévoyance sociale'],
      ar: ['الصندوق الوطني لمنظمات الاحتياط الاجتماعي'],
      en: ['CNOPS'],
    },
  },
  {
    id: 'org:ma-ministry-economy',
    kind: 'ministry',
    country: 'MA',
    names: {
      fr: ["ministère de l'Economie et des Finances", "ministre de l'Economie et des Finances"],
      ar: ['وزارة الاقتصاد والمالية'],
      en: ['Ministry of Economy and Finance'],
    },
  },
  {
    id: 'org:eu',
    kind: 'agency',
    names: {
      fr: ['Union européenne', 'Commission européenne'],
      ar: ['الاتحاد الأوروبي', 'المفوضية الأوروبية'],
      en: ['European Union', 'European Commission'],
    },
  },
  {
    id: 'org:apple',
    kind: 'company',
    names: { fr: ['Apple'], ar: ['آبل'], en: ['Apple'] },
    capitalized: ['Apple'],
  },
  {
    id: 'org:amazon',
    kind: 'company',
    names: { fr: ['Amazon'], ar: ['أمازون'], en: ['Amazon'] },
  },
  {
    id: 'org:openai',
    kind: 'company',
    names: { fr: ['OpenAI', 'ChatGPT'], ar: ['أوبن إيه آي', 'تشات جي بي تي'], en: ['OpenAI', 'ChatGPT'] },
  },
  {
    id: 'org:telegram',
    kind: 'platform',
    names: { fr: ['Telegram'], ar: ['تيليغرام', 'تلغرام'], en: ['Telegram'] },
  },
  {
    id: 'org:youtube',
    kind: 'platform',
    names: { fr: ['YouTube'], ar: ['يوتيوب'], en: ['YouTube'] },
  },
  {
    id: 'org:snapchat',
    kind: 'platform',
    names: { fr: ['Snapchat'], ar: ['سناب شات'], en: ['Snapchat'] },
  },
  {
    id: 'org:uber',
    kind: 'platform',
    names: { fr: ['Uber'], ar: ['أوبر'], en: ['Uber'] },
  },
  {
    id: 'org:avito',
    kind: 'platform',
    names: { fr: ['Avito', 'Avito.ma'], ar: ['أفيتو'], en: ['Avito'] },
  },
  {
    id: 'org:marjane',
    kind: 'company',
    country: 'MA',
    // Not 'مرجان' (coral, a first name).
    names: { fr: ['Marjane'], ar: [], en: ['Marjane'] },
  },
  {
    id: 'org:wafasalaf',
    kind: 'company',
    country: 'MA',
    names: { fr: ['Wafasalaf'], ar: ['وفا سلف'], en: ['Wafasalaf'] },
  },
  {
    id: 'org:cdg',
    kind: 'agency',
    country: 'MA',
    names: { fr: ['Caisse de dépôt et de gestion', 'CDG'], ar: ['صندوق الإيداع والتدبير'], en: ['CDG'] },
  },
];

export interface KnownPerson {
  id: string;
  names: string[];
  /** Surnames that, alone after a title ("M. Seghrouchni"), point to this person. */
  surnames: string[];
}

export const PERSONS: readonly KnownPerson[] = [
  {
    id: 'person:omar-seghrouchni',
    names: ['Omar Seghrouchni', 'Omar Sghrouchni', 'عمر السغروشني', 'عمر الصغروشني'],
    surnames: ['Seghrouchni', 'السغروشني', 'الصغروشني'],
  },
  {
    id: 'person:said-ihrai',
    names: ['Said Ihrai', 'Saïd Ihraï', 'سعيد إهراي', 'سعيد اهراي'],
    surnames: ['Ihrai', 'Ihraï', 'إهراي'],
  },
  {
    id: 'person:abdelouafi-laftit',
    names: ['Abdelouafi Laftit', 'عبد الوافي لفتيت'],
    surnames: ['Laftit', 'لفتيت'],
  },
  {
    id: 'person:chakib-benmoussa',
    names: ['Chakib Benmoussa', 'شكيب بنموسى'],
    surnames: ['Benmoussa', 'بنموسى'],
  },
  {
    id: 'person:ghita-mezzour',
    names: ['Ghita Mezzour', 'غيثة مزور'],
    // Not 'مزور' alone: it also means "forged".
    surnames: ['Mezzour'],
  },
  {
    id: 'person:amal-el-fallah-seghrouchni',
    names: ['Amal El Fallah Seghrouchni', 'Amal El Fallah-Seghrouchni', 'أمل الفلاح السغروشني'],
    surnames: [],
  },
  {
    id: 'person:abdellatif-ouahbi',
    names: ['Abdellatif Ouahbi', 'عبد اللطيف وهبي'],
    surnames: ['Ouahbi', 'وهبي'],
  },
];
