// The crawl health of each source, for operators.
import type { SourceHealth } from './client.ts';
import { type Html, html } from './html.ts';
import { instant, langBadge, layout, type PageContext } from './layout.ts';

export function sourcesPage(sources: SourceHealth[], ctx: PageContext): Html {
  const { t, lang } = ctx;
  const status = (s: SourceHealth) =>
    s.backingOff
      ? html`<span class="badge warn">${t.statusBackoff}</span>`
      : s.consecutiveFailures > 0
        ? html`<span class="badge bad">${t.statusFailing}</span>`
        : s.lastSuccessAt
          ? html`<span class="badge ok">${t.statusOk}</span>`
          : html`<span class="badge muted">${t.statusNever}</span>`;
  const body = html`<h1>${t.sourcesTitle}</h1><p>${t.sourcesIntro}</p>
<div class="scroll"><table class="list sources"><thead><tr><th scope="col">${t.source}</th><th scope="col">${t.status}</th><th scope="col">${t.kind}</th><th scope="col">${t.languages}</th><th scope="col">${t.lastSuccess}</th><th scope="col">${t.lastFailure}</th><th scope="col">${t.failures}</th><th scope="col">${t.lastError}</th></tr></thead>
<tbody>${sources.map(
    (
      s,
    ) => html`<tr><th scope="row"><span dir="auto">${s.name ?? s.sourceId}</span><br><code>${s.sourceId}</code></th><td>${status(s)}</td><td>${s.kind ?? ''}</td>
<td>${s.languages.map((l) => langBadge(String(l)))}</td><td>${instant(s.lastSuccessAt, lang)}</td><td>${instant(s.lastFailureAt, lang)}</td><td class="num">${s.consecutiveFailures}</td>
<td><small>${s.lastError ?? ''}${Object.keys(s.errorCounts).length ? html` ${Object.entries(s.errorCounts).map(([k, n]) => html`<code>${k}</code>×${n} `)}` : ''}</small></td></tr>`,
  )}</tbody></table></div>`;
  return layout(ctx, t.sourcesTitle, body, 'sources');
}
