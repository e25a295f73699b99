// What every page shares: the frame (header, navigation, language switch), the error page, and the
// small pieces of data display — dates, language badges, links to records, and data text carrying its
// own language and direction (`lang` + `dir`), so Arabic coverage reads right-to-left beside French.
import { esc, type Html, html, trusted } from './html.ts';
import { dirOf, type Messages, UI_LANGS, type UiLang } from './i18n.ts';

export interface PageContext {
  lang: UiLang;
  t: Messages;
  /** The current URL (path and query), for the language switch. */
  url: string;
  /** Appended to asset URLs so a new release is fetched despite long caching. */
  assetVersion: string;
}

const LANG_LABEL: Record<UiLang, string> = { fr: 'Français', ar: 'العربية', en: 'English' };

function switchUrl(url: string, lang: UiLang): string {
  const [path, query = ''] = url.split('?', 2) as [string, string?];
  const params = new URLSearchParams(query);
  params.set('hl', lang);
  return `${path}?${params}`;
}

export function layout(
  ctx: PageContext,
  title: string,
  body: Html,
  active: 'search' | 'cases' | 'sources' | null,
): Html {
  const { t, lang } = ctx;
  const v = encodeURIComponent(ctx.assetVersion);
  const nav = (key: typeof active, href: string, label: string) =>
    html`<a href="${href}"${trusted(key === active ? ' aria-current="page"' : '')}>${label}</a>`;
  return html`<!doctype html>
<html lang="${lang}" dir="${dirOf(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Raqib</title>
<link rel="icon" href="/ui/assets/icon.svg?v=${v}" type="image/svg+xml">
<link rel="stylesheet" href="/ui/assets/app.css?v=${v}">
<script type="module" src="/ui/assets/app.js?v=${v}"></script>
</head>
<body>
<a class="skip" href="#main">${t.skip}</a>
<header class="top">
  <a class="brand" href="/ui"><span lang="ar" dir="rtl">رقيب</span> Raqib</a>
  <span class="tagline">${t.tagline}</span>
  <nav class="nav" aria-label="Raqib">
    ${nav('search', '/ui', t.navSearch)}
    ${nav('cases', '/ui/cases', t.navCases)}
    ${nav('sources', '/ui/sources', t.navSources)}
    <a href="/docs">${t.navApi}</a>
  </nav>
  <nav class="langs" aria-label="${t.language}">
    ${UI_LANGS.map(
      (l) =>
        html`<a href="${switchUrl(ctx.url, l)}" lang="${l}" dir="${dirOf(l)}" hreflang="${l}"${trusted(l === lang ? ' aria-current="true"' : '')}>${LANG_LABEL[l]}</a>`,
    )}
  </nav>
</header>
<main id="main" tabindex="-1">
${body}
</main>
</body>
</html>`;
}

/** A date as the sources gave it (`2023-01-10T15:37:00+01:00` is the 10th wherever the reader is). */
export function formatDate(value: string | null | undefined, lang: UiLang): string {
  if (!value) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return value;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  // Latin digits in Arabic too: the Moroccan press writes dates that way.
  return new Intl.DateTimeFormat(lang === 'ar' ? 'ar-MA-u-nu-latn' : lang === 'en' ? 'en-GB' : 'fr-FR', {
    dateStyle: 'medium',
    timeZone: 'UTC',
  }).format(d);
}

export const time = (value: string | null | undefined, lang: UiLang) =>
  value ? html`<time datetime="${value.slice(0, 10)}">${formatDate(value, lang)}</time>` : '';

/** An instant the system recorded (crawl runs): date and UTC time of day, which operators need. */
export const instant = (value: string | null | undefined, lang: UiLang) =>
  value
    ? html`<time datetime="${value}">${formatDate(value, lang)} ${/T(\d{2}:\d{2})/.exec(value)?.[1] ?? ''} UTC</time>`
    : '';

export const langBadge = (lang: string) => html`<abbr class="lang-badge" title="${lang}">${lang.toUpperCase()}</abbr>`;

/** A piece of data in its own language: the element carries `lang` and, for Arabic, `dir="rtl"`. */
export function dataText(text: string | Html, lang: string | null | undefined, tag = 'span', cls = ''): Html {
  const l = lang && lang !== 'und' ? lang : null;
  const attrs = `${l ? ` lang="${esc(l)}" dir="${dirOf(l)}"` : ' dir="auto"'}${cls ? ` class="${esc(cls)}"` : ''}`;
  return html`${trusted(`<${tag}${attrs}>`)}${text}${trusted(`</${tag}>`)}`;
}

export const docHref = (id: string) => `/ui/documents/${encodeURIComponent(id)}`;
export const caseHref = (id: string) => `/ui/cases/${encodeURIComponent(id)}`;
export const entityHref = (id: string) => `/ui/entities/${encodeURIComponent(id)}`;

export const caseTitle = (title: { fr: string; ar: string }, lang: UiLang) =>
  lang === 'ar' ? dataText(title.ar, 'ar') : dataText(title.fr, 'fr');

export function errorPage(ctx: PageContext, status: number, message: string): Html {
  const { t } = ctx;
  const heading = status === 404 ? t.notFound : status === 400 ? t.badRequest : t.error;
  return layout(
    ctx,
    heading,
    html`<h1>${heading}</h1><p class="error" role="alert">${message}</p><p><a href="/ui">${t.back}</a></p>`,
    null,
  );
}

/** Deadline labels as the pipeline writes them (English), in the interface language. */
export const DEADLINE_LABELS: Record<UiLang, Record<string, string>> = {
  fr: {
    deadline: 'délai',
    'compliance deadline': 'délai de mise en conformité',
    'effective date': 'entrée en vigueur',
  },
  ar: { deadline: 'أجل', 'compliance deadline': 'أجل المطابقة', 'effective date': 'تاريخ السريان' },
  en: {},
};
