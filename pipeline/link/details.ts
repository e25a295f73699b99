// Details of a story that survive translation: the city it happened in, the compound proper names
// of the places and institutions involved, and the figures it reports (how many people, records,
// dirhams). French, Arabic and English coverage of one matter share almost no words, and entity
// extraction may miss an institution altogether, but "Tanger" is "طنجة", "Ibn Battouta" is
// "ابن بطوطة" and "9.000 étudiants" is "9 آلاف طالب". Each is weak alone — many matters happen in
// Casablanca, many reports count a thousand of something — so the linker adds them to other
// evidence and lets time discount them like everything else.
//
// Every pattern runs on `normalizeForMatch` output (lowercase, no accents, unified Arabic letters,
// ASCII digits).
import { consonantSkeleton, MOROCCAN_CITIES } from '../entities/index.ts';
import { normalizeForMatch } from '../normalize.ts';

// Arabic words take proclitics (و ف ب ل ك) and the article; Latin ones take word boundaries.
const AR_PREFIX = '(?<![\\p{L}\\p{N}])(?:[وفبلك]{0,2}(?:ال)?)';
const AR_END = '(?![\\p{L}\\p{N}])';
const LAT = (s: string) => `(?<![\\p{L}\\p{N}])(?:${s})(?![\\p{L}\\p{N}])`;

const CITY_PATTERNS = Object.entries(MOROCCAN_CITIES).map(([key, { latin, arabic }]) => ({
  key,
  re: new RegExp(arabic ? `${LAT(latin)}|${AR_PREFIX}(?:${arabic})${AR_END}` : LAT(latin), 'u'),
}));

/** Keys of the Moroccan cities a text names. */
export function placesOf(text: string): string[] {
  return placesIn(normalizeForMatch(text));
}

function placesIn(normalized: string): string[] {
  return CITY_PATTERNS.filter((p) => p.re.test(normalized)).map((p) => p.key);
}

// Moroccan names of institutions and places are often a particle and a name: Ibn Battouta, Ibn
// Rochd, Moulay Ismail, Sidi Bernoussi, Ait Melloul, Beni Mellal, Abou Bakr. The pair is distinctive
// and transliterates predictably, so its consonant skeleton meets across scripts without a
// gazetteer (Arabic has no capitals to tell a name from a word; the particle does). Particles that
// are also common Arabic words (عين "eye, appointed", دار "house", باب "door, chapter") are left out.
const PARTICLE_LATIN = 'ibn|ben|bni|beni|sidi|moulay|ait|abou|abu|oulad|ouled';
const PARTICLE_ARABIC = 'ابن|بن|بني|سيدي|مولاي|ايت|ابو|اولاد';
const NAME_LATIN = new RegExp(`(?<![\\p{L}])((?:${PARTICLE_LATIN})[ -][a-z]{3,})`, 'gu');
const NAME_ARABIC = new RegExp(`(?<![\\p{L}])[وفبلك]{0,2}((?:${PARTICLE_ARABIC}) [\\u0621-\\u064a]{3,})`, 'gu');
/** Shorter skeletons (particle included) are too common to tell anything. */
const MIN_NAME_SKELETON = 4;

/** Consonant skeletons of particle-led compound names ("ibn battouta" and "ابن بطوطه" → bnbt). */
export function compoundNamesOf(text: string): string[] {
  return compoundNamesIn(normalizeForMatch(text));
}

function compoundNamesIn(normalized: string): string[] {
  const out = new Set<string>();
  for (const re of [NAME_LATIN, NAME_ARABIC]) {
    for (const m of normalized.matchAll(re)) {
      const key = consonantSkeleton(m[1] ?? '');
      if (key.length >= MIN_NAME_SKELETON) out.add(key);
    }
  }
  return [...out];
}

// A figure: digits (thousands grouped by space, dot or comma; or a decimal) and an optional
// multiplier word. Written next to a hyphen or slash it is a law, decree or date number, not a count.
const FIGURE =
  /(?<![\p{L}\d\-/.,])(\d{1,3}(?:[ .,\u00a0\u202f]\d{3})+|\d+(?:[.,]\d{1,2})?)(?![\d\-/]|[.,]\d)\s*(الاف|الف|الفا|مليون|ملايين|مليار|ملايير|milliers|mille|millions?|milliards?|thousands?|millions?|billions?|mdh|mmdh)?(?![\p{L}])/gu;
const MULTIPLIER: Record<string, number> = {
  الاف: 1e3,
  الف: 1e3,
  الفا: 1e3,
  mille: 1e3,
  milliers: 1e3,
  thousand: 1e3,
  thousands: 1e3,
  مليون: 1e6,
  ملايين: 1e6,
  million: 1e6,
  millions: 1e6,
  mdh: 1e6,
  مليار: 1e9,
  ملايير: 1e9,
  milliard: 1e9,
  milliards: 1e9,
  billion: 1e9,
  billions: 1e9,
  mmdh: 1e9,
};

/**
 * Figures of at least 100 that are not years, as plain integers ("9.000", "9 000", "9,000",
 * "9 آلاف" and "٩ آلاف" are all 9000). Small numbers (days, articles, counts of people in a room)
 * and years repeat across unrelated stories.
 */
export function figuresOf(text: string): number[] {
  return figuresIn(normalizeForMatch(text));
}

function figuresIn(normalized: string): number[] {
  const out = new Set<number>();
  for (const m of normalized.matchAll(FIGURE)) {
    const digits = m[1] ?? '';
    const grouped = /^\d{1,3}(?:[ .,\u00a0\u202f]\d{3})+$/.test(digits);
    const base = grouped ? Number(digits.replace(/\D/g, '')) : Number(digits.replace(',', '.'));
    const word = m[2];
    if (!word && !grouped && /^(19|20)\d\d$/.test(digits)) continue;
    const value = Math.round(base * (word ? (MULTIPLIER[word] ?? 1) : 1));
    if (Number.isFinite(value) && value >= 100) out.add(value);
  }
  return [...out];
}

/**
 * How much a shared figure tells: 9,350 is a fingerprint, 9,000 a rounded count, 1,000 or 100 a
 * figure of speech as often as a count.
 */
export function figureSpecificity(value: number): number {
  const significant = String(value).replace(/0+$/, '');
  if (significant === '1') return 0.25;
  return significant.length >= 2 ? 1 : 0.6;
}

export interface StoryDetails {
  places: string[];
  names: string[];
  figures: number[];
}

/** All three details of a text, normalizing it once. */
export function storyDetails(text: string, cap: number): StoryDetails {
  const normalized = normalizeForMatch(text);
  return {
    places: placesIn(normalized),
    names: compoundNamesIn(normalized).slice(0, cap),
    figures: figuresIn(normalized).slice(0, cap),
  };
}
