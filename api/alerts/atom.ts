// Atom feeds (RFC 4287): one per subscription, at an unguessable URL (its 256-bit token), and a
// public feed of new cases. Entry ids are name-based UUIDs (RFC 4122 v5-style, SHA-1) of what the
// entry is about, so an entry keeps its id across requests, restarts and re-rendering.
import { createHash } from 'node:crypto';
import type { Db } from '../../store/db.ts';
import type { MatchRow } from '../../store/deliveries.ts';
import { newestCases } from '../../store/recent.ts';
import type { CaseSummary, DocumentSummary } from './events.ts';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
// XML 1.0 forbids most control characters even escaped.
const clean = (s: string) => esc(s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ''));

function stableUuid(name: string): string {
  const h = createHash('sha1').update(`raqib:${name}`).digest();
  h[6] = ((h[6] as number) & 0x0f) | 0x50;
  h[8] = ((h[8] as number) & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `urn:uuid:${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

export interface AtomEntry {
  id: string;
  title: string;
  updated: string;
  link: string | null;
  summary: string;
  lang?: string;
}

export function renderFeed(feed: {
  id: string;
  title: string;
  self: string;
  updated: string;
  entries: AtomEntry[];
}): string {
  const entries = feed.entries
    .map(
      (e) => `  <entry${e.lang ? ` xml:lang="${esc(e.lang)}"` : ''}>
    <id>${esc(e.id)}</id>
    <title>${clean(e.title)}</title>
    <updated>${esc(e.updated)}</updated>${e.link ? `\n    <link rel="alternate" href="${esc(e.link)}"/>` : ''}
    <summary>${clean(e.summary)}</summary>
  </entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${esc(feed.id)}</id>
  <title>${clean(feed.title)}</title>
  <updated>${esc(feed.updated)}</updated>
  <link rel="self" type="application/atom+xml" href="${esc(feed.self)}"/>
  <author><name>Raqib</name></author>
  <generator>Raqib</generator>
${entries}
</feed>
`;
}

const LANG_OF = (doc: DocumentSummary | undefined) =>
  doc && ['fr', 'ar', 'en'].includes(doc.language) ? doc.language : undefined;

/** Entries of a subscription's feed: its matches, newest first. */
export function matchEntries(subscriptionId: string, matches: readonly MatchRow[]): AtomEntry[] {
  return matches.map((m) => {
    const doc = m.event.document as DocumentSummary | undefined;
    const c = m.event.case as CaseSummary | null | undefined;
    const d = m.event.deadline as { date: string; label: string } | undefined;
    const title =
      m.eventType === 'case.new' && c
        ? c.title.fr || c.title.ar
        : d
          ? `${d.date} — ${d.label}`
          : (doc?.title ?? c?.title.fr ?? m.eventKey);
    const summary = [m.eventType, c ? `${c.title.fr} / ${c.title.ar}` : null, doc?.outlet, doc?.url]
      .filter(Boolean)
      .join(' · ');
    return {
      id: stableUuid(`subscription/${subscriptionId}/${m.eventKey}`),
      title,
      updated: m.matchedAt,
      link: (m.eventType === 'document.new' ? doc?.link : (c?.link ?? doc?.link)) ?? null,
      summary,
      lang: m.eventType === 'document.new' ? LANG_OF(doc) : undefined,
    };
  });
}

/** The public feed's entries: the newest cases, in order of creation. */
export function newCaseEntries(db: Db, base: string, limit = 50): AtomEntry[] {
  return newestCases(db, limit).map((r) => ({
    id: stableUuid(`case/${r.id}`),
    title: r.titleFr || r.titleAr || r.id,
    updated: r.createdAt,
    link: `${base}/cases/${encodeURIComponent(r.id)}`,
    summary: `${r.titleAr ? `${r.titleAr} · ` : ''}${r.type} · ${r.documentCount} document${r.documentCount === 1 ? '' : 's'}`,
  }));
}
