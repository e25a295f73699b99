// What page chrome looks like: the tags, roles, class/id hints and lines that are never the article
// (navigation, share bars, related-article blocks, paywall prompts, bylines and date lines). Read by
// the pruning before scoring, by the cleaning inside the chosen blocks, and by plain-text pages.
import { findPrintedDates } from './dates.ts';
import type { El } from './dom.ts';

// Removed with their content before scoring: never article text.
export const DROP_TAGS = new Set([
  'nav',
  'aside',
  'footer',
  'form',
  'input',
  'label',
  'menu',
  'dialog',
  'map',
  'area',
  'marquee',
]);
export const DROP_ROLES = new Set([
  'navigation',
  'menu',
  'menubar',
  'complementary',
  'contentinfo',
  'banner',
  'dialog',
  'alertdialog',
  'alert',
  'search',
  'toolbar',
  'tablist',
]);

// Class/id hints. Tested against the joined `class id` string, lower-cased.
export const UNLIKELY =
  /(?:^|[\s_-])(?:ad|ads|adv|advert|advertisement|banner|breadcrumbs?|combx|comments?|commentaires?|community|cookie|cover-wrap|disqus|footer|gdpr|header|legends|menu|navbar|nav|related|relatedposts|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|sponsored|supplemental|ad-break|agegate|pagination|pager|popup|modal|newsletter|subscribe|subscription|share|sharing|partage|sharebar|share-bar|ticker|breaking|marquee|most-read|mostread|popular|trending|outbrain|taboola|promo|recirc|read-more|readmore|lire-aussi|a-lire|also|widget|tags|tag-list|author-box|masthead|paywall|abonnement|abonne|signup|login|print|toolbar)(?:$|[\s_-])/;
export const MAYBE_CANDIDATE = /and|article|body|column|content|main|mathjax|shadow|story|entry|post|text/;
const NEGATIVE =
  /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|taboola|promo|related|scroll|share|partage|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|ticker|newsletter|subscribe|abonn|paywall|recommend|popular|trending|most-read|lire-aussi|read-more|also/;
const POSITIVE =
  /article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story|corps|contenu|texte/;

// Lines that belong to the page's chrome even when they sit inside the article container.
// `(?![\p{L}\p{N}])` instead of `\b`, which is ASCII-only and never matches after Arabic letters.
export const BOILERPLATE_LINE =
  /^(?:lire aussi|lire également|à lire aussi|a lire aussi|à lire également|voir aussi|sur le même sujet|dans la même rubrique|vous aimerez aussi|ne manquez pas|les plus lus|articles similaires|suivez-nous|inscrivez-vous|téléchargez l'application|recevez notre|read more|read also|see also|see more|you may also like|you might also like|more from|don't miss|most popular|mots-clés|leave a comment|leave a reply|laisser un commentaire|você pode gostar|veja também|leia também|te puede interesar|lee también|leggi anche|abonnez-vous|réservé aux abonnés|cet article est réservé|déjà abonné|share this|sign up|follow us|click here|get the latest|join our|have a tip|tell us what you think|download the|كلمات مفتاحية|أضف تعليق|اقرأ أيضا|اقرأ أيضاً|إقرأ أيضا|اقرأ المزيد|مواضيع ذات صلة|مقالات ذات صلة|أخبار ذات صلة|الأكثر قراءة|تابعونا)(?![\p{L}\p{N}])/iu;
// Single words that are chrome only when they are the whole line: "شارك" and "إعلان" also open
// ordinary sentences ("شارك في اللقاء..." = "took part in the meeting...").
export const BOILERPLATE_WORD =
  /^(?:related|trending|recommended|subscribe|comments?|commentaires?|advertisement|publicité|sponsored|partager|partagez|share|tags|الوسوم|تعليقات|ذات صلة|شارك|إعلان|اشترك)\s*[:.…!]*$/iu;
// A heading or line announcing a block of links to other articles: the block after it goes too.
export const RELATED_LEAD =
  /^(?:lire aussi|à lire aussi|voir aussi|sur le même sujet|vous aimerez aussi|articles similaires|les plus lus|you may also like|you might also like|more from|don't miss|see more|most popular|mots-clés|leave a comment|leave a reply|laisser un commentaire|tell us what you think|você pode gostar|veja também|leia também|te puede interesar|leggi anche|كلمات مفتاحية|أضف تعليق|اقرأ أيضا|مواضيع ذات صلة|مقالات ذات صلة|أخبار ذات صلة|الأكثر قراءة)(?![\p{L}\p{N}])/iu;
export const PAYWALL =
  /abonnez-vous|réservé aux abonnés|déjà abonné|subscribe to (?:read|continue)|subscribers only|للمشتركين/i;

// "Publié le ...", "تم النشر بتاريخ ...": metadata printed as a line of its own.
export const DATE_LINE =
  /^(?:publié|mis à jour|mise à jour|modifié|posted|published|updated|last updated|تم النشر|نشر في|نشر بتاريخ|آخر تحديث|تاريخ النشر)/i;

// Also hover cards and tooltips: hidden by CSS we do not run, they repeat names inside sentences.
export const CAPTION_HINT = /caption|credit|gallery|slideshow|carousel|lightbox|tooltip|popover|rollover|hovercard/;
export const META_HINT =
  /caption|credit|byline|author|dateline|timestamp|post-date|postdate|pubdate|published|updated|meta-data|metadata|article-meta|entry-meta|post-meta|article-info|date|time/;
export const COMMENT_HINT = /comment|disqus|replies|respond|commentaire/;

export function hintOf(el: El): string {
  const cls = el.attrs.class ?? '';
  const id = el.attrs.id ?? '';
  return cls || id ? `${cls} ${id}`.toLowerCase() : '';
}

export function isHidden(el: El): boolean {
  if ('hidden' in el.attrs) return true;
  if (el.attrs['aria-hidden'] === 'true') return true;
  const style = el.attrs.style;
  if (style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return true;
  return false;
}

export function classWeight(el: El): number {
  let w = 0;
  const cls = (el.attrs.class ?? '').toLowerCase();
  const id = (el.attrs.id ?? '').toLowerCase();
  if (cls) {
    if (NEGATIVE.test(cls)) w -= 25;
    if (POSITIVE.test(cls)) w += 25;
  }
  if (id) {
    if (NEGATIVE.test(id)) w -= 25;
    if (POSITIVE.test(id)) w += 25;
  }
  if (el.attrs.itemprop === 'articleBody') w += 50;
  return w;
}

// Quoted social posts (tweets, Instagram) are part of what the article reports.
const EMBED_CLASS = /(?:^|\s)(?:twitter-tweet|instagram-media|tiktok-embed|fb-post)(?:\s|$)/;

export function isEmbeddedPost(el: El): boolean {
  if (EMBED_CLASS.test(el.attrs.class ?? '')) return true;
  // A thin wrapper around an embed (`div.social-media-embed > blockquote.twitter-tweet`).
  for (let depth = 0, cur: El | undefined = el; cur && depth < 4; depth++) {
    const kids: El[] = cur.children.filter((c): c is El => typeof c !== 'string');
    if (kids.length !== 1) return false;
    cur = kids[0];
    if (cur && EMBED_CLASS.test(cur.attrs.class ?? '')) return true;
  }
  return false;
}

/** A line of page chrome: "Lire aussi", "Partager", a paywall prompt... (for plain-text pages too). */
export function isChromeLine(t: string): boolean {
  return BOILERPLATE_LINE.test(t) || BOILERPLATE_WORD.test(t) || (t.length < 120 && PAYWALL.test(t));
}

/** A line announcing links to other articles: what follows it is not the article. */
export function startsRelatedBlock(t: string): boolean {
  return RELATED_LEAD.test(t);
}

const BYLINE_CUE =
  /(?:^|[\s(|•-])(?:publi\w*|posted|par|by|écrit|ecrit|mis à jour|updated|modifié|نشر|بتاريخ)(?![\p{L}\p{N}])/iu;

/**
 * A date with a byline cue or little else ("05/10/2018 - Publié par X", "Le 10/01/2023 à 10h13").
 * A sentence ("Le 12 mars 2020, la loi a été adoptée par le Parlement.") ends with a full stop.
 */
const MAX_DATE_LINE = 160;

export function isDateLine(t: string): boolean {
  if (!/\d|[\u0660-\u0669]/.test(t) || /[.!?؟:]$/.test(t)) return false;
  // A byline or date line is a line, not a paragraph: a paragraph that cites a deliberation "du 14
  // juillet 2015" carries a date and a cue word, and is still the article.
  if (t.length > MAX_DATE_LINE) return false;
  const dates = findPrintedDates(t);
  if (dates.length === 0) return false;
  if (BYLINE_CUE.test(t)) return true;
  let rest = t;
  for (const d of dates.reverse()) rest = `${rest.slice(0, d.index)} ${rest.slice(d.index + d.length)}`;
  return rest.split(/[\s,;:|•–-]+/).filter((w) => /\p{L}{2,}/u.test(w)).length <= 3;
}
