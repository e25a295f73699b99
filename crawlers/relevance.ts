// The crawl-time relevance gate for press sources: keep a page only if it mentions one of the
// source's keywords. Matching folds case, Latin accents and Arabic diacritics/letter variants, so
// "Données", "donnees" and "DONNÉES" match, as do "المعطيات" with or without harakat.
import * as cheerio from 'cheerio';
import { normalizeForMatch } from '../pipeline/normalize.ts';

/**
 * The pipeline's one folding (`normalizeForMatch`), with runs of whitespace made one space: page
 * text keeps the line breaks and doubled spaces of its markup, a keyword is written with one.
 */
export function foldText(input: string): string {
  return normalizeForMatch(input).replace(/\s+/g, ' ');
}

export function matchesKeywords(text: string, keywords: readonly string[]): string | null {
  const folded = foldText(text);
  for (const keyword of keywords) if (folded.includes(foldText(keyword))) return keyword;
  return null;
}

/** The readable part of an HTML page: the article when marked up, else the body, without scripts. */
export function visibleText(html: string): string {
  const $ = cheerio.load(html);
  $('script, style, noscript, template').remove();
  const title = $('title').text();
  const description = $('meta[name="description"], meta[property="og:description"]').attr('content') ?? '';
  const main = $('article, main, [itemprop="articleBody"]').first();
  const body = (main.length ? main : $('body')).text();
  return `${title}\n${description}\n${body}`;
}
