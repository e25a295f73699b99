// Phrase lookup over labels: the longest run of query words that spells a label wins. Words are
// compared through a caller-given key (folding, light stemming) so the caller decides how loose a
// match is; stop words are dropped on both sides, so "mise en demeure" and "mise demeure" meet.

/** One thing a phrase can name: a concept, an organization, a law. */
export interface Labelled<T> {
  value: T;
  labels: readonly string[];
}

export interface PhraseMatch<T> {
  /** The words of the input that matched, as written. */
  text: string;
  /** Word positions [start, end) in the tokenized input. */
  start: number;
  end: number;
  values: T[];
}

export interface Token {
  text: string;
  key: string;
}

export interface PhraseMatcher<T> {
  /** Non-overlapping matches, longest first, left to right. */
  match(tokens: readonly Token[]): PhraseMatch<T>[];
  /** Everything whose label spells exactly these keys (a whole name, e.g. a filter value). */
  exact(keys: readonly string[]): T[];
}

const MAX_PHRASE = 8;

export function createPhraseMatcher<T>(
  items: readonly Labelled<T>[],
  tokenize: (s: string) => Token[],
): PhraseMatcher<T> {
  const byPhrase = new Map<string, T[]>();
  let longest = 1;
  for (const item of items) {
    for (const label of item.labels) {
      const keys = tokenize(label).map((t) => t.key);
      if (keys.length === 0 || keys.length > MAX_PHRASE) continue;
      longest = Math.max(longest, keys.length);
      const phrase = keys.join(' ');
      const list = byPhrase.get(phrase) ?? [];
      if (!list.includes(item.value)) list.push(item.value);
      byPhrase.set(phrase, list);
    }
  }
  return {
    match(tokens) {
      const out: PhraseMatch<T>[] = [];
      let i = 0;
      while (i < tokens.length) {
        let found: PhraseMatch<T> | null = null;
        for (let n = Math.min(longest, tokens.length - i); n >= 1; n--) {
          const slice = tokens.slice(i, i + n);
          const values = byPhrase.get(slice.map((t) => t.key).join(' '));
          if (values) {
            found = { text: slice.map((t) => t.text).join(' '), start: i, end: i + n, values };
            break;
          }
        }
        if (found) {
          out.push(found);
          i = found.end;
        } else i++;
      }
      return out;
    },
    exact(keys) {
      return byPhrase.get(keys.join(' ')) ?? [];
    },
  };
}
