// An entity's page: its names in every script, its cases by year and the documents that mention it.
import type { CaseRecord, EntityResponse } from './client.ts';
import { type Html, html } from './html.ts';
import { caseHref, caseTitle, dataText, docHref, langBadge, layout, type PageContext, time } from './layout.ts';

export function entityPage(entity: EntityResponse, cases: CaseRecord[], ctx: PageContext): Html {
  const { t, lang } = ctx;
  const name = entity.names[lang][0] ?? entity.names.fr[0] ?? entity.variants[0] ?? entity.id;
  const byYear = new Map<string, CaseRecord[]>();
  for (const c of [...cases].sort((a, b) => (a.firstSeen ?? '').localeCompare(b.firstSeen ?? ''))) {
    const y = c.firstSeen?.slice(0, 4) ?? '?';
    byYear.set(y, [...(byYear.get(y) ?? []), c]);
  }
  const body = html`<article class="entity">
<h1 dir="auto">${name}</h1>
<p class="meta">${t.entity} · <code>${entity.id}</code>${entity.kind ? html` · ${entity.kind}` : ''} · ${t.results(entity.documentCount)}</p>
<section><h2>${t.names}</h2>
<dl class="facts names">${(['fr', 'ar', 'en'] as const)
    .filter((l) => entity.names[l].length > 0)
    .map(
      (l) =>
        html`<dt>${t.langName[l]}</dt><dd><ul class="inline">${entity.names[l].map((n) => html`<li>${dataText(n, l)}</li>`)}</ul></dd>`,
    )}
${entity.variants.length ? html`<dt>${t.variants}</dt><dd><ul class="inline">${entity.variants.map((n) => html`<li dir="auto">${n}</li>`)}</ul></dd>` : ''}
</dl></section>
<section><h2>${t.casesOverTime}</h2>
<ol class="timeline years">${[...byYear.entries()].map(
    ([year, list]) =>
      html`<li class="event"><div class="when">${year}</div><div class="what"><ul>${list.map(
        (c) =>
          html`<li><a href="${caseHref(c.id)}">${caseTitle(c.title, lang)}</a> <span class="meta">${t.caseTypeName[c.type] ?? c.type} · ${time(c.firstSeen, lang)}${c.lastSeen ? html` – ${time(c.lastSeen, lang)}` : ''} · ${t.results(c.documentCount)}</span></li>`,
      )}</ul></div></li>`,
  )}</ol></section>
<section><h2>${t.entityDocuments}</h2><ul class="reports">${entity.documents.map(
    (d) =>
      html`<li>${langBadge(d.language)} <a href="${docHref(d.id)}">${dataText(d.title ?? d.id, d.language)}</a> <span class="outlet" dir="auto">${d.outlet ?? ''}</span>${d.publishedAt ? html` · ${time(d.publishedAt, lang)}` : ''}</li>`,
  )}</ul></section>
</article>`;
  return layout(ctx, name, body, null);
}
