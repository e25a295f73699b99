// The regulator itself, www.cndp.ma (WordPress): French at the root, Arabic under /ar/.
// Everything it publishes is relevant (`mode: 'all'`), and it is polled every quarter hour because
// its communiqués are what the press reprints within hours (SOURCES.md §1).
import type { SourceConfigInput } from '../source-config.ts';
import { ampRewrites, anyOf } from './helpers.ts';

const ORIGIN = 'https://www\\.cndp\\.ma';

// Post slugs are truncated titles, so they have many hyphens; list pages (`/actualites/`,
// `/deliberation/`, `/ar/المستجدات/`) have few. Counting hyphens avoids a brittle list of exclusions.
const FR_POST = `^${ORIGIN}/(?:[^/?#-]+-){4,}[^/?#]*/$`;
const AR_POST = `^${ORIGIN}/ar/(?:[^/?#-]+-){3,}[^/?#]*/$`;
const FR_PDF = `^${ORIGIN}/wp-content/uploads/\\d{4}/\\d{2}/[^/?#]+\\.pdf$`;
const AR_PDF = `^${ORIGIN}/wp-content/uploads/\\d{4}/\\d{2}/[^/?#]+-[Aa][Rr]\\.pdf$`;

export const cndpFr: SourceConfigInput = {
  id: 'cndp-fr',
  name: 'CNDP (français)',
  outlet: 'CNDP',
  languages: ['fr'],
  kind: 'regulator',
  homepage: 'https://www.cndp.ma/',
  discovery: [
    {
      type: 'listing',
      url: 'https://www.cndp.ma/actualites/',
      linkPattern: anyOf([FR_POST, FR_PDF]),
      maxPages: 3,
      evidence: '3rd-party',
    },
    {
      type: 'listing',
      url: 'https://www.cndp.ma/deliberation/',
      linkPattern: anyOf([FR_POST, FR_PDF]),
      maxPages: 3,
      evidence: '3rd-party',
    },
    {
      type: 'listing',
      url: 'https://www.cndp.ma/communiques/',
      linkPattern: anyOf([FR_POST, FR_PDF]),
      maxPages: 3,
      evidence: 'guess',
    },
    { type: 'feed', url: 'https://www.cndp.ma/feed/', evidence: 'guess' },
    { type: 'sitemap', url: 'https://www.cndp.ma/wp-sitemap.xml', evidence: 'guess' },
    {
      type: 'search',
      url: 'https://www.cndp.ma/?s={query}',
      queries: ['délibération', 'communiqué', 'contrôle'],
      linkPattern: anyOf([FR_POST, FR_PDF]),
      maxPages: 1,
      evidence: 'guess',
    },
  ],
  articlePatterns: [FR_POST, FR_PDF],
  canonicalization: { rewrites: ampRewrites(ORIGIN) },
  relevance: { mode: 'all' },
  schedule: '*/15 * * * *',
  notes:
    'French edition and list pages known only from a third-party scraper; feed, sitemap, search and /page/N/ ' +
    'pagination are WordPress defaults, unverified. Old /fr/<path>.html URLs should 301 or 404. Communiqués ' +
    'may carry no dateline: take the date from the body or the page metadata.',
};

export const cndpAr: SourceConfigInput = {
  id: 'cndp-ar',
  name: 'CNDP (العربية)',
  outlet: 'CNDP',
  languages: ['ar'],
  kind: 'regulator',
  homepage: 'https://www.cndp.ma/ar/',
  discovery: [
    {
      type: 'listing',
      url: 'https://www.cndp.ma/ar/المستجدات/',
      linkPattern: anyOf([AR_POST, AR_PDF]),
      maxPages: 3,
      evidence: 'guess',
    },
    {
      type: 'listing',
      url: 'https://www.cndp.ma/ar/البلاغات/',
      linkPattern: anyOf([AR_POST, AR_PDF]),
      maxPages: 3,
      evidence: 'guess',
    },
    {
      type: 'listing',
      url: 'https://www.cndp.ma/ar/المداولات/',
      linkPattern: anyOf([AR_POST, AR_PDF]),
      maxPages: 3,
      evidence: 'guess',
    },
    { type: 'feed', url: 'https://www.cndp.ma/ar/feed/', evidence: 'guess' },
    { type: 'sitemap', url: 'https://www.cndp.ma/ar/wp-sitemap.xml', evidence: 'guess' },
  ],
  articlePatterns: [AR_POST, AR_PDF],
  canonicalization: { rewrites: ampRewrites(ORIGIN) },
  relevance: { mode: 'all' },
  schedule: '*/15 * * * *',
  notes:
    'Arabic posts seen at /ar/<percent-encoded Arabic slug>/ (trailing slash). Arabic list pages, feed and ' +
    'sitemap are guesses. Datelines look like "الرباط في 23 أكتوبر2019 –" (no space before the year) or are ' +
    'absent; the CNDP writes the law as 08-09 in Arabic.',
};
