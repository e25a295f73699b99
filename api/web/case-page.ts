// A case's page (its timeline, deadlines and coverage by outlet and language, each report linked to
// its document) and the list of all cases.
import type { CaseListItem, CaseRecord } from './client.ts';
import { type Html, html, trusted } from './html.ts';
import type { UiLang } from './i18n.ts';
import {
  caseHref,
  caseTitle,
  DEADLINE_LABELS,
  dataText,
  docHref,
  entityHref,
  langBadge,
  layout,
  type PageContext,
  time,
} from './layout.ts';

interface DocInfo {
  id: string;
  title: string | null;
  language: string;
  outlet: string;
  publishedAt: string | null;
}

function caseDocs(record: CaseRecord): Map<string, DocInfo> {
  const map = new Map<string, DocInfo>();
  for (const g of record.documents)
    for (const o of g.outlets)
      for (const d of o.documents)
        map.set(d.id, { id: d.id, title: d.title, language: g.language, outlet: o.outlet, publishedAt: d.publishedAt });
  return map;
}

function docRef(id: string, docs: Map<string, DocInfo>, ctx: PageContext): Html {
  const d = docs.get(id);
  if (!d) return html`<li><a href="${docHref(id)}">${id}</a></li>`;
  return html`<li>${langBadge(d.language)} <a href="${docHref(id)}">${dataText(d.title ?? id, d.language)}</a> <span class="outlet" dir="auto">${d.outlet}</span>${d.publishedAt ? html` · ${time(d.publishedAt, ctx.lang)}` : ''}</li>`;
}

// The case record's known gaps (pipeline/link/record.ts) in the interface language; a gap added
// there later shows in English until it is translated here.
const COMPLETENESS: Record<UiLang, Record<string, string>> = {
  fr: {
    'no regulator communiqué found, press only': 'aucun communiqué de la CNDP trouvé, presse seulement',
    'no French coverage found': 'aucune couverture en français trouvée',
    'no Arabic coverage found': 'aucune couverture en arabe trouvée',
    'a single source': 'une seule source',
    'no dated event in the sources': 'aucun événement daté dans les sources',
    'sources disagree on some dates': 'les sources divergent sur certaines dates',
  },
  ar: {
    'no regulator communiqué found, press only': 'لم يُعثر على بلاغ للجنة الوطنية، الصحافة فقط',
    'no French coverage found': 'لا تغطية بالفرنسية',
    'no Arabic coverage found': 'لا تغطية بالعربية',
    'a single source': 'مصدر واحد فقط',
    'no dated event in the sources': 'لا حدث مؤرخ في المصادر',
    'sources disagree on some dates': 'تختلف المصادر حول بعض التواريخ',
  },
  en: {},
};

export function casePage(record: CaseRecord, ctx: PageContext): Html {
  const { t, lang } = ctx;
  const docs = caseDocs(record);
  const other = lang === 'ar' ? dataText(record.title.fr, 'fr') : dataText(record.title.ar, 'ar');
  const timeline = record.timeline.map(
    (e) => html`<li class="event${e.disputed ? ' disputed' : ''}">
<div class="when">${time(e.date, lang)}</div>
<div class="what"><strong>${lang === 'ar' ? dataText(e.label.ar, 'ar') : e.label.fr}</strong>${e.disputed ? html` <span class="badge warn" title="${t.disputed}">${t.disputed}</span>` : ''}
${e.sentence ? html`<blockquote class="said" dir="auto">${e.sentence}</blockquote>` : ''}
<details${trusted(e.documentIds.length <= 4 ? ' open' : '')}><summary>${t.reportedBy} (${e.documentIds.length})</summary><ul class="reports">${e.documentIds.map((id) => docRef(id, docs, ctx))}</ul></details></div>
</li>`,
  );
  const undated = record.undatedEvents.map(
    (e) => html`<li class="event"><div class="when">${t.undated}</div>
<div class="what"><strong>${t.eventType[e.type] ?? e.type}</strong><details><summary>${t.reportedBy} (${e.documentIds.length})</summary><ul class="reports">${e.documentIds.map((id) => docRef(id, docs, ctx))}</ul></details></div></li>`,
  );
  const languages = record.documents.map((g) => g.language);
  const outlets = [...new Set(record.documents.flatMap((g) => g.outlets.map((o) => o.outlet)))].sort();
  const cell = (outlet: string, language: string) =>
    record.documents.find((g) => g.language === language)?.outlets.find((o) => o.outlet === outlet)?.documents.length ??
    0;
  const body = html`<article class="case">
${record.redirectedFrom ? html`<p class="notice">${t.redirected(record.redirectedFrom)}</p>` : ''}
<h1>${caseTitle(record.title, lang)}</h1>
<p class="subtitle">${other}</p>
<dl class="facts">
<dt>${t.caseType}</dt><dd>${t.caseTypeName[record.type] ?? record.type}</dd>
${record.topic ? html`<dt>${t.topic}</dt><dd>${lang === 'ar' ? dataText(record.topic.ar, 'ar') : record.topic.fr}</dd>` : ''}
<dt>${t.period}</dt><dd>${time(record.firstSeen, lang)}${record.lastSeen ? html` – ${time(record.lastSeen, lang)}` : ''}</dd>
${record.subjects.length ? html`<dt>${t.subjects}</dt><dd><ul class="inline">${record.subjects.map((s) => html`<li><a href="${entityHref(s.id)}">${dataText(lang === 'ar' && s.nameAr ? s.nameAr : s.name, lang === 'ar' && s.nameAr ? 'ar' : null)}</a> <span class="count">${s.documentCount}</span></li>`)}</ul></dd>` : ''}
${record.regulators.length ? html`<dt>${t.regulators}</dt><dd><ul class="inline">${record.regulators.map((r) => html`<li><a href="${entityHref(r.id)}" dir="auto">${r.id === 'org:cndp' ? 'CNDP' : r.name}</a></li>`)}</ul></dd>` : ''}
${record.laws.length ? html`<dt>${t.laws}</dt><dd><ul class="laws">${record.laws.map((l) => html`<li class="${l.parentId ? 'sub' : ''}"><a href="${entityHref(l.id)}" dir="auto">${l.label}</a> <span class="count">${l.documentIds.length}</span></li>`)}</ul></dd>` : ''}
<dt>${t.documents}</dt><dd>${record.documentCount} ${languages.map((l) => langBadge(l))}</dd>
</dl>
<section class="follow" id="follow" data-case-id="${record.id}" hidden>
<button type="button" class="follow-button">${t.follow}</button>
<p class="follow-result" role="status" data-ok="${t.following}" data-failed="${t.followFailed}" data-unavailable="${t.followUnavailable}" data-unsubscribe="${t.unsubscribe}"></p>
</section>
<section aria-labelledby="h-timeline"><h2 id="h-timeline">${t.timeline}</h2>
<ol class="timeline">${timeline}${undated}</ol></section>
${
  record.deadlines.length
    ? html`<section aria-labelledby="h-deadlines"><h2 id="h-deadlines">${t.deadlines}</h2>
<table class="deadlines"><tbody>${record.deadlines.map(
        (d) => html`<tr><td>${time(d.date, lang)}</td><td>${DEADLINE_LABELS[lang][d.label] ?? d.label}</td>
<td><span class="badge ${d.status === 'upcoming' ? 'ok' : 'muted'}">${d.status === 'upcoming' ? t.deadlineUpcoming : t.deadlinePassed}</span></td>
<td><details><summary>${t.reportedBy} (${d.documentIds.length})</summary><ul class="reports">${d.documentIds.map((id) => docRef(id, docs, ctx))}</ul></details></td></tr>`,
      )}</tbody></table></section>`
    : ''
}
<section aria-labelledby="h-coverage"><h2 id="h-coverage">${t.coverage}</h2>
<div class="scroll"><table class="coverage"><thead><tr><th scope="col">${t.outlet}</th>${languages.map((l) => html`<th scope="col">${t.langName[l] ?? l}</th>`)}</tr></thead>
<tbody>${outlets.map((o) => html`<tr><th scope="row" dir="auto">${o}</th>${languages.map((l) => html`<td>${cell(o, l) || ''}</td>`)}</tr>`)}</tbody></table></div>
${record.documents.map(
  (
    g,
  ) => html`<h3>${t.langName[g.language] ?? g.language} (${g.outlets.reduce((n, o) => n + o.documents.length, 0)})</h3>
<ul class="reports">${g.outlets.flatMap((o) => o.documents.map((d) => docRef(d.id, docs, ctx)))}</ul>`,
)}</section>
${record.completeness.length ? html`<section aria-labelledby="h-gaps"><h2 id="h-gaps">${t.completeness}</h2><ul>${record.completeness.map((c) => (COMPLETENESS[lang][c] ? html`<li>${COMPLETENESS[lang][c]}</li>` : html`<li lang="en" dir="ltr">${c}</li>`))}</ul></section>` : ''}
</article>`;
  return layout(ctx, lang === 'ar' ? record.title.ar : record.title.fr, body, null);
}

export const CASES_PAGE_SIZE = 100;

export function casesListPage(cases: CaseListItem[], total: number, offset: number, ctx: PageContext): Html {
  const { t, lang } = ctx;
  const pager = (to: number, label: string, rel: string) =>
    html`<a rel="${rel}" href="/ui/cases${to > 0 ? `?offset=${to}` : ''}">${label}</a>`;
  const body = html`<h1>${t.casesTitle} <span class="count">${total}</span></h1>
<div class="scroll"><table class="list"><thead><tr><th scope="col">${t.casesTitle}</th><th scope="col">${t.caseType}</th><th scope="col">${t.docCount}</th><th scope="col">${t.firstSeen}</th><th scope="col">${t.lastSeen}</th></tr></thead>
<tbody>${cases.map(
    (c) => html`<tr><td><a href="${caseHref(c.id)}">${caseTitle({ fr: c.titleFr, ar: c.titleAr }, lang)}</a></td>
<td>${t.caseTypeName[c.type] ?? c.type}</td><td class="num">${c.documentCount}</td><td>${time(c.firstSeen, lang)}</td><td>${time(c.lastSeen, lang)}</td></tr>`,
  )}</tbody></table></div>
<p class="more">${offset > 0 ? pager(Math.max(0, offset - CASES_PAGE_SIZE), t.previous, 'prev') : ''} ${offset + cases.length < total ? pager(offset + CASES_PAGE_SIZE, t.more, 'next') : ''}</p>`;
  return layout(ctx, t.casesTitle, body, 'cases');
}
