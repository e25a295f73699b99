// All replica content, with copies resolved (Maghress pages take the body of the article they copy)
// and the gold metadata a perfect pipeline should produce for every page.
import { CALL_RECORDING_ARTICLES } from './call-recording.ts';
import { CNDP_ARTICLES, CNDP_PDFS } from './cndp.ts';
import { EXAM_LEAK_ARTICLES } from './exam-leak.ts';
import { FACEBOOK_ARTICLES } from './facebook.ts';
import { FACIAL_ARTICLES } from './facial.ts';
import { TLS_ARTICLES } from './tls.ts';
import type { ArticleFixture, Gold, PdfFixture } from './types.ts';
import { UNRELATED_ARTICLES } from './unrelated.ts';

export type { ArticleFixture, FixtureEncoding, FixtureLang, Gold, PdfFixture, StoryId } from './types.ts';
export { STORY_IDS } from './types.ts';

/** Outlet names as readers know them (same values as `SourceConfig.outlet`). */
const OUTLET_OF: Record<string, string> = {
  'cndp-fr': 'CNDP',
  'cndp-ar': 'CNDP',
  'le360-fr': 'Le360',
  'le360-ar': 'Le360',
  'hespress-ar': 'Hespress',
  'hespress-fr': 'Hespress',
  'hespress-en': 'Hespress',
  medias24: 'Médias24',
  ledesk: 'Le Desk',
  telquel: 'TelQuel',
  bladi: 'Bladi.net',
  yabiladi: 'Yabiladi',
  leconomiste: "L'Economiste",
  alyaoum24: 'Alyaoum24',
  hibapress: 'Hibapress',
  al3omk: 'Al3omk',
  maghress: 'Maghress',
};

function resolveCopies(articles: ArticleFixture[]): ArticleFixture[] {
  const byKey = new Map(articles.map((a) => [a.key, a]));
  return articles.map((a) => {
    if (a.copyOf === undefined) return a;
    const original = byKey.get(a.copyOf);
    if (original === undefined) throw new Error(`replica content: ${a.key} copies unknown ${a.copyOf}`);
    return { ...a, paragraphs: original.paragraphs, dupGroup: a.dupGroup ?? `copy:${original.key}` };
  });
}

export const ARTICLES: readonly ArticleFixture[] = Object.freeze(
  resolveCopies([
    ...CNDP_ARTICLES,
    ...TLS_ARTICLES,
    ...FACIAL_ARTICLES,
    ...FACEBOOK_ARTICLES,
    ...EXAM_LEAK_ARTICLES,
    ...CALL_RECORDING_ARTICLES,
    ...UNRELATED_ARTICLES,
  ]),
);

export const PDFS: readonly PdfFixture[] = Object.freeze([...CNDP_PDFS]);

/** Links a list page shows although nothing is served there (the replica answers 404). */
export const DEAD_LINKS: readonly { listing: string; url: string; text: string }[] = Object.freeze([
  {
    listing: 'https://telquel.ma/instant-t/',
    url: 'https://telquel.ma/instant-t/2023/01/12/article-retire-par-la-redaction_1690001',
    text: 'Article retiré par la rédaction',
  },
]);

export function outletName(sourceId: string): string {
  return OUTLET_OF[sourceId] ?? sourceId;
}

export function goldOfArticle(a: ArticleFixture): Gold {
  return {
    key: a.key,
    url: a.url,
    sourceId: a.sourceId,
    outlet: outletName(a.sourceId),
    story: a.story,
    language: a.lang,
    publishedAt: a.publishedAt,
    title: a.title,
    kind: a.tickerOnly === true ? 'ticker' : 'article',
    dupGroup: a.dupGroup ?? null,
    paywall: a.paywall === true,
  };
}

export function goldOfPdf(p: PdfFixture): Gold {
  return {
    key: p.key,
    url: p.url,
    sourceId: p.sourceId,
    outlet: outletName(p.sourceId),
    story: p.story,
    language: p.lang,
    publishedAt: p.publishedAt,
    title: p.title,
    kind: 'pdf',
    dupGroup: null,
    paywall: false,
  };
}

/** Gold metadata of every page the replica serves as content (articles, copies, PDFs). */
export const GOLD: readonly Gold[] = Object.freeze([...ARTICLES.map(goldOfArticle), ...PDFS.map(goldOfPdf)]);

/** Gold metadata by real URL (as written in the fixtures). */
export function goldByUrl(realUrl: string): Gold | undefined {
  return GOLD.find((g) => g.url === realUrl);
}
