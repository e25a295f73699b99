// HTML, feeds and sitemaps of the replica. Pages are deliberately noisy (navigation, tickers,
// related teasers with their own dates, comments, share bars) because that is what the extractor
// meets on the real sites.
import type { ArticleFixture } from './content/types.ts';
import { frDate, localParts, numericDate } from './dates.ts';
import type { Outlet } from './outlets.ts';

export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function cdata(text: string): string {
  return `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

export function excerpt(a: ArticleFixture, words = 28): string {
  const text = a.lead ?? a.paragraphs[0] ?? '';
  const parts = text.split(/\s+/);
  return parts.length <= words ? text : `${parts.slice(0, words).join(' ')}…`;
}

const UI = {
  fr: {
    related: 'À lire aussi',
    share: ['Partager sur Facebook', 'Partager sur X', 'WhatsApp', 'Copier le lien'],
    comments: 'Commentaires',
    leave: 'Laisser un commentaire',
    by: 'Par',
    next: 'Page suivante',
    prev: 'Page précédente',
    home: 'Accueil',
    pdf: 'Télécharger le communiqué (PDF)',
    rights: 'Tous droits réservés. Reproduction interdite sans autorisation écrite.',
    breaking: 'Dernière minute',
  },
  ar: {
    related: 'مقالات ذات صلة',
    share: ['شارك على فيسبوك', 'شارك على إكس', 'واتساب', 'نسخ الرابط'],
    comments: 'التعليقات',
    leave: 'اترك تعليقاً',
    by: 'بقلم',
    next: 'الصفحة التالية',
    prev: 'الصفحة السابقة',
    home: 'الرئيسية',
    pdf: 'تحميل البلاغ (PDF)',
    rights: 'جميع الحقوق محفوظة. يمنع النقل دون إذن كتابي.',
    breaking: 'عاجل',
  },
  en: {
    related: 'Related',
    share: ['Share on Facebook', 'Share on X', 'WhatsApp', 'Copy link'],
    comments: 'Comments',
    leave: 'Leave a comment',
    by: 'By',
    next: 'Next page',
    prev: 'Previous page',
    home: 'Home',
    pdf: 'Download (PDF)',
    rights: 'All rights reserved.',
    breaking: 'Breaking',
  },
} as const;

export interface PageContext {
  outlet: Outlet;
  /** Real URL → replica URL. */
  link: (realUrl: string) => string;
  homepage: string;
  feedUrl: string | null;
  /** Headlines of the breaking-news ticker (other articles of the site). */
  tickerHeadlines: string[];
}

export interface ArticleContext extends PageContext {
  related: ArticleFixture[];
  /** L'Economiste-style header teaser of another article, with its own date. */
  headerTeaser: ArticleFixture | null;
  pdfUrl: string | null;
  /** `<meta>` tags declaring the charset (empty when only the HTTP header declares it). */
  charsetMeta: string;
}

function head(ctx: PageContext, title: string, lang: string, extra: string, charsetMeta: string): string {
  const feed =
    ctx.feedUrl === null
      ? ''
      : `<link rel="alternate" type="application/rss+xml" title="${esc(ctx.outlet.siteName)}" href="${esc(ctx.link(ctx.feedUrl))}">`;
  return `<!DOCTYPE html>
<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">
<head>
${charsetMeta}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
${feed}
${extra}
<link rel="stylesheet" href="/assets/site.css">
<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}</script>
</head>`;
}

function header(ctx: PageContext, lang: 'fr' | 'ar' | 'en'): string {
  const nav = ctx.outlet.nav.map((n) => `<li><a href="${esc(ctx.link(ctx.homepage))}">${esc(n)}</a></li>`).join('');
  const ticker =
    ctx.outlet.ticker && ctx.tickerHeadlines.length > 0
      ? `<div class="breaking-news"><span class="label">${UI[lang].breaking}</span><ul>${ctx.tickerHeadlines
          .map((h) => `<li>${esc(h)}</li>`)
          .join('')}</ul></div>`
      : '';
  return `<header class="site-header">
<div class="top-bar"><a href="#">Newsletter</a> <a href="#">${lang === 'ar' ? 'تسجيل الدخول' : 'Connexion'}</a></div>
<div class="logo"><a href="${esc(ctx.link(ctx.homepage))}">${esc(ctx.outlet.siteName)}</a></div>
<nav class="main-menu"><ul>${nav}</ul></nav>
${ticker}
</header>`;
}

function footer(ctx: PageContext, lang: 'fr' | 'ar' | 'en'): string {
  return `<footer class="site-footer">
<ul class="footer-links"><li><a href="#">${lang === 'ar' ? 'من نحن' : 'Qui sommes-nous'}</a></li><li><a href="#">${lang === 'ar' ? 'اتصل بنا' : 'Contact'}</a></li><li><a href="#">${lang === 'ar' ? 'سياسة الخصوصية' : 'Politique de confidentialité'}</a></li></ul>
<p>© ${esc(ctx.outlet.siteName)} — ${UI[lang].rights}</p>
</footer>`;
}

function jsonLd(a: ArticleFixture, ctx: ArticleContext): string {
  const data = {
    '@context': 'https://schema.org',
    '@type': a.sourceId.startsWith('cndp') ? 'Article' : 'NewsArticle',
    headline: a.title,
    inLanguage: a.lang,
    datePublished: a.publishedAt,
    dateModified: a.updatedAt ?? a.publishedAt,
    author: { '@type': a.author === undefined ? 'Organization' : 'Person', name: a.author ?? ctx.outlet.siteName },
    publisher: {
      '@type': 'Organization',
      name: ctx.outlet.siteName,
      logo: { '@type': 'ImageObject', url: ctx.link(new URL('/logo.png', ctx.homepage).href) },
    },
    mainEntityOfPage: { '@type': 'WebPage', '@id': ctx.link(a.url) },
    articleSection: a.section,
    isAccessibleForFree: a.paywall !== true,
  };
  // `</` inside JSON-LD would close the script element early.
  return `<script type="application/ld+json">${JSON.stringify(data).replace(/<\//g, '<\\/')}</script>`;
}

export function renderArticle(a: ArticleFixture, ctx: ArticleContext): string {
  const lang = a.lang;
  const ui = UI[lang];
  const url = ctx.link(a.url);
  const description = excerpt(a, 30);
  const meta = [
    `<link rel="canonical" href="${esc(url)}">`,
    `<meta name="description" content="${esc(description)}">`,
    `<meta property="og:type" content="article">`,
    `<meta property="og:title" content="${esc(a.title)}">`,
    `<meta property="og:url" content="${esc(url)}">`,
    `<meta property="og:site_name" content="${esc(ctx.outlet.siteName)}">`,
    `<meta property="og:description" content="${esc(description)}">`,
    `<meta property="og:locale" content="${lang === 'ar' ? 'ar_MA' : lang === 'fr' ? 'fr_FR' : 'en_US'}">`,
    `<meta property="article:published_time" content="${a.publishedAt}">`,
    a.updatedAt === undefined ? '' : `<meta property="article:modified_time" content="${a.updatedAt}">`,
    `<meta property="article:section" content="${esc(a.section)}">`,
    jsonLd(a, ctx),
  ].join('\n');
  const shown = a.paywall === true ? a.paragraphs.slice(0, 2) : a.paragraphs;
  const body = shown.map((p) => `<p>${esc(p)}</p>`).join('\n');
  const paywall =
    a.paywall === true
      ? `<div class="paywall-box"><p>Cet article est réservé aux abonnés.</p><p>Connectez-vous ou Abonnez-vous ! 60 DH / 1 mois</p><a class="btn" href="#">Découvrir les offres</a></div>`
      : '';
  const dateline = a.dateline ?? ctx.outlet.dateline(a);
  const teaser =
    ctx.headerTeaser === null
      ? ''
      : (() => {
          const t = ctx.headerTeaser;
          const p = localParts(t.publishedAt);
          return `<div class="header-une"><span class="kicker">À la une</span><a href="${esc(ctx.link(t.url))}">${esc(t.title)}</a><span class="date">Le ${numericDate(p, '/')} - ${p.hh}:${p.mm}</span><p>${esc(excerpt(t, 20))}</p></div>`;
        })();
  const related = ctx.related
    .map((r) => {
      const p = localParts(r.publishedAt);
      const when = r.lang === 'fr' ? frDate(p) : numericDate(p, '/');
      return `<li><a href="${esc(ctx.link(r.url))}">${esc(r.title)}</a><span class="date">${esc(when)}</span><p>${esc(excerpt(r, 24))}</p></li>`;
    })
    .join('\n');
  const comments =
    ctx.outlet.comments && (a.comments?.length ?? 0) > 0
      ? `<section class="comments"><h3>${ui.comments} (${a.comments?.length})</h3><ol>${(a.comments ?? [])
          .map(
            (c, i) =>
              `<li class="comment"><b class="comment-author">${lang === 'ar' ? 'زائر' : 'Visiteur'} ${i + 1}</b><p>${esc(c)}</p></li>`,
          )
          .join(
            '',
          )}</ol><form class="comment-form"><h4>${ui.leave}</h4><textarea name="comment"></textarea><button>${lang === 'ar' ? 'إرسال' : 'Envoyer'}</button></form></section>`
      : '';
  const pdf = ctx.pdfUrl === null ? '' : `<p class="download"><a href="${esc(ctx.link(ctx.pdfUrl))}">${ui.pdf}</a></p>`;
  return `${head(ctx, `${a.title} - ${ctx.outlet.siteName}`, lang, meta, ctx.charsetMeta)}
<body class="single single-post">
${header(ctx, lang)}
${teaser}
<main id="content">
<article class="post">
<div class="breadcrumb"><a href="${esc(ctx.link(ctx.homepage))}">${ui.home}</a> › <span>${esc(a.section)}</span></div>
<h1 class="entry-title">${esc(a.title)}</h1>
${a.lead === undefined ? '' : `<p class="chapo">${esc(a.lead)}</p>`}
<div class="post-meta">${dateline === '' ? '' : `<span class="date">${esc(dateline)}</span>`}${a.author === undefined || dateline.includes(a.author) ? '' : ` <span class="author">${ui.by} ${esc(a.author)}</span>`}</div>
<div class="share-bar">${ui.share.map((s) => `<a href="#" class="share">${s}</a>`).join(' ')}</div>
<div class="entry-content">
${body}
</div>
${paywall}
${pdf}
</article>
<aside class="related-posts"><h3>${ui.related}</h3><ul>
${related}
</ul></aside>
${comments}
</main>
${footer(ctx, lang)}
</body>
</html>`;
}

/** A Maghress page that holds only the site-wide headline ticker, no article. */
export function renderTickerOnly(ctx: PageContext, headlines: string[], lang: 'fr' | 'ar'): string {
  return `${head(ctx, ctx.outlet.siteName, lang, '', '<meta charset="utf-8">')}
<body>
${header(ctx, lang)}
<main><div class="content">${headlines.map(esc).join(' ')}</div></main>
${footer(ctx, lang)}
</body>
</html>`;
}

export interface ListingPage {
  title: string;
  lang: 'fr' | 'ar' | 'en';
  items: ArticleFixture[];
  /** Links that are not article cards (a removed article, a section the robots forbid...). */
  extraLinks: { url: string; text: string }[];
  prevUrl: string | null;
  nextUrl: string | null;
}

export function renderListing(page: ListingPage, ctx: PageContext): string {
  const ui = UI[page.lang];
  const rel = [
    page.prevUrl === null ? '' : `<link rel="prev" href="${esc(ctx.link(page.prevUrl))}">`,
    page.nextUrl === null ? '' : `<link rel="next" href="${esc(ctx.link(page.nextUrl))}">`,
  ].join('\n');
  const cards = page.items
    .map((a) => {
      const p = localParts(a.publishedAt);
      return `<article class="card"><h2 class="card-title"><a href="${esc(ctx.link(a.url))}">${esc(a.title)}</a></h2><time datetime="${a.publishedAt}">${numericDate(p, '/')} ${p.hh}:${p.mm}</time><p>${esc(excerpt(a))}</p></article>`;
    })
    .join('\n');
  const extra = page.extraLinks
    .map(
      (l) =>
        `<article class="card"><h2 class="card-title"><a href="${esc(ctx.link(l.url))}">${esc(l.text)}</a></h2></article>`,
    )
    .join('\n');
  const pager = [
    page.prevUrl === null
      ? ''
      : `<a class="prev page-numbers" rel="prev" href="${esc(ctx.link(page.prevUrl))}">${ui.prev}</a>`,
    page.nextUrl === null
      ? ''
      : `<a class="next page-numbers" rel="next" href="${esc(ctx.link(page.nextUrl))}">${ui.next}</a>`,
  ].join(' ');
  return `${head(ctx, `${page.title} - ${ctx.outlet.siteName}`, page.lang, rel, '<meta charset="utf-8">')}
<body class="archive">
${header(ctx, page.lang)}
<main id="content">
<h1 class="archive-title">${esc(page.title)}</h1>
<div class="cards">
${cards}
${extra}
</div>
<nav class="pagination">${pager}</nav>
</main>
${footer(ctx, page.lang)}
</body>
</html>`;
}

export interface FeedItem {
  article: ArticleFixture;
  /** Replica URL the item links to (may carry tracking parameters). */
  link: string;
}

export interface FeedMeta {
  title: string;
  selfUrl: string;
  siteUrl: string;
  lang: string;
}

export function renderRss(meta: FeedMeta, items: FeedItem[]): string {
  const built = items[0]?.article.publishedAt ?? '2019-01-01T00:00:00+01:00';
  const entries = items
    .map(
      ({ article: a, link }) => `<item>
<title>${esc(a.title)}</title>
<link>${esc(link)}</link>
<guid isPermaLink="true">${esc(link)}</guid>
<pubDate>${new Date(a.publishedAt).toUTCString()}</pubDate>
<dc:creator>${cdata(a.author ?? meta.title)}</dc:creator>
<category>${cdata(a.section)}</category>
<description>${cdata(excerpt(a, 40))}</description>
</item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>${esc(meta.title)}</title>
<atom:link href="${esc(meta.selfUrl)}" rel="self" type="application/rss+xml"/>
<link>${esc(meta.siteUrl)}</link>
<description>${esc(meta.title)}</description>
<language>${meta.lang}</language>
<lastBuildDate>${new Date(built).toUTCString()}</lastBuildDate>
${entries}
</channel>
</rss>`;
}

export function renderAtom(meta: FeedMeta, items: FeedItem[]): string {
  const updated = items[0]?.article.publishedAt ?? '2019-01-01T00:00:00+01:00';
  const entries = items
    .map(
      ({ article: a, link }) => `<entry>
<title type="text">${esc(a.title)}</title>
<link rel="alternate" type="text/html" href="${esc(link)}"/>
<id>${esc(link)}</id>
<published>${a.publishedAt}</published>
<updated>${a.updatedAt ?? a.publishedAt}</updated>
<author><name>${esc(a.author ?? meta.title)}</name></author>
<summary type="text">${esc(excerpt(a, 40))}</summary>
</entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${meta.lang}">
<title>${esc(meta.title)}</title>
<id>${esc(meta.selfUrl)}</id>
<link rel="self" href="${esc(meta.selfUrl)}"/>
<link rel="alternate" href="${esc(meta.siteUrl)}"/>
<updated>${updated}</updated>
${entries}
</feed>`;
}

/** SPIP's `spip.php?page=backend`: RSS 2.0 dated with Dublin Core instead of pubDate. */
export function renderSpipBackend(meta: FeedMeta, items: FeedItem[]): string {
  const entries = items
    .map(
      ({ article: a, link }) => `<item xml:lang="${a.lang}">
<title>${esc(a.title)}</title>
<link>${esc(link)}</link>
<guid isPermaLink="true">${esc(link)}</guid>
<dc:date>${new Date(a.publishedAt).toISOString().replace(/\.\d{3}Z$/, 'Z')}</dc:date>
<dc:format>text/html</dc:format>
<dc:language>${a.lang}</dc:language>
<dc:creator>${esc(a.author ?? meta.title)}</dc:creator>
<dc:subject>${esc(a.section)}</dc:subject>
<description>${esc(excerpt(a, 40))}</description>
</item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel xml:lang="${meta.lang}">
<title>${esc(meta.title)}</title>
<link>${esc(meta.siteUrl)}</link>
<description>${esc(meta.title)}</description>
<language>${meta.lang}</language>
<generator>SPIP - www.spip.net</generator>
${entries}
</channel>
</rss>`;
}

export function renderSitemapIndex(children: { loc: string; lastmod: string }[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${children.map((c) => `<sitemap><loc>${esc(c.loc)}</loc><lastmod>${c.lastmod}</lastmod></sitemap>`).join('\n')}
</sitemapindex>`;
}

export function renderUrlset(urls: { loc: string; lastmod: string }[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.map((u) => `<url><loc>${esc(u.loc)}</loc><lastmod>${u.lastmod}</lastmod></url>`).join('\n')}
</urlset>`;
}
