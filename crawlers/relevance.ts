// The crawl-time relevance gate for press sources: keep a page only if it mentions one of the
// source's keywords. Matching folds case, Latin accents and Arabic diacritics/letter variants, so
// "Données", "donnees" and "DONNÉES" match, as do "المعطيات" with or without harakat.
import * as cheerio from 'cheerio';

export function foldText(input: string): string {
  return (
    input
      .normalize('NFKD')
      // Combining marks: Latin accents and Arabic harakat/shadda/tanwin alike.
      .replace(/\p{M}/gu, '')
      .replace(/\u0640/g, '') // tatweel
      .replace(/[\u0622\u0623\u0625\u0671]/g, '\u0627') // alef variants → ا
      .replace(/\u0649/g, '\u064a') // alef maqsura → ya
      .replace(/\u0629/g, '\u0647') // ta marbuta → ha
      .replace(/[\u2019\u2018']/g, "'")
      .toLowerCase()
      .replace(/\s+/g, ' ')
  );
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
