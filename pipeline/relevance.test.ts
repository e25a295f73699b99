import { describe, expect, it } from 'vitest';
import { type RelevanceInput, scoreRelevance } from './relevance.ts';

function press(title: string | null, text: string, language: RelevanceInput['language'] = 'fr'): RelevanceInput {
  return { title, text, language, sourceKind: 'press' };
}

describe('scoreRelevance: Moroccan data-protection enforcement', () => {
  it('finds a French report of a CNDP hearing relevant, with the evidence named', () => {
    const r = scoreRelevance(
      press(
        'La CNDP convoque un prestataire de visas',
        "Réunie à Rabat, la CNDP (Commission nationale de contrôle de la protection des données personnelles) a entendu mardi les dirigeants d'un centre de visas. Selon l'instance, l'envoi de photos de demandeurs vers l'étranger sans déclaration constitue une infraction à la loi n° 09-08. Une mise en demeure a été adressée à la société.",
      ),
    );
    expect(r.relevant).toBe(true);
    expect(r.score).toBeGreaterThan(0.8);
    expect(r.signals).toEqual(expect.arrayContaining(['regulator:name', 'regulator:cndp', 'law:09-08', 'title']));
  });

  it('finds an Arabic report relevant, law written 08-09', () => {
    const r = scoreRelevance(
      press(
        'لجنة حماية المعطيات تستمع إلى شركة اتصالات',
        'استمعت اللجنة الوطنية لمراقبة حماية المعطيات ذات الطابع الشخصي إلى مسؤولي شركة اتصالات بعد شكايات من زبناء، وذكرت بمقتضيات القانون رقم 08-09 المتعلق بحماية الأشخاص الذاتيين.',
        'ar',
      ),
    );
    expect(r.relevant).toBe(true);
    expect(r.signals).toEqual(expect.arrayContaining(['regulator:name', 'law:09-08']));
  });

  it('finds an English report relevant', () => {
    const r = scoreRelevance(
      press(
        "Morocco's data regulator warns app makers",
        "Morocco's CNDP said on Monday it had received complaints about mobile apps collecting personal data without consent and would open inspections.",
        'en',
      ),
    );
    expect(r.relevant).toBe(true);
  });

  it('finds a Moroccan data leak relevant without the regulator being named', () => {
    const r = scoreRelevance(
      press(
        'Fuite de données dans une clinique de Casablanca',
        'Des dossiers médicaux de patients ont été publiés en ligne après un piratage. Ces données personnelles comprennent des noms et des numéros de carte nationale; les patients envisagent de porter plainte.',
      ),
    );
    expect(r.relevant).toBe(true);
    expect(r.signals).toContain('country:morocco');
  });

  it('keeps an Arabic consumer warning citing the regulator relevant', () => {
    const r = scoreRelevance(
      press(
        null,
        'نبهت جمعية لحماية المستهلك إلى أن تسجيل المكالمات دون موافقة الزبناء يمس بالحياة الخاصة، ودعت إلى إشراك هيئة CNDP، أي اللجنة الوطنية لمراقبة حماية المعطيات ذات الطابع الشخصي، في كل مراقبة.',
        'ar',
      ),
    );
    expect(r.relevant).toBe(true);
  });
});

describe('scoreRelevance: acronym collisions and other countries', () => {
  it('rejects an "Autorité de protection des données" (APDP) of another country named alone', () => {
    const r = scoreRelevance(
      press(
        "Données personnelles : l'APDP reçoit des plaintes après une campagne d'identification",
        "L'Autorité de protection des données à caractère personnel (APDP) indique avoir reçu plusieurs plaintes liées à l'enrôlement des abonnés au téléphone. Elle rappelle aux opérateurs leurs obligations de sécurité et invite les citoyens à signaler toute violation de leurs données.",
      ),
    );
    expect(r.relevant).toBe(false);
    expect(r.signals).toContain('foreign:dpa');
  });

  it('keeps a convention the CNDP signs with a foreign APDP', () => {
    const r = scoreRelevance(
      press(
        "La CNDP et l'APDP signent une convention",
        "La Commission nationale de contrôle de la protection des données à caractère personnel (CNDP) et l'Autorité de protection des données à caractère personnel (APDP) ont signé une convention de coopération à Marrakech.",
      ),
    );
    expect(r.relevant).toBe(true);
  });

  it("rejects France's CNDP (Commission nationale du débat public)", () => {
    const r = scoreRelevance(
      press(
        'Parc éolien en mer: la CNDP ouvre le débat public',
        "La CNDP a désigné deux garants pour la concertation préalable sur le projet de parc éolien au large de la Bretagne. Le maître d'ouvrage présentera le dossier lors de réunions publiques.",
      ),
    );
    expect(r.relevant).toBe(false);
    expect(r.score).toBeLessThan(0.2);
    expect(r.signals).toContain('collision:cndp-debat-public');
  });

  it("rejects France's CNDP named in full, even in a story that mentions Moroccan travellers", () => {
    const r = scoreRelevance(
      press(
        'France : la CNDP lance un débat public sur une liaison routière',
        "La Commission nationale du débat public (CNDP) ouvre une consultation de trois mois sur la nouvelle route vers le port de Sète, d'où partent les ferries vers le Maroc. Les Marocains résidant en Europe empruntent cet axe chaque été.",
      ),
    );
    expect(r.relevant).toBe(false);
    expect(r.signals).toContain('collision:cndp-debat-public');
  });

  it("rejects France's CNDP even with a personal-data footer, but keeps Morocco's CNDP opening a public debate", () => {
    const french = scoreRelevance(
      press(
        'Ligne à grande vitesse: le bilan de la CNDP',
        "Le débat public mené par la CNDP sur la ligne à grande vitesse s'achève après douze réunions publiques. Vos données personnelles sont traitées conformément à notre politique de confidentialité.",
      ),
    );
    expect(french.relevant).toBe(false);
    expect(french.signals).toContain('collision:cndp-debat-public');
    const moroccan = scoreRelevance(
      press(
        null,
        'Au Maroc, la CNDP ouvre un débat public sur la reconnaissance faciale dans les gares et promet des réunions publiques avant toute autorisation.',
      ),
    );
    expect(moroccan.relevant).toBe(true);
    expect(moroccan.signals).toContain('regulator:cndp');
  });

  it("rejects Tunisia's INPDP", () => {
    const r = scoreRelevance(
      press(
        "L'INPDP sanctionne un opérateur",
        "L'Instance nationale de protection des données personnelles a infligé une sanction à un opérateur tunisien après des plaintes d'abonnés sur l'usage de leurs données personnelles à Tunis.",
      ),
    );
    expect(r.relevant).toBe(false);
    expect(r.signals).toContain('foreign:inpdp');
  });

  it("rejects Algeria's authority written in Arabic", () => {
    const r = scoreRelevance(
      press(
        null,
        'فرضت السلطة الوطنية لحماية المعطيات ذات الطابع الشخصي في الجزائر غرامة على شركة بسبب تسريب معطيات شخصية لزبائنها.',
        'ar',
      ),
    );
    expect(r.relevant).toBe(false);
  });

  it('rejects CNIL and Senegal CDP stories', () => {
    const cnil = scoreRelevance(
      press(
        'Amende record de la CNIL',
        "La CNIL a prononcé une amende contre une plateforme de livraison pour manquements au RGPD: consentement absent, données personnelles conservées trop longtemps, plaintes d'utilisateurs.",
      ),
    );
    expect(cnil.relevant).toBe(false);
    const cdp = scoreRelevance(
      press(
        null,
        'Au Sénégal, la Commission de protection des données personnelles a ouvert une enquête sur des caméras de surveillance installées à Dakar sans autorisation.',
      ),
    );
    expect(cdp.relevant).toBe(false);
  });

  it('keeps a comparison that involves the Moroccan CNDP', () => {
    const r = scoreRelevance(
      press(
        null,
        "À l'image de l'INPDP tunisienne, la CNDP marocaine reçoit de plus en plus de plaintes sur les données personnelles collectées par les centres d'appel.",
      ),
    );
    expect(r.relevant).toBe(true);
  });

  it('rejects unrelated Moroccan news', () => {
    const r = scoreRelevance(
      press(
        'Le Raja remporte le derby',
        'Le Raja de Casablanca a battu le Wydad deux buts à un au complexe Mohammed V samedi soir.',
      ),
    );
    expect(r.relevant).toBe(false);
    expect(r.score).toBeLessThanOrEqual(0.1);
  });
});

describe('scoreRelevance: regulator pages', () => {
  it('treats a terse regulator communiqué as relevant by default', () => {
    const r = scoreRelevance({
      title: 'Communiqué',
      text: 'La Commission informe le public de la tenue de sa session plénière et de la publication de ses décisions.',
      language: 'fr',
      sourceKind: 'regulator',
    });
    expect(r.relevant).toBe(true);
    expect(r.signals).toContain('source:regulator');
  });

  it('rejects a regulator tender notice', () => {
    const r = scoreRelevance({
      title: "Appel d'offres ouvert n° 3/2024",
      text: "La Commission lance un appel d'offres pour l'achat de mobilier de bureau. Les plis seront ouverts en séance publique.",
      language: 'fr',
      sourceKind: 'regulator',
    });
    expect(r.relevant).toBe(false);
    expect(r.signals).toContain('notice');
  });
});

describe('scoreRelevance: privacy offences judged by courts', () => {
  it('finds a French conviction under article 447-2 relevant without the regulator', () => {
    const r = scoreRelevance(
      press(
        'Agadir : prison ferme pour un voisin indiscret',
        "Le tribunal de première instance d'Agadir a condamné un quadragénaire à six mois de prison ferme pour avoir filmé sa voisine à son insu et diffusé la vidéo, en application de l'article 447-2 du Code pénal.",
      ),
    );
    expect(r.relevant).toBe(true);
    expect(r.signals).toContain('court:privacy-offence');
  });

  it('finds an Arabic conviction for spreading private images relevant', () => {
    const r = scoreRelevance(
      press(
        'حبس موظف نشر صورا حميمية لزميلته',
        'أدانت المحكمة الابتدائية بفاس موظفا بستة أشهر حبسا نافذا بعد متابعته من أجل نشر صور ذات طابع خاص لزميلته دون إذنها.',
        'ar',
      ),
    );
    expect(r.relevant).toBe(true);
  });

  it('does not count the offence without a conviction or prosecution (a parliamentary question)', () => {
    const r = scoreRelevance(
      press(
        'Une députée interroge le ministre sur les images intimes',
        "Une députée a demandé au ministre de la Justice combien de plaintes visant la diffusion d'images intimes ont été déposées depuis l'entrée en vigueur de l'article 447-1 du Code pénal.",
      ),
    );
    expect(r.signals).not.toContain('court:privacy-offence');
    expect(r.relevant).toBe(false);
  });
});

describe('scoreRelevance: collisions with other bodies and people', () => {
  it('does not take the digital-transition minister for the CNDP president', () => {
    const r = scoreRelevance(
      press(
        null,
        'وجه نائب سؤالا إلى أمل الفلاح السغروشني، الوزيرة المكلفة بالانتقال الرقمي، حول جودة الأنترنت في القرى المغربية وحول غرامة سابقة على أحد الفاعلين.',
        'ar',
      ),
    );
    expect(r.signals).not.toContain('regulator:president');
    expect(r.relevant).toBe(false);
  });

  it("keeps out a foreign authority's story that names the CNDP once in comparison", () => {
    const r = scoreRelevance(
      press(
        "L'INPDP sanctionne des cliniques tunisiennes",
        "L'Instance nationale de protection des données personnelles (INPDP) a adressé des mises en demeure à trois cliniques de Sfax après des plaintes de patients. Comme la CNDP au Maroc, l'instance tunisienne ne peut pas infliger d'amende.",
      ),
    );
    expect(r.signals).toContain('comparison:cndp');
    expect(r.relevant).toBe(false);
  });

  it('reads "fuite des données" as the topic, which makes a bare CNDP acronym ours', () => {
    const r = scoreRelevance(
      press('Fuite des données des candidats', 'Le ministre a indiqué que ses services travaillent avec la CNDP.'),
    );
    expect(r.signals).toContain('regulator:cndp');
    expect(r.relevant).toBe(true);
  });

  it('reads a bare CNDP acronym next to enforcement words as ours, when nothing speaks of public debate', () => {
    const r = scoreRelevance(
      press(
        'Caméras au guichet : la CNDP freine une agence de voyage',
        "La CNDP a demandé l'arrêt des caméras du comptoir.",
      ),
    );
    expect(r.signals).toContain('regulator:cndp');
    expect(r.relevant).toBe(true);
    const debate = scoreRelevance(
      press('Éolien en mer', 'La CNDP organise des réunions publiques sur le parc éolien ; une plainte a été déposée.'),
    );
    expect(debate.relevant).toBe(false);
  });

  it('knows the short names the press gives the regulator, unless a foreign authority is in the story', () => {
    const ar = scoreRelevance(press(null, 'لجنة المعطيات تطلب من متجر إلكتروني حذف أرقام هواتف زبنائه.', 'ar'));
    expect(ar.signals).toContain('regulator:name');
    expect(ar.relevant).toBe(true);
    const en = scoreRelevance(
      press(null, "Morocco's data protection commission and a Canadian body signed a memorandum on Friday.", 'en'),
    );
    expect(en.signals).toContain('regulator:name');
    const senegal = scoreRelevance(press(null, 'لجنة المعطيات بالسنغال تنذر شركة اتصالات.', 'ar'));
    expect(senegal.signals).not.toContain('regulator:name');
  });

  it('keeps a joint action led by the CNDP in its headline, however many foreign peers the text names', () => {
    const r = scoreRelevance(
      press(
        'La CNDP et ses homologues africains écrivent aux réseaux sociaux',
        "L'APDP du Mali, la CDP du Sénégal et l'INPDP tunisienne cosignent avec la CNDP une lettre sur les données personnelles des mineurs.",
      ),
    );
    expect(r.signals).not.toContain('comparison:cndp');
    expect(r.relevant).toBe(true);
  });

  it('reads documents "exposed online" as a leak', () => {
    const r = scoreRelevance(
      press(null, 'Scans of guest passports were left exposed online by a hotel group in Marrakech.', 'en'),
    );
    expect(r.signals).toContain('enforcement:fuite');
  });
});
