// Language of a document and of each of its paragraphs: French, Arabic or English.
//
// Script decides first: Arabic is the only Arabic-script language Raqib reads, so a paragraph
// written mostly in Arabic letters is Arabic even when it quotes "TLS Contact" or "CNDP", and a
// Latin paragraph is French or English. Between those two, franc's trigram model decides on
// longer text; short lines (bylines, "Le 10/01/2023 à 10h13", "mercredi 23 octobre 2019") are
// too short for trigrams, so function words and date words decide there.
import { francAll } from 'franc';
import type { Lang } from './types.ts';

const ARABIC_LETTER = /[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]/g;
const LATIN_LETTER = /[a-zA-Z\u00c0-\u024f]/g;
const LATIN_WORD = /[a-zA-Z\u00c0-\u024f]+(?:['’][a-zA-Z\u00c0-\u024f]+)?/g;

/** Below this many letters nothing can be told. */
const MIN_LETTERS = 3;
/**
 * Share of Arabic letters (among Arabic + Latin) from which text is Arabic. Below half on purpose:
 * Arabic copy quotes Latin company names and acronyms at length ("TLS Contact Maroc", "CNDP"),
 * while French copy almost never quotes Arabic script.
 */
const ARABIC_SHARE = 0.45;
/** Letters franc needs before its trigram vote is worth more than function words. */
const FRANC_MIN_LETTERS = 40;
/** Script counting and franc both look at a prefix: language does not change past it. */
const SAMPLE = 20_000;

const FRENCH_WORDS = new Set(
  (
    'le la les un une des du de d l et est sont à au aux en dans pour par sur avec qui que qu ne pas ' +
    'ce cette ces son sa ses leur leurs il elle ils elles été être a ont selon lors après avant ' +
    'janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre décembre decembre ' +
    'lundi mardi mercredi jeudi vendredi samedi dimanche mis jour lecture par'
  ).split(' '),
);
const ENGLISH_WORDS = new Set(
  (
    'the of and to in is are was were for on with by that this from at as it its an be has have ' +
    'which said after before their they would will not ' +
    'january february march april may june july august september october november december ' +
    'monday tuesday wednesday thursday friday saturday sunday updated read'
  ).split(' '),
);

function count(text: string, re: RegExp): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text) !== null) n++;
  return n;
}

function functionWordVote(latin: string): Lang {
  let fr = 0;
  let en = 0;
  LATIN_WORD.lastIndex = 0;
  for (const match of latin.matchAll(LATIN_WORD)) {
    // "d'une", "l'instance", "qu'elle": the elided article is the French signal.
    const word = match[0].toLowerCase().split(/['’]/)[0] ?? '';
    if (FRENCH_WORDS.has(word)) fr++;
    if (ENGLISH_WORDS.has(word)) en++;
  }
  if (fr > en) return 'fr';
  if (en > fr) return 'en';
  return 'und';
}

function latinLanguage(text: string, latinLetters: number): Lang {
  const latin = text.replace(ARABIC_LETTER, ' ');
  const vote = functionWordVote(latin);
  if (latinLetters < FRANC_MIN_LETTERS) return vote;
  const ranked = francAll(latin, { only: ['fra', 'eng'], minLength: 10 });
  const [best, second] = ranked;
  if (best === undefined || best[0] === 'und') return vote;
  const francLang: Lang = best[0] === 'fra' ? 'fr' : 'en';
  // franc's scores are relative to the best (1); a close second means the trigrams hesitate.
  if (second !== undefined && second[1] > 0.95 && vote !== 'und') return vote;
  return francLang;
}

/** The language of a text; `und` when it is too short or gives no French/English signal. */
export function detectLanguage(text: string): Lang {
  const sample = text.length > SAMPLE ? text.slice(0, SAMPLE) : text;
  const arabic = count(sample, ARABIC_LETTER);
  const latin = count(sample, LATIN_LETTER);
  // "09.01.2023 à 22 H 54": too few letters for anything but a function word.
  if (arabic + latin < MIN_LETTERS) return arabic === 0 ? functionWordVote(sample) : 'und';
  const share = arabic / (arabic + latin);
  if (share >= ARABIC_SHARE) return 'ar';
  return latinLanguage(sample, latin);
}

/** Paragraphs as the pipeline counts them: pieces of the text between blank lines. */
export function splitParagraphs(text: string): string[] {
  return text.split(/\n[ \t\r]*\n\s*/);
}

/** One language per paragraph of `splitParagraphs(text)`, in order. */
export function detectParagraphLanguages(text: string): Lang[] {
  return splitParagraphs(text).map((p) => detectLanguage(p));
}
