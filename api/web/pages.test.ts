import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../pipeline/types.ts';
import type { DocumentResponse } from './client.ts';
import { mentionAnnotations } from './document-page.ts';
import { annotatedText, highlighted, html } from './html.ts';
import { MESSAGES, pickUiLang } from './i18n.ts';
import { formatDate, type PageContext } from './layout.ts';
import {
  apiSearchParams,
  parseSearchState,
  type SearchView,
  searchBody,
  searchUrl,
  viaCaseOf,
  yearFacet,
} from './search-page.ts';

describe('html escaping', () => {
  it('escapes interpolated crawled text but keeps trusted markup', () => {
    const title = '<script>alert(1)</script> "quoted" & \'single\'';
    expect(html`<h1 title="${title}">${title}</h1>`.value).toBe(
      '<h1 title="&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &amp; &#39;single&#39;">&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &amp; &#39;single&#39;</h1>',
    );
    expect(html`<ul>${['a', html`<b>b</b>`, null, false]}</ul>`.value).toBe('<ul>a<b>b</b></ul>');
  });

  it('restores only the highlight tags of a snippet, balanced', () => {
    expect(highlighted('<mark>TLS</mark> <img src=x onerror=alert(1)>').value).toBe(
      '<mark>TLS</mark> &lt;img src=x onerror=alert(1)&gt;',
    );
    // A crop can cut a tag off: a stray close is dropped, an open one is closed.
    expect(highlighted('ontact</mark> est <mark>TLS').value).toBe('ontact est <mark>TLS</mark>');
  });
});

describe('annotated text', () => {
  const text = 'La CNDP a auditionné TLScontact.\n\nالقانون رقم 09.08 واضح.';
  it('links mentions at their offsets, paragraph by paragraph, each with its own direction', () => {
    const start = text.indexOf('TLScontact');
    const law = text.indexOf('القانون');
    const out = annotatedText(text, [
      { start, end: start + 10, kind: 'org', href: '/ui/entities/org%3Atlscontact', title: 'TLScontact' },
      { start: law, end: law + 17, kind: 'law', href: null, title: 'Loi 09-08' },
    ]).value;
    expect(out).toBe(
      '<p dir="auto">La CNDP a auditionné <a class="ent ent-org" title="TLScontact" href="/ui/entities/org%3Atlscontact">TLScontact</a>.</p>' +
        '<p dir="auto"><span class="ent ent-law" title="Loi 09-08">القانون رقم 09.08</span> واضح.</p>',
    );
  });

  it('skips spans that overlap an earlier one or fall outside the text', () => {
    const out = annotatedText('abc def', [
      { start: 0, end: 3, kind: 'org', href: null, title: 'x' },
      { start: 2, end: 5, kind: 'law', href: null, title: 'y' },
      { start: 5, end: 99, kind: 'law', href: null, title: 'z' },
    ]).value;
    expect(out).toBe('<p dir="auto"><span class="ent ent-org" title="x">abc</span> def</p>');
  });

  it('keeps only mentions whose recorded text is at their offsets', () => {
    const doc = {
      analysis: { text: 'Visite de TLScontact.' },
      entities: {
        organizations: [
          {
            id: 'org:tlscontact',
            name: 'TLScontact',
            mentions: [
              { start: 10, end: 20, text: 'TLScontact' },
              { start: 0, end: 6, text: 'Autre' },
            ],
          },
        ],
      },
    } as unknown as DocumentResponse;
    expect(mentionAnnotations(doc, MESSAGES.fr)).toEqual([
      { start: 10, end: 20, kind: 'org', href: '/ui/entities/org%3Atlscontact', title: 'TLScontact' },
    ]);
  });
});

describe('search state and URLs', () => {
  it('round-trips a shareable URL and leaves defaults out', () => {
    const state = parseSearchState({
      q: 'reconnaissance faciale',
      language: ['ar', 'fr'],
      org: 'org:tlscontact',
      sort: 'date:desc',
      view: 'cases',
      year: '2023',
      hl: 'ar',
    });
    const url = searchUrl(state);
    expect(url).toBe(
      '/ui?q=reconnaissance+faciale&language=ar&language=fr&org=org%3Atlscontact&year=2023&sort=date%3Adesc&view=cases',
    );
    expect(parseSearchState(Object.fromEntries(new URLSearchParams(url.split('?')[1]).entries()))).toMatchObject({
      q: 'reconnaissance faciale',
      sort: 'date:desc',
      view: 'cases',
    });
    expect(searchUrl(parseSearchState({ sort: 'nonsense', view: 'documents' }))).toBe('/ui');
  });

  it('turns a year into a date range intersected with from/to', () => {
    const state = parseSearchState({ q: 'x', year: '2023', from: '2023-03-01', to: '2024-06-01' });
    const p = apiSearchParams(state, { withDates: true });
    expect([p.get('from'), p.get('to')]).toEqual(['2023-03-01', '2023-12-31']);
    expect(apiSearchParams(state, { withDates: false }).has('from')).toBe(false);
  });

  it('recognises a hit that came through a case', () => {
    expect(viaCaseOf({ via: 'case', throughCaseId: 'case_1', caseId: 'case_1' })).toBe('case_1');
    expect(viaCaseOf({ via: 'query', caseId: 'case_3' })).toBeNull();
  });
});

describe('interface language', () => {
  it('takes hl, then the cookie, then Accept-Language, then French', () => {
    expect(pickUiLang('ar', 'raqib_hl=en', 'fr')).toBe('ar');
    expect(pickUiLang(undefined, 'x=1; raqib_hl=en', 'ar')).toBe('en');
    expect(pickUiLang('xx', undefined, 'de-DE,ar;q=0.8')).toBe('ar');
    expect(pickUiLang(undefined, undefined, undefined)).toBe('fr');
  });

  it('prints a source date as that calendar day, whatever the offset', () => {
    expect(formatDate('2023-01-10T00:30:00+01:00', 'fr')).toBe('10 janv. 2023');
    expect(formatDate('2023-01-10', 'ar')).toMatch(/10.*2023|2023.*10/);
  });

  it('translates every interface string and event type into Arabic', () => {
    const untranslated = (Object.keys(MESSAGES.fr) as (keyof typeof MESSAGES.fr)[]).filter(
      (key) => typeof MESSAGES.fr[key] === 'string' && key !== 'appName' && MESSAGES.ar[key] === MESSAGES.fr[key],
    );
    expect(untranslated).toEqual([]);
    for (const type of EVENT_TYPES) {
      expect(MESSAGES.ar.eventType[type], type).toMatch(/[\u0600-\u06ff]/);
      expect(MESSAGES.fr.eventType[type], type).toBeDefined();
    }
  });
});

describe('search results', () => {
  const ctx: PageContext = { lang: 'fr', t: MESSAGES.fr, url: '/ui?q=x', assetVersion: 'v' };
  const hit = (over: Record<string, unknown>) => ({
    id: 'doc_1',
    url: 'https://example.ma/a',
    language: 'ar',
    title: 'عنوان',
    titleHighlighted: '<mark>عنوان</mark> <img src=x onerror=alert(1)>',
    publishedAt: '2023-01-10T10:00:00+01:00',
    caseId: null,
    sourceId: 'hespress-ar',
    outlet: 'Hespress',
    snippet: 'نص <mark>مطابق</mark>',
    via: 'query',
    ...over,
  });
  const view = (hits: Record<string, unknown>[], understood: unknown): SearchView => ({
    state: parseSearchState({ q: 'reconnaissance faciale' }),
    result: {
      query: 'reconnaissance faciale',
      hits: hits as never,
      estimatedTotalHits: hits.length,
      limit: 20,
      offset: 0,
      nextCursor: null,
      facets: { language: { ar: 1, fr: 1 } },
      understood,
    },
    error: null,
    years: [{ year: 2023, count: 2 }],
    labels: new Map(),
    cases: new Map(),
  });

  it('shows how the query was understood and which hits came through a case, escaped, in their direction', () => {
    const out = searchBody(
      view([hit({}), hit({ id: 'doc_2', via: 'case', throughCaseId: 'case_9', caseId: 'case_9' })], {
        concepts: [
          {
            id: 'facial_recognition',
            matched: 'reconnaissance faciale',
            labels: { fr: 'reconnaissance faciale', ar: 'التعرف على الوجه' },
          },
        ],
        entities: [],
        laws: [],
      }),
      ctx,
    ).value;
    expect(out).toContain('Compris comme');
    expect(out).toContain('<span lang="ar" dir="rtl">التعرف على الوجه</span>');
    expect(out).toContain('Trouvé via l’affaire <a href="/ui/cases/case_9">case_9</a>');
    expect(out.match(/class="hit via-case"/g)).toHaveLength(1);
    expect(out).toContain('<span lang="ar" dir="rtl"><mark>عنوان</mark> &lt;img src=x onerror=alert(1)&gt;</span>');
    expect(out).toContain('<p lang="ar" dir="rtl" class="snippet">نص <mark>مطابق</mark></p>');
    expect(out).not.toContain('<img');
  });

  it('says so when nothing matches, and shows no understood block for an API without one', () => {
    const out = searchBody(view([], undefined), ctx).value;
    expect(out).toContain(MESSAGES.fr.noResults);
    expect(out).not.toContain('Compris comme');
  });
});

describe('year facet', () => {
  it('names where its counts come from until they are counted, keeping the selected year', () => {
    const state = parseSearchState({ q: 'cndp', year: '2023', language: 'ar', cursor: 'abc', sort: 'date:desc' });
    const pending = yearFacet(state, null, MESSAGES.fr).value;
    expect(pending).toContain('data-src="/ui/years?q=cndp&amp;language=ar&amp;year=2023"');
    expect(pending).toMatch(/id="f-year-2023" name="year" value="2023" checked/);
    const counted = yearFacet(
      state,
      [
        { year: 2023, count: 4 },
        { year: 2019, count: 1 },
      ],
      MESSAGES.fr,
    ).value;
    expect(counted).not.toContain('data-src');
    expect(counted).toContain('<span class="count">1</span>');
    expect(yearFacet(parseSearchState({ q: 'x' }), [], MESSAGES.fr).value).toContain(' hidden>');
  });
});
