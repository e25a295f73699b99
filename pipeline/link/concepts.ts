// The concepts of the field a text speaks of, as thesaurus ids: "moissonnage de données",
// "الكشط" and "data scraping" are one id. French and Arabic reports of one matter share almost no
// words but most of their concepts, so concept ids are the words linking compares across languages.
import { normalizeForMatch } from '../normalize.ts';
import { CONCEPTS, createPhraseMatcher, type Token } from '../thesaurus/index.ts';

// Function words of the three languages, dropped on both sides so "mise en demeure" meets "mise
// demeure" and "حماية المعطيات" meets "حماية هذه المعطيات" only through the words that carry meaning.
const STOP = new Set(
  (
    'de du des la le les l d un une et ou a au aux en pour par sur dans avec sans que qui ce cette ces son sa ses ' +
    'the of and or to in on for by with a an at from as is are be this that its their ' +
    'في من على الى إلى عن مع او أو و ثم هذا هذه ذلك تلك التي الذي الذين ان أن'
  ).split(/\s+/),
);

/** A word's matching key: accents and Arabic letter variants folded, proclitics and plurals trimmed. */
function wordKey(word: string): string {
  if (/^[\u0600-\u06ff]/.test(word)) {
    const bare = word.replace(/^(?:وال|بال|فال|كال|لل|ال)/, '');
    return bare.length >= 3 ? bare.replace(/(?:ات|ين|ون)$/, '') : word;
  }
  return word.length > 3 ? word.replace(/(?:s|x)$/, '') : word;
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const word of normalizeForMatch(text).match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (STOP.has(word)) continue;
    out.push({ text: word, key: wordKey(word) });
  }
  return out;
}

// Concepts every report of the field names — the authority, personal data, the law, processing,
// a company, a communiqué — and the calendar tell no matter from another: they are not compared.
// What stays is what a matter is about (scraping, a passenger list, a convention, a city...). The
// linker also drops, per time window, concepts that turn out common in the archive itself.
const FIELD_WIDE = new Set([
  'data_protection_authority',
  'data_protection_authorities',
  'commission',
  'president',
  'members',
  'secretary_general',
  'personal_data',
  'data',
  'data_protection',
  'privacy',
  'law',
  'legal_framework',
  'implementation',
  'processing',
  'controller',
  'data_subject',
  'citizens',
  'authorities',
  'company',
  'communique',
  'compliance',
  'enforcement',
  'stakeholders',
  'experts',
  'government',
  'public_administration',
]);

// Steps of enforcement and security incidents are already the linker's typed events and topics;
// counted again as concepts, two leaks or two sanctions of the same weeks would look alike. Dates
// are compared as dates.
const SAID_ELSEWHERE = new Set(['enforcement', 'security', 'time']);

const matcher = createPhraseMatcher(
  CONCEPTS.filter((c) => !SAID_ELSEWHERE.has(c.group) && !FIELD_WIDE.has(c.id)).map((c) => ({
    value: c.id,
    labels: [...c.labels.fr, ...c.labels.ar, ...c.labels.en],
  })),
  tokenize,
);

/** Concept ids a text names, in order of first mention, each once. */
export function conceptsOf(text: string, cap = 32): string[] {
  const out: string[] = [];
  for (const m of matcher.match(tokenize(text))) {
    for (const id of m.values) if (!out.includes(id)) out.push(id);
    if (out.length >= cap) break;
  }
  return out.slice(0, cap);
}
