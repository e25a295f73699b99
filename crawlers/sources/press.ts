// Moroccan press, French and Arabic (and Hespress English). Article URL patterns and date formats
// come from SOURCES.md §3; each discovery entry says how sure we are that the URL exists. Hourly
// schedules use different minutes so the outlets are not all polled at once.
import type { SourceConfigInput } from '../source-config.ts';
import { ampRewrites, press } from './helpers.ts';

const LE360_FR = '^https://fr\\.le360\\.ma/[a-z0-9-]+/[a-z0-9-]+-[A-Za-z0-9_]+/?$';
export const le360Fr = press({
  id: 'le360-fr',
  name: 'Le360 (français)',
  outlet: 'Le360',
  languages: ['fr'],
  kind: 'press',
  homepage: 'https://fr.le360.ma/',
  discovery: [
    { type: 'feed', url: 'https://fr.le360.ma/rss', evidence: '3rd-party' },
    { type: 'listing', url: 'https://fr.le360.ma/societe/', linkPattern: LE360_FR, maxPages: 3, evidence: 'guess' },
  ],
  articlePatterns: [LE360_FR],
  canonicalization: { rewrites: ampRewrites('https://fr\\.le360\\.ma') },
  schedule: '2 * * * *',
  notes: 'Date line "Le 10/01/2023 à 10h13". Feed variants /rss.xml and /rss/<section> reported by third parties.',
});

const LE360_AR = '^https://ar\\.le360\\.ma/[a-z0-9-]+/\\d+/?$';
export const le360Ar = press({
  id: 'le360-ar',
  name: 'Le360 (العربية)',
  outlet: 'Le360',
  languages: ['ar'],
  kind: 'press',
  homepage: 'https://ar.le360.ma/',
  discovery: [
    { type: 'feed', url: 'https://ar.le360.ma/rss', evidence: '3rd-party' },
    { type: 'listing', url: 'https://ar.le360.ma/societe/', linkPattern: LE360_AR, maxPages: 3, evidence: 'guess' },
  ],
  articlePatterns: [LE360_AR],
  canonicalization: { rewrites: ampRewrites('https://ar\\.le360\\.ma') },
  schedule: '6 * * * *',
});

const HESPRESS_AR = '^https://www\\.hespress\\.com/[^/?#]+-\\d+\\.html$';
export const hespressAr = press({
  id: 'hespress-ar',
  name: 'Hespress (العربية)',
  outlet: 'Hespress',
  languages: ['ar'],
  kind: 'press',
  homepage: 'https://www.hespress.com/',
  discovery: [
    { type: 'feed', url: 'https://www.hespress.com/feed', evidence: '3rd-party' },
    {
      type: 'search',
      url: 'https://www.hespress.com/?s={query}',
      queries: ['اللجنة الوطنية لمراقبة حماية المعطيات', 'المعطيات الشخصية'],
      linkPattern: HESPRESS_AR,
      maxPages: 1,
      evidence: 'guess',
    },
  ],
  articlePatterns: [HESPRESS_AR],
  canonicalization: { rewrites: ampRewrites('https://www\\.hespress\\.com') },
  schedule: '10 * * * *',
  notes:
    'Article pages met only through Maghress copies; the /<slug>-<id>.html pattern is a guess. Reader comments follow the body.',
});

const HESPRESS_FR = '^https://fr\\.hespress\\.com/\\d+-[^/?#]+\\.html$';
export const hespressFr = press({
  id: 'hespress-fr',
  name: 'Hespress FR',
  outlet: 'Hespress',
  languages: ['fr'],
  kind: 'press',
  homepage: 'https://fr.hespress.com/',
  discovery: [{ type: 'feed', url: 'https://fr.hespress.com/feed', evidence: '3rd-party' }],
  articlePatterns: [HESPRESS_FR],
  canonicalization: { rewrites: ampRewrites('https://fr\\.hespress\\.com') },
  schedule: '14 * * * *',
  notes: 'Article URL pattern is a guess (no French Hespress page seen).',
});

const HESPRESS_EN = '^https://en\\.hespress\\.com/\\d+-[^/?#]+\\.html$';
export const hespressEn = press({
  id: 'hespress-en',
  name: 'Hespress English',
  outlet: 'Hespress',
  languages: ['en'],
  kind: 'press',
  homepage: 'https://en.hespress.com/',
  discovery: [{ type: 'feed', url: 'https://en.hespress.com/feed', evidence: '3rd-party' }],
  articlePatterns: [HESPRESS_EN],
  schedule: '18 * * * *',
  notes: 'Article URL pattern is a guess.',
});

const MEDIAS24 = '^https://medias24\\.com/\\d{4}/\\d{2}/\\d{2}/[^/?#]+/$';
export const medias24 = press({
  id: 'medias24',
  name: 'Médias24',
  outlet: 'Médias24',
  languages: ['fr'],
  kind: 'press',
  homepage: 'https://medias24.com/',
  discovery: [
    { type: 'feed', url: 'https://medias24.com/feed/', evidence: '3rd-party' },
    {
      type: 'listing',
      url: 'https://medias24.com/categorie/maroc/',
      linkPattern: MEDIAS24,
      maxPages: 2,
      evidence: 'guess',
    },
  ],
  articlePatterns: [MEDIAS24],
  canonicalization: { rewrites: ampRewrites('https://medias24\\.com') },
  schedule: '22 * * * *',
  notes:
    'One third party reports a Cloudflare JS challenge on the feed. Dates: "Le 5 septembre 2019 à 14h20" then ' +
    '"Modifié 10 avril 2021 à 21h43" — prefer the first. Arabic feed https://www.medias24.com/ar/feed/ not configured.',
});

const LEDESK = '^https://ledesk\\.ma/(?:\\d{4}/\\d{2}/\\d{2}|enclair|encontinu|arabia)/[^/?#]+/$';
export const ledesk = press({
  id: 'ledesk',
  name: 'Le Desk',
  outlet: 'Le Desk',
  languages: ['fr', 'ar'],
  kind: 'press',
  homepage: 'https://ledesk.ma/',
  discovery: [
    { type: 'feed', url: 'https://ledesk.ma/feed/', evidence: '3rd-party' },
    { type: 'listing', url: 'https://ledesk.ma/encontinu/', linkPattern: LEDESK, maxPages: 2, evidence: 'guess' },
  ],
  articlePatterns: [LEDESK],
  canonicalization: { rewrites: ampRewrites('https://ledesk\\.ma') },
  schedule: '26 * * * *',
  notes:
    'Paywalled ("Abonnez-vous", 60 DH): most pages yield a teaser only. Date line "23.12.2022 à 23 H 18 • Mis à ' +
    'jour le 26.12.2022 à 01 H 40", the same French line on Arabic (/arabia/) pages.',
});

const TELQUEL = '^https://telquel\\.ma/(?:instant-t/)?\\d{4}/\\d{2}/\\d{2}/[^/?#]+_\\d+$';
export const telquel = press({
  id: 'telquel',
  name: 'TelQuel',
  outlet: 'TelQuel',
  languages: ['fr'],
  kind: 'press',
  homepage: 'https://telquel.ma/',
  discovery: [
    { type: 'feed', url: 'https://telquel.ma/feed/', evidence: '3rd-party' },
    { type: 'listing', url: 'https://telquel.ma/instant-t/', linkPattern: TELQUEL, maxPages: 2, evidence: 'guess' },
  ],
  articlePatterns: [TELQUEL],
  schedule: '30 * * * *',
  notes: 'Publication date is in the URL; some stories are paywalled (teaser only).',
});

const BLADI = '^https://www\\.bladi\\.net/[^/?#]+,\\d+\\.html$';
export const bladi = press({
  id: 'bladi',
  name: 'Bladi.net',
  outlet: 'Bladi.net',
  languages: ['fr'],
  kind: 'press',
  homepage: 'https://www.bladi.net/',
  discovery: [{ type: 'feed', url: 'https://www.bladi.net/spip.php?page=backend', evidence: '3rd-party' }],
  articlePatterns: [BLADI],
  schedule: '34 * * * *',
  notes:
    'SPIP backend feed. Date line "27 octobre 2019 - 05h00 - Economie - Ecrit par : Bladi.net", but some pages ' +
    'show only "- 16h10 - Maroc - Ecrit par : S.A" (no date). Related-article teasers follow the body.',
});

const YABILADI = '^https://www\\.yabiladi\\.com/articles/details/\\d+/[^/?#]+\\.html$';
export const yabiladi = press({
  id: 'yabiladi',
  name: 'Yabiladi',
  outlet: 'Yabiladi',
  languages: ['fr'],
  kind: 'press',
  homepage: 'https://www.yabiladi.com/',
  discovery: [{ type: 'feed', url: 'https://www.yabiladi.com/rss', evidence: '3rd-party' }],
  articlePatterns: [YABILADI],
  schedule: '38 * * * *',
  notes:
    'Feed links carry ?utm_source=rss_yabiladi (seen), so an RSS exists; its URL comes from a third-party HTML ' +
    'snapshot (others list /rss/news.xml). English edition en.yabiladi.com uses different ids, not configured.',
});

const LECONOMISTE = '^https://www\\.leconomiste\\.com/(?:article/\\d+-[^/?#]+|flash-infos/[^/?#]+)$';
export const leconomiste = press({
  id: 'leconomiste',
  name: "L'Economiste",
  outlet: "L'Economiste",
  languages: ['fr'],
  kind: 'press',
  homepage: 'https://www.leconomiste.com/',
  discovery: [
    { type: 'feed', url: 'https://www.leconomiste.com/rss.xml', evidence: '3rd-party' },
    {
      type: 'listing',
      url: 'https://www.leconomiste.com/flash-infos/',
      linkPattern: LECONOMISTE,
      maxPages: 2,
      evidence: 'guess',
    },
  ],
  articlePatterns: [LECONOMISTE],
  schedule: '42 * * * *',
  notes:
    'Date line "Par L\'Economiste| Le 22/03/2025 - 10:19". The page header carries a teaser of another article ' +
    'with its own date: do not take it for the publication date. Partly paywalled.',
});

const ALYAOUM24 = '^https://alyaoum24\\.com/\\d+\\.html$';
export const alyaoum24 = press({
  id: 'alyaoum24',
  name: 'اليوم 24',
  outlet: 'Alyaoum24',
  languages: ['ar'],
  kind: 'press',
  homepage: 'https://alyaoum24.com/',
  discovery: [{ type: 'feed', url: 'https://alyaoum24.com/feed', evidence: 'guess' }],
  articlePatterns: [ALYAOUM24],
  schedule: '46 * * * *',
  notes: 'Met only through Maghress copies; feed and article pattern are WordPress guesses.',
});

const HIBAPRESS = '^https://ar\\.hibapress\\.com/details-\\d+\\.html$';
export const hibapress = press({
  id: 'hibapress',
  name: 'هبة بريس',
  outlet: 'Hibapress',
  languages: ['ar'],
  kind: 'press',
  homepage: 'https://ar.hibapress.com/',
  discovery: [{ type: 'feed', url: 'https://www.hibapress.com/feed', evidence: '3rd-party' }],
  articlePatterns: [HIBAPRESS],
  schedule: '50 * * * *',
  notes: 'The feed lives on www.hibapress.com while articles are on ar.hibapress.com.',
});

const AL3OMK = '^https://al3omk\\.com/\\d+\\.html$';
export const al3omk = press({
  id: 'al3omk',
  name: 'العمق المغربي',
  outlet: 'Al3omk',
  languages: ['ar'],
  kind: 'press',
  homepage: 'https://al3omk.com/',
  discovery: [
    { type: 'feed', url: 'https://al3omk.com/feed', evidence: '3rd-party' },
    {
      type: 'listing',
      url: 'https://al3omk.com/category/national/',
      linkPattern: AL3OMK,
      maxPages: 2,
      evidence: 'guess',
    },
  ],
  articlePatterns: [AL3OMK],
  schedule: '54 * * * *',
  notes: 'Arabic article pattern inferred from the French edition fr.al3omk.com/<id>.html (seen).',
});

export const PRESS_SOURCES: readonly SourceConfigInput[] = [
  le360Fr,
  le360Ar,
  hespressAr,
  hespressFr,
  hespressEn,
  medias24,
  ledesk,
  telquel,
  bladi,
  yabiladi,
  leconomiste,
  alyaoum24,
  hibapress,
  al3omk,
];

// Maghress republishes other outlets' articles; its copies carry the body only, and some of its
// pages hold nothing but the site-wide headline ticker (the extractor must reject those).
const MAGHRESS = '^https://www\\.maghress\\.com/(?:fr/)?[a-z0-9]+/\\d+$';
export const maghress = press({
  id: 'maghress',
  name: 'Maghress',
  outlet: 'Maghress',
  languages: ['ar', 'fr'],
  kind: 'aggregator',
  homepage: 'https://www.maghress.com/',
  discovery: [
    { type: 'listing', url: 'https://www.maghress.com/', linkPattern: MAGHRESS, maxPages: 2, evidence: 'guess' },
    { type: 'listing', url: 'https://www.maghress.com/fr/', linkPattern: MAGHRESS, maxPages: 2, evidence: 'guess' },
  ],
  articlePatterns: [MAGHRESS],
  canonicalization: { rewrites: [['^https?://maghress\\.com/', 'https://www.maghress.com/']] },
  schedule: '58 * * * *',
  notes:
    'Copies are /<source>/<id> (Arabic) and /fr/<source>/<id> (French); the source segment names the original ' +
    'outlet. No feed seen. Title and date must come from the HTML; ticker-only pages must be rejected.',
});
