// Aggregators such as Maghress sometimes serve a page whose only "content" is the site-wide headline
// ticker: a long run of unrelated headlines with no sentence structure. Real article text, French or
// Arabic, has sentence punctuation every few dozen words and at least one paragraph of prose; a
// headline run has neither, or is made of links.

import type { El } from './dom.ts';

const SENTENCE_MARK = /[.!?؟;:,،…。、！？]/g;
// Marks that close a sentence. Headlines use colons and commas but never end with a full stop.
const SENTENCE_END = /[.!?؟…。！？](?=\s|$)/g;
const ENDS_SENTENCE = /[.!?؟…»"”)。！？」]\s*$/;

export interface TickerSignals {
  /** Share of the selected content's text inside links, measured before link-heavy blocks are cleaned. */
  linkDensity: number;
}

export function detectTicker(paragraphs: string[], signals: TickerSignals): boolean {
  const text = paragraphs.join(' ');
  const words = text.split(/\s+/).filter(Boolean).length;
  if (words === 0) return false;
  if (signals.linkDensity >= 0.6 && text.length >= 200) return true;

  // Tables of figures (standings, prices) have no punctuation either, but are mostly numbers.
  const numbers = text.match(/\d+/g)?.length ?? 0;
  if (numbers / words > 0.2) return false;
  const marks = text.match(SENTENCE_MARK)?.length ?? 0;
  // One long unpunctuated run: headlines glued together by spaces. Articles, even sparsely
  // punctuated ones, come in several paragraphs, so only a one- or two-block text qualifies.
  if (paragraphs.length <= 2 && words >= 40 && marks / words < 1 / 30) return true;
  // Headline runs keep their colons ("TLS Contact : la CNDP…") but no sentence ever ends: prose
  // closes one every twenty or thirty words.
  const ends = text.match(SENTENCE_END)?.length ?? 0;
  if (paragraphs.length <= 2 && words >= 60 && ends / words < 1 / 60) return true;

  // Many short lines, none a sentence, none a real paragraph: a list of headlines.
  if (paragraphs.length >= 6) {
    const longest = Math.max(...paragraphs.map((p) => p.length));
    const bare = paragraphs.filter((p) => p.length < 150 && !ENDS_SENTENCE.test(p)).length;
    if (longest < 200 && bare / paragraphs.length >= 0.8) return true;
  }
  return false;
}

const TICKER_HINT =
  /(?:^|[\s_-])(?:ticker|newsticker|news-ticker|breaking|marquee|defilant|défilant|flash-info|flashinfo|urgent)(?:$|[\s_-])/i;

/**
 * Characters of text inside headline-ticker widgets (`<marquee>`, `.ticker`, `.breaking`...). Pruning
 * removes them before content selection, so a page that was nothing but a ticker ends up empty;
 * this measure lets the caller say "ticker" rather than "empty".
 */
export function tickerTextLength(el: El): number {
  let n = 0;
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    const hint = `${c.attrs.class ?? ''} ${c.attrs.id ?? ''}`;
    if (c.tag === 'marquee' || TICKER_HINT.test(hint)) n += textLength(c);
    else n += tickerTextLength(c);
  }
  return n;
}

function textLength(el: El): number {
  let n = 0;
  for (const c of el.children) n += typeof c === 'string' ? c.trim().length : textLength(c);
  return n;
}
