// The chrome of each outlet: what surrounds the article (navigation, date line, feed format,
// comments, paywall box). Extraction has to find the article inside all of this.
import type { ArticleFixture } from './content/types.ts';
import { arDate, arWeekday, enDate, frDate, frWeekday, localParts, numericDate } from './dates.ts';

export type FeedFormat = 'rss' | 'atom' | 'spip';

export interface Outlet {
  siteName: string;
  lang: 'fr' | 'ar' | 'en';
  nav: string[];
  feed: FeedFormat;
  /** The date line printed under the title. */
  dateline: (a: ArticleFixture) => string;
  comments: boolean;
  /** Breaking-news ticker above the page. */
  ticker: boolean;
}

const FR_NAV = ['Politique', 'Économie', 'Société', 'Monde', 'Sport', 'Culture', 'Vidéos'];
const AR_NAV = ['سياسة', 'اقتصاد', 'مجتمع', 'جهات', 'رياضة', 'فن وثقافة', 'دولية'];

function updated(a: ArticleFixture, render: (iso: string) => string): string {
  return a.updatedAt === undefined ? '' : render(a.updatedAt);
}

export const OUTLETS: Record<string, Outlet> = {
  'cndp-fr': {
    siteName: 'CNDP',
    lang: 'fr',
    nav: ['La CNDP', 'Textes et lois', 'Délibérations', 'Actualités', 'Vos droits', 'Contact'],
    feed: 'rss',
    dateline: (a) => `Publié le ${frDate(localParts(a.publishedAt))}`,
    comments: false,
    ticker: false,
  },
  'cndp-ar': {
    siteName: 'اللجنة الوطنية لمراقبة حماية المعطيات ذات الطابع الشخصي',
    lang: 'ar',
    nav: ['اللجنة', 'نصوص وقوانين', 'المداولات', 'المستجدات', 'حقوقكم', 'اتصل بنا'],
    feed: 'rss',
    // The CNDP's Arabic posts print no date of their own: the dateline, when any, is in the body.
    dateline: () => '',
    comments: false,
    ticker: false,
  },
  'le360-fr': {
    siteName: 'Le360',
    lang: 'fr',
    nav: FR_NAV,
    feed: 'rss',
    dateline: (a) => {
      const p = localParts(a.publishedAt);
      return `Le ${numericDate(p, '/')} à ${p.hh}h${p.mm}`;
    },
    comments: false,
    ticker: true,
  },
  'le360-ar': {
    siteName: 'Le360 عربية',
    lang: 'ar',
    nav: AR_NAV,
    feed: 'rss',
    dateline: (a) => {
      const p = localParts(a.publishedAt);
      return `في ${numericDate(p, '/')} على الساعة ${p.hh}:${p.mm}`;
    },
    comments: false,
    ticker: true,
  },
  'hespress-ar': {
    siteName: 'هسبريس',
    lang: 'ar',
    nav: AR_NAV,
    feed: 'rss',
    dateline: (a) => {
      const p = localParts(a.publishedAt);
      return `${arWeekday(p)} ${arDate(p, 'ma')} - ${p.hh}:${p.mm}`;
    },
    comments: true,
    ticker: true,
  },
  'hespress-fr': {
    siteName: 'Hespress FR',
    lang: 'fr',
    nav: FR_NAV,
    feed: 'rss',
    dateline: (a) => {
      const p = localParts(a.publishedAt);
      return `${frWeekday(p)} ${frDate(p)} - ${p.hh}:${p.mm}`;
    },
    comments: false,
    ticker: false,
  },
  'hespress-en': {
    siteName: 'Hespress English',
    lang: 'en',
    nav: ['Politics', 'Economy', 'Society', 'World', 'Sports', 'Culture'],
    feed: 'atom',
    dateline: (a) => {
      const p = localParts(a.publishedAt);
      return `${enDate(p)} - ${p.hh}:${p.mm}`;
    },
    comments: false,
    ticker: false,
  },
  medias24: {
    siteName: 'Médias24',
    lang: 'fr',
    nav: FR_NAV,
    feed: 'rss',
    dateline: (a) => {
      const p = localParts(a.publishedAt);
      const mod = updated(a, (iso) => {
        const u = localParts(iso);
        return ` Modifié ${frDate(u)} à ${u.hh}h${u.mm}`;
      });
      return `Le ${frDate(p)} à ${p.hh}h${p.mm}${mod}`;
    },
    comments: false,
    ticker: false,
  },
  ledesk: {
    siteName: 'Le Desk',
    lang: 'fr',
    nav: ['Newsroom', 'En continu', 'Enquêtes', 'Tech', 'Business', 'العربية'],
    feed: 'rss',
    // Le Desk prints the same French date line on its Arabic pages too.
    dateline: (a) => {
      const p = localParts(a.publishedAt);
      const mod = updated(a, (iso) => {
        const u = localParts(iso);
        return ` • Mis à jour le ${numericDate(u, '.')} à ${u.hh} H ${u.mm}`;
      });
      return `${numericDate(p, '.')} à ${p.hh} H ${p.mm}${mod} • Temps de lecture : 3 minutes`;
    },
    comments: false,
    ticker: false,
  },
  telquel: {
    siteName: 'TelQuel',
    lang: 'fr',
    nav: ['Politique', 'Économie', 'Société', 'Instant T', 'Culture', 'Sport'],
    feed: 'rss',
    dateline: (a) => {
      const p = localParts(a.publishedAt);
      return `Le ${numericDate(p, '/')} à ${p.hh}h${p.mm}`;
    },
    comments: false,
    ticker: false,
  },
  bladi: {
    siteName: 'Bladi.net',
    lang: 'fr',
    nav: ['Maroc', 'Monde', 'Economie', 'Sport', 'Forum', 'Annonces'],
    feed: 'spip',
    dateline: (a) => {
      const p = localParts(a.publishedAt);
      return `${frDate(p)} - ${p.hh}h${p.mm} - ${a.section} - Ecrit par : ${a.author ?? 'Bladi.net'}`;
    },
    comments: false,
    ticker: false,
  },
  yabiladi: {
    siteName: 'Yabiladi',
    lang: 'fr',
    nav: ['Actualités', 'Maroc', 'Diaspora', 'Société', 'Forums', 'Annonces'],
    feed: 'rss',
    dateline: (a) => {
      const p = localParts(a.publishedAt);
      return `Publié le ${frDate(p)} à ${p.hh}h${p.mm}`;
    },
    comments: true,
    ticker: false,
  },
  leconomiste: {
    siteName: "L'Economiste",
    lang: 'fr',
    nav: ['Economie', 'Entreprises', 'Politique', 'Société', 'International', 'Flash infos'],
    feed: 'rss',
    dateline: (a) => {
      const p = localParts(a.publishedAt);
      return `Par ${a.author ?? "L'Economiste"}| Le ${numericDate(p, '/')} - ${p.hh}:${p.mm}`;
    },
    comments: false,
    ticker: false,
  },
  alyaoum24: {
    siteName: 'اليوم 24',
    lang: 'ar',
    nav: AR_NAV,
    feed: 'rss',
    dateline: (a) => {
      const p = localParts(a.publishedAt);
      return `${arWeekday(p)} ${arDate(p, 'me')} على الساعة ${p.hh}:${p.mm}`;
    },
    comments: false,
    ticker: true,
  },
  hibapress: {
    siteName: 'هبة بريس',
    lang: 'ar',
    nav: AR_NAV,
    feed: 'rss',
    dateline: (a) => {
      const p = localParts(a.publishedAt);
      return `${a.author ?? 'هبة بريس'} | ${arDate(p, 'me')} - ${p.hh}:${p.mm}`;
    },
    comments: false,
    ticker: false,
  },
  al3omk: {
    siteName: 'العمق المغربي',
    lang: 'ar',
    nav: AR_NAV,
    feed: 'rss',
    dateline: (a) => {
      const p = localParts(a.publishedAt);
      return `تم النشر بتاريخ ${arDate(p, 'ma')} على الساعة ${p.hh}:${p.mm}`;
    },
    comments: true,
    ticker: false,
  },
  maghress: {
    siteName: 'مغرس',
    lang: 'ar',
    nav: ['هسبريس', 'اليوم 24', 'العمق', 'فبراير', 'Le360', 'Français'],
    feed: 'rss',
    // Maghress names the outlet it copied from, with the original's date only.
    dateline: (a) => {
      const p = localParts(a.publishedAt);
      return a.lang === 'ar'
        ? `نشر في ${a.author ?? 'مغرس'} يوم ${numericDate(p, ' - ')}`
        : `Publié dans ${a.author ?? 'Maghress'} le ${numericDate(p, ' - ')}`;
    },
    comments: false,
    ticker: true,
  },
};

export function outletOf(sourceId: string): Outlet {
  const outlet = OUTLETS[sourceId];
  if (outlet === undefined) throw new Error(`replica: no chrome for source ${sourceId}`);
  return outlet;
}
