// A document's page: its clean text with the entity mentions linked at their offsets, its metadata,
// cases, entities, duplicate copies and versions.
import type { CaseRecord, DocumentResponse } from './client.ts';
import { type Annotation, annotatedText, type Html, html } from './html.ts';
import type { Messages } from './i18n.ts';
import {
  caseHref,
  caseTitle,
  DEADLINE_LABELS,
  dataText,
  docHref,
  entityHref,
  layout,
  type PageContext,
  time,
} from './layout.ts';

const MENTION_KINDS: Record<string, string> = {
  organizations: 'org',
  persons: 'person',
  laws: 'law',
  events: 'event',
  deadlines: 'deadline',
  amounts: 'amount',
};

export function mentionAnnotations(doc: DocumentResponse, t: Messages): Annotation[] {
  const out: Annotation[] = [];
  const text = doc.analysis?.text ?? '';
  for (const [group, items] of Object.entries(doc.entities ?? {})) {
    const kind = MENTION_KINDS[group] ?? 'other';
    for (const e of items) {
      const linkable = (kind === 'org' || kind === 'law') && typeof e.id === 'string';
      const title =
        kind === 'event'
          ? `${t.eventType[e.type ?? ''] ?? e.type ?? ''}${e.date ? ` · ${e.date}` : ''}`
          : kind === 'deadline'
            ? `${e.label ?? ''} ${e.date ?? ''}`
            : (e.name ?? e.label ?? e.id ?? '');
      for (const m of e.mentions ?? []) {
        // Offsets index the current text; a mention recorded against another version is skipped.
        if (text.slice(m.start, m.end) !== m.text) continue;
        out.push({ start: m.start, end: m.end, kind, href: linkable ? entityHref(e.id as string) : null, title });
      }
    }
  }
  return out;
}

export interface DocumentView {
  doc: DocumentResponse;
  /** Titles of the duplicate copies and of the cases, looked up by id. */
  titles: Map<string, { title: string | null; language: string; outlet: string | null }>;
  cases: Map<string, CaseRecord>;
}

export function documentPage(view: DocumentView, ctx: PageContext): Html {
  const { t, lang } = ctx;
  const { doc } = view;
  const a = doc.analysis;
  const dl = a?.language ?? 'und';
  const entityList = (group: string) =>
    (doc.entities?.[group] ?? []).filter((e) => typeof e.id === 'string' && e.mentions.length > 0);
  const caseLink = (id: string) => {
    const c = view.cases.get(id);
    return html`<a href="${caseHref(id)}">${c ? caseTitle(c.title, lang) : id}</a>`;
  };
  const versions = doc.versions.map(
    (v, i) =>
      html`<li>v${v.versionNo} · ${time(v.createdAt, lang)} · <code title="${v.contentHash}">${v.contentHash.slice(0, 10)}</code> · ${i === 0 ? t.versionFirst : t.versionChanged} · <a href="${v.snapshot}" rel="nofollow">${t.snapshot}</a></li>`,
  );
  const body = html`<article class="document">
<h1>${dataText(a?.title ?? doc.id, dl)}</h1>
<div class="doc-grid">
<div class="doc-text" lang="${dl === 'und' ? '' : dl}">${a?.text ? annotatedText(a.text, mentionAnnotations(doc, t)) : html`<p>${t.noText}</p>`}</div>
<aside class="side">
<section><h2>${t.metadata}</h2><dl class="facts">
<dt>${t.outlet}</dt><dd dir="auto">${a?.outlet ?? ''}</dd>
<dt>${t.source}</dt><dd><code>${doc.sourceId ?? ''}</code></dd>
<dt>${t.docLanguage}</dt><dd>${t.langName[dl] ?? dl}</dd>
${a?.publishedAt ? html`<dt>${t.published}</dt><dd>${time(a.publishedAt, lang)}</dd>` : ''}
${a?.updatedAt ? html`<dt>${t.updated}</dt><dd>${time(a.updatedAt, lang)}</dd>` : ''}
${a?.author ? html`<dt>${t.author}</dt><dd dir="auto">${a.author}</dd>` : ''}
${a ? html`<dt>${t.relevant}</dt><dd>${a.relevant ? t.yes : t.no}${a.rejectedReason ? html` <small>(${a.rejectedReason})</small>` : ''}</dd>` : ''}
</dl>
<p class="links">${doc.url ? html`<a href="${doc.url}" rel="noopener noreferrer nofollow" target="_blank">${t.original} ↗</a>` : ''}${doc.snapshot ? html` · <a href="${doc.snapshot}" rel="nofollow">${t.snapshot}</a>` : ''}</p>
</section>
${doc.cases.caseId || doc.cases.mentionedCaseIds.length ? html`<section><h2>${t.cases}</h2><ul>${doc.cases.caseId ? html`<li>${caseLink(doc.cases.caseId)}</li>` : ''}${doc.cases.mentionedCaseIds.map((id) => html`<li class="muted">${t.mentionedIn}: ${caseLink(id)}</li>`)}</ul></section>` : ''}
<section><h2>${t.entities}</h2>
${[
  ['organizations', t.facet_org],
  ['laws', t.laws],
].map(([g, label]) => {
  const items = entityList(g as string);
  return items.length
    ? html`<h3>${label}</h3><ul>${items.map((e) => html`<li><a class="ent ent-${MENTION_KINDS[g as string]}" href="${entityHref(e.id as string)}" dir="auto">${e.name ?? e.label ?? e.id}</a> <span class="count">${e.mentions.length}</span></li>`)}</ul>`
    : '';
})}
${(doc.entities?.events ?? []).length ? html`<h3>${t.facet_eventType}</h3><ul>${(doc.entities?.events ?? []).map((e) => html`<li><span class="ent ent-event">${t.eventType[e.type ?? ''] ?? e.type}</span>${e.date ? html` · ${time(e.date, lang)}` : ''}</li>`)}</ul>` : ''}
${(doc.entities?.deadlines ?? []).length ? html`<h3>${t.deadlines}</h3><ul>${(doc.entities?.deadlines ?? []).map((e) => html`<li><span class="ent ent-deadline">${DEADLINE_LABELS[lang][e.label ?? ''] ?? e.label}</span> · ${time(e.date ?? null, lang)}</li>`)}</ul>` : ''}
</section>
${
  doc.duplicates && doc.duplicates.memberIds.length > 1
    ? html`<section><h2>${t.duplicates}</h2>
${doc.duplicates.isDuplicate ? html`<p>${t.duplicateOf} <a href="${docHref(doc.duplicates.canonicalId)}">${doc.duplicates.canonicalId}</a></p>` : ''}
<ul>${doc.duplicates.memberIds
        .filter((id) => id !== doc.id)
        .map((id) => {
          const d = view.titles.get(id);
          return html`<li><a href="${docHref(id)}">${d ? dataText(d.title ?? id, d.language) : id}</a>${d?.outlet ? html` <span class="outlet" dir="auto">${d.outlet}</span>` : ''}</li>`;
        })}</ul></section>`
    : ''
}
<section><h2>${t.versions}</h2><ol class="versions">${versions}</ol></section>
</aside>
</div>
</article>`;
  return layout(ctx, a?.title ?? doc.id, body, null);
}
