// The replica's content is data: each page says where it lives on the real web, what it says, and
// what a perfect pipeline should conclude about it (its gold metadata).

/** The enforcement matters the fixtures cover; `null` on a page means "unrelated to any case". */
export const STORY_IDS = ['tls-cctv', 'facial-moratorium', 'facebook', 'exam-leak', 'call-recording'] as const;
export type StoryId = (typeof STORY_IDS)[number];

export type FixtureLang = 'fr' | 'ar' | 'en';

/** How the bytes of a page are encoded and where the charset is declared. */
export type FixtureEncoding = 'utf-8' | 'windows-1256-header' | 'windows-1256-meta' | 'iso-8859-1';

export interface ArticleFixture {
  /** Short unique key used by tests and the demo. */
  key: string;
  sourceId: string;
  /** Where the page lives on the real web; the replica serves it at the same path. */
  url: string;
  title: string;
  lang: FixtureLang;
  /** Morocco local time with its offset, e.g. `2023-01-09T22:54:00+01:00`. */
  publishedAt: string;
  updatedAt?: string;
  author?: string;
  section: string;
  /** Replaces the outlet's usual date line (e.g. a bladi page that shows only the hour). */
  dateline?: string;
  /** Standfirst shown under the title. */
  lead?: string;
  paragraphs: string[];
  story: StoryId | null;
  /** Pages that reprint the same wire copy share a group (near-duplicates). */
  dupGroup?: string;
  /** Only the first paragraphs are shown, followed by a subscription box. */
  paywall?: boolean;
  encoding?: FixtureEncoding;
  comments?: string[];
  /** An older URL of the same page that answers 301 to `url`. */
  oldUrl?: string;
  /** Answers after `slowPageMs`. */
  slow?: boolean;
  /** Left out of feeds (reachable only through listings or links). */
  hideFromFeed?: boolean;
  /** A PDF of the same communiqué, linked from this page (CNDP). */
  pdfKey?: string;
  /** On Maghress: the key of the original article this page copies. */
  copyOf?: string;
  /** A Maghress page that holds nothing but the headline ticker. */
  tickerOnly?: boolean;
}

export interface PdfFixture {
  key: string;
  sourceId: string;
  url: string;
  title: string;
  lang: 'fr' | 'ar';
  publishedAt: string;
  paragraphs: string[];
  story: StoryId | null;
}

/** What a perfect pipeline concludes about a page. */
export interface Gold {
  key: string;
  url: string;
  sourceId: string;
  outlet: string;
  story: StoryId | null;
  language: FixtureLang;
  /** ISO date-time as published (Morocco local time, with offset). */
  publishedAt: string;
  title: string;
  kind: 'article' | 'pdf' | 'ticker';
  dupGroup: string | null;
  paywall: boolean;
}
