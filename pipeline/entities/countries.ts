// Countries as the press names them around an authority: "l'APDP du Bénin", "l'Autorité malienne",
// "هيئة حماية البيانات التركية", "Kenya's data commissioner". Used to tell apart authorities that share
// a name or an acronym, and to read "the <nationality> data-protection authority" as that country's.
// Written in normalized form (normalize.ts: lowercase, no accents, ة → ه, ى → ي, أ/إ → ا).

interface CountryNames {
  /** Country names, French and English (after "du", "de la", "of", "in"). */
  latin: string[];
  /** Adjectives, French (both genders) and English. */
  adjectives: string[];
  /** Arabic: the country name (after "ب", "في") and the feminine/masculine nisba. */
  ar: string[];
}

export const COUNTRIES: Readonly<Record<string, CountryNames>> = {
  MA: {
    latin: ['maroc', 'morocco'],
    adjectives: ['marocaine', 'marocain', 'moroccan'],
    ar: ['المغرب', 'المغربيه', 'المغربي'],
  },
  TN: {
    latin: ['tunisie', 'tunisia'],
    adjectives: ['tunisienne', 'tunisien', 'tunisian'],
    ar: ['تونس', 'التونسيه', 'التونسي'],
  },
  DZ: {
    latin: ['algerie', 'algeria'],
    adjectives: ['algerienne', 'algerien', 'algerian'],
    ar: ['الجزاير', 'الجزايريه', 'الجزايري'],
  },
  SN: {
    latin: ['senegal'],
    adjectives: ['senegalaise', 'senegalais', 'senegalese'],
    ar: ['السنغال', 'السنغاليه', 'السنغالي'],
  },
  ML: { latin: ['mali'], adjectives: ['malienne', 'malien', 'malian'], ar: ['بمالي', 'في مالي'] },
  BJ: { latin: ['benin'], adjectives: ['beninoise', 'beninois', 'beninese'], ar: ['البنين', 'البنينيه', 'البنيني'] },
  TR: {
    latin: ['turquie', 'turkey', 'turkiye'],
    adjectives: ['turque', 'turc', 'turkish'],
    ar: ['تركيا', 'التركيه', 'التركي'],
  },
  KE: { latin: ['kenya'], adjectives: ['kenyane', 'kenyan'], ar: ['كينيا', 'الكينيه', 'الكيني'] },
  NG: { latin: ['nigeria'], adjectives: ['nigeriane', 'nigerian'], ar: ['نيجيريا', 'النيجيريه', 'النيجيري'] },
  CI: {
    latin: ["cote d'ivoire", 'ivory coast'],
    adjectives: ['ivoirienne', 'ivoirien', 'ivorian'],
    ar: ['كوت ديفوار', 'الايفواريه'],
  },
  BF: { latin: ['burkina faso', 'burkina'], adjectives: ['burkinabe'], ar: ['بوركينا فاسو'] },
  GA: { latin: ['gabon'], adjectives: ['gabonaise', 'gabonais', 'gabonese'], ar: ['الغابون', 'الغابونيه'] },
  ES: {
    latin: ['espagne', 'spain'],
    adjectives: ['espagnole', 'espagnol', 'spanish'],
    ar: ['اسبانيا', 'الاسبانيه', 'الاسباني'],
  },
  GB: {
    latin: ['royaume-uni', 'royaume uni', 'united kingdom', 'uk'],
    adjectives: ['britannique', 'british'],
    ar: ['بريطانيا', 'المملكه المتحده', 'البريطانيه', 'البريطاني'],
  },
  IT: {
    latin: ['italie', 'italy'],
    adjectives: ['italienne', 'italien', 'italian'],
    ar: ['ايطاليا', 'الايطاليه', 'الايطالي'],
  },
  IE: {
    latin: ['irlande', 'ireland'],
    adjectives: ['irlandaise', 'irlandais', 'irish'],
    ar: ['ايرلندا', 'الايرلنديه', 'الايرلندي'],
  },
  GH: { latin: ['ghana'], adjectives: ['ghaneenne', 'ghaneen', 'ghanaian'], ar: ['غانا', 'الغانيه'] },
  EG: {
    latin: ['egypte', 'egypt'],
    adjectives: ['egyptienne', 'egyptien', 'egyptian'],
    ar: ['مصر', 'المصريه', 'المصري'],
  },
  FR: { latin: ['france'], adjectives: ['francaise', 'francais', 'french'], ar: ['فرنسا', 'الفرنسيه', 'الفرنسي'] },
  BE: { latin: ['belgique', 'belgium'], adjectives: ['belge', 'belgian'], ar: ['بلجيكا', 'البلجيكيه'] },
  LU: { latin: ['luxembourg'], adjectives: ['luxembourgeoise', 'luxembourgeois'], ar: ['لوكسمبورغ'] },
  PT: { latin: ['portugal'], adjectives: ['portugaise', 'portugais', 'portuguese'], ar: ['البرتغال', 'البرتغاليه'] },
  DE: {
    latin: ['allemagne', 'germany'],
    adjectives: ['allemande', 'allemand', 'german'],
    ar: ['المانيا', 'الالمانيه', 'الالماني'],
  },
  CA: {
    latin: ['canada', 'quebec'],
    adjectives: ['canadienne', 'canadien', 'canadian', 'quebecoise'],
    ar: ['كندا', 'الكنديه', 'كيبيك'],
  },
  AU: {
    latin: ['australie', 'australia'],
    adjectives: ['australienne', 'australien', 'australian'],
    ar: ['استراليا', 'الاستراليه'],
  },
  SA: {
    latin: ['arabie saoudite', 'saudi arabia'],
    adjectives: ['saoudienne', 'saoudien', 'saudi'],
    ar: ['السعوديه', 'السعودي'],
  },
};

const ALL: Array<[string, string]> = Object.entries(COUNTRIES).flatMap(([cc, n]) =>
  [...n.latin, ...n.adjectives, ...n.ar].map((w): [string, string] => [w, cc]),
);
const BY_WORD = new Map(ALL);
// Longest first so "royaume-uni" is read before "uni" could be; an Arabic name with its article may
// carry "ب" or "ل" glued ("بالبنين"). "مالي" is also "financial" and only counts after "ب" or "في".
const CUE = new RegExp(
  `(?<![\\p{L}])(?:[بل](?=ال))?(${ALL.map(([w]) => w)
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|')})(?![\\p{L}])`,
  'gu',
);

/** Country codes named in a piece of normalized text, in order of appearance. */
export function countriesIn(normalized: string): string[] {
  const out: string[] = [];
  CUE.lastIndex = 0;
  for (let m = CUE.exec(normalized); m !== null; m = CUE.exec(normalized)) {
    const cc = BY_WORD.get(m[1] ?? '');
    if (cc) out.push(cc);
  }
  return out;
}
