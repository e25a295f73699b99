import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Extracted } from '../types.ts';
import { extractHtml } from './html.ts';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

interface Expected extends Omit<Extracted, 'text'> {
  url: string;
  paragraphs?: number;
  mustContain: string[];
  mustNotContain: string[];
}

// Headlines of unrelated news, as link lists and tickers repeat them around an article.
const HEADLINES = [
  'Le dirham se stabilise face au dollar',
  'Tanger Med inaugure un nouveau quai',
  'Grève des transporteurs à Casablanca',
  'Le festival de Fès dévoile sa programmation',
  'Hausse des exportations de phosphate',
  'Les pluies relancent la saison agricole',
  'Un nouveau stade pour la ville de Tétouan',
  'Le tourisme intérieur reprend des couleurs',
];

const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.html'))
  .map((f) => f.replace(/\.html$/, ''));

describe('extractHtml on fixture pages', () => {
  it('has fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(4);
  });

  for (const name of fixtures) {
    it(name, () => {
      const html = readFileSync(path.join(dir, `${name}.html`), 'utf8');
      const expected = JSON.parse(readFileSync(path.join(dir, `${name}.expected.json`), 'utf8')) as Expected;
      const out = extractHtml(html, expected.url);
      expect({
        title: out.title,
        publishedAt: out.publishedAt,
        updatedAt: out.updatedAt,
        author: out.author,
        canonicalUrl: out.canonicalUrl,
        declaredLanguage: out.declaredLanguage,
        rejected: out.rejected,
      }).toEqual({
        title: expected.title,
        publishedAt: expected.publishedAt,
        updatedAt: expected.updatedAt,
        author: expected.author,
        canonicalUrl: expected.canonicalUrl,
        declaredLanguage: expected.declaredLanguage,
        rejected: expected.rejected,
      });
      for (const s of expected.mustContain) expect(out.text).toContain(s);
      for (const s of expected.mustNotContain) expect(out.text).not.toContain(s);
      if (expected.paragraphs !== undefined) expect(out.text.split('\n\n')).toHaveLength(expected.paragraphs);
      // Output format: paragraphs split by exactly one blank line, no entities, no stray whitespace.
      expect(out.text).not.toMatch(/\n{3,}|&[a-z]+;|&#\d+;|[ \t]{2,}|^\s|\s$/);
    });
  }
});

function page(body: string, head = ''): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;
}

const PROSE_FR = [
  'Le conseil communal a voté mardi soir un budget rectificatif destiné à financer la rénovation des marchés couverts du centre-ville, fermés depuis plusieurs mois.',
  'Les commerçants, qui réclamaient ces travaux depuis longtemps, saluent une décision attendue mais restent inquiets quant au calendrier annoncé par la municipalité.',
  "Selon l'adjoint chargé des finances, les premiers chantiers devraient démarrer avant l'été, une fois les appels d'offres attribués aux entreprises retenues.",
];

describe('extractHtml details', () => {
  it('reads dates from the visible date line, publication first, update second', () => {
    const html = page(
      `<div class="art"><h1>Budget municipal rectificatif adopté</h1>
       <p class="meta">Publié le 5 septembre 2019 à 14h20 - Modifié 10 avril 2021 à 21h43</p>
       <div class="txt">${PROSE_FR.map((p) => `<p>${p}</p>`).join('')}</div></div>`,
    );
    const out = extractHtml(html, 'https://example.ma/x');
    expect(out.publishedAt).toBe('2019-09-05T14:20:00');
    expect(out.updatedAt).toBe('2021-04-10T21:43:00');
    expect(out.title).toBe('Budget municipal rectificatif adopté');
    expect(out.text.split('\n\n')).toEqual(PROSE_FR);
  });

  it('ignores the date of another article teased above the article', () => {
    const html = page(
      `<div class="une"><div class="teaser"><h2>Les ports du Nord battent un record de trafic</h2><span>Le 02/01/2023 à 07h45</span></div></div>
       <div class="page"><div class="art"><h1>Budget municipal rectificatif adopté</h1><span class="when">Le 10/01/2023 à 10h13</span>
       <div class="txt">${PROSE_FR.map((p) => `<p>${p}</p>`).join('')}</div></div></div>`,
    );
    expect(extractHtml(html, 'https://example.ma/x').publishedAt).toBe('2023-01-10T10:13:00');
  });

  it('takes a dateline that opens the body when nothing else dates the page', () => {
    const html = page(
      `<div class="art"><h1>بلاغ اللجنة الوطنية</h1><div class="txt"><p>الرباط في 23 أكتوبر2019</p>
       <p>أعلنت اللجنة الوطنية لمراقبة حماية المعطيات ذات الطابع الشخصي عن تمديد أجل التصريح بالمعالجات إلى غاية نهاية السنة الجارية، وذلك لتمكين المقاولات من استكمال ملفاتها.</p>
       <p>وذكرت اللجنة أن هذا التمديد لا يعفي المسؤولين عن المعالجة من احترام باقي الالتزامات المنصوص عليها في القانون، خاصة ما يتعلق بحقوق الأشخاص المعنيين.</p></div></div>`,
    );
    const out = extractHtml(html, 'https://example.ma/ar/1');
    expect(out.publishedAt).toBe('2019-10-23');
    expect(out.text).toContain('أعلنت اللجنة الوطنية');
  });

  it('reads a top-level JSON-LD array and resolves a relative canonical against the page URL', () => {
    const ld = JSON.stringify([
      { '@type': 'BreadcrumbList', itemListElement: [] },
      { '@type': 'Article', headline: 'Titre JSON-LD', datePublished: '2022-12-23T23:18:00Z', author: 'Nadia B.' },
    ]);
    const html = page(
      `<article>${PROSE_FR.map((p) => `<p>${p}</p>`).join('')}</article>`,
      `<script type="application/ld+json">${ld}</script><link rel="canonical" href="/fr/article-42"><meta property="og:locale" content="fr_MA">`,
    );
    const out = extractHtml(html, 'https://example.ma/fr/article-42?utm_source=rss');
    expect(out).toMatchObject({
      title: 'Titre JSON-LD',
      publishedAt: '2022-12-23T23:18:00Z',
      author: 'Nadia B.',
      canonicalUrl: 'https://example.ma/fr/article-42',
      declaredLanguage: 'fr',
      rejected: null,
    });
  });

  it('rejects a page whose only content is a list of unrelated headline links', () => {
    const html = page(
      `<div class="main"><ul>${HEADLINES.map((h, i) => `<li><a href="/n/${i}">${h}</a></li>`).join('')}</ul></div>`,
    );
    expect(extractHtml(html, 'https://maghress.com/fr/x/1').rejected).not.toBeNull();
  });

  it('rejects an empty body and decodes entities in kept text', () => {
    expect(extractHtml(page('<div class="x">&nbsp;</div>'), 'https://example.ma/').rejected).toEqual({
      reason: 'empty',
    });
    const html = page(
      `<article><p>${PROSE_FR[0]} L&#39;adjoint &amp; le maire&nbsp;ont signé.</p><p>${PROSE_FR[1]}</p></article>`,
    );
    const out = extractHtml(html, 'https://example.ma/');
    expect(out.text).toContain("L'adjoint & le maire ont signé.");
  });
});

describe('extractHtml on ticker widgets', () => {
  const headlines = HEADLINES.slice(0, 7);

  it('calls a page whose only text is a marquee ticker a ticker page, not an empty one', () => {
    const html = page(`<div id="top"><a href="/">Accueil</a></div><marquee>${headlines.join(' ')}</marquee>`);
    expect(extractHtml(html, 'https://maghress.com/fr/challenge/1').rejected).toEqual({ reason: 'ticker' });
  });

  it('drops the ticker but keeps the article when both are on the page', () => {
    const html = page(
      `<div class="news-ticker">${headlines.map((h) => `<a href="/x">${h}</a>`).join(' ')}</div>
       <div class="article">${PROSE_FR.map((p) => `<p>${p}</p>`).join('')}</div>`,
    );
    const out = extractHtml(html, 'https://maghress.com/fr/challenge/2');
    expect(out.rejected).toBeNull();
    expect(out.text.split('\n\n')).toEqual(PROSE_FR);
  });
});

describe('extractHtml dates next to other articles', () => {
  it('skips dates of related-article items that share the container with the article', () => {
    const html = page(
      `<div class="wrap"><div class="top"><h1>Budget municipal rectificatif adopté</h1><p class="d">Le 14/05/2021 à 09h30</p></div>
       <div class="zone"><div class="liste"><ul>
         <li><span>Le 11/05/2021 à 18h02</span> <a href="/a">Les commerçants du centre-ville manifestent devant la mairie</a></li>
         <li><span>Le 09/05/2021 à 08h15</span> <a href="/b">La municipalité lance un appel d'offres pour les marchés</a></li>
       </ul></div>
       <div class="txt">${PROSE_FR.map((p) => `<p>${p}</p>`).join('')}</div></div></div>`,
    );
    const out = extractHtml(html, 'https://example.ma/x');
    expect(out.publishedAt).toBe('2021-05-14T09:30:00');
    expect(out.text).not.toContain('manifestent');
  });
});

describe('extractHtml author', () => {
  it("takes the article's byline, not a reader comment's author field", () => {
    const html = page(
      `<div class="art"><div class="txt">${PROSE_FR.map((p) => `<p>${p}</p>`).join('')}</div>
       <div id="comments"><div class="c"><span class="comment-author">Un lecteur fâché</span><p>Encore des promesses, rien de plus.</p></div></div></div>`,
    );
    expect(extractHtml(html, 'https://example.ma/x').author).toBeNull();
    const withByline = html.replace('<div class="txt">', '<p class="byline">Par Karim Alaoui</p><div class="txt">');
    expect(extractHtml(withByline, 'https://example.ma/x').author).toBe('Karim Alaoui');
  });
});

describe('extractHtml inline pointers', () => {
  it('drops a paragraph that is only a link to another article, keeps paragraphs with links in them', () => {
    const html = page(
      `<div class="art"><p>${PROSE_FR[0]}</p><p><a href="/autre">Les ports du Nord battent un record de trafic</a></p>
       <p>${PROSE_FR[1]} Voir <a href="/doc">le rapport</a>.</p><p>${PROSE_FR[2]}</p></div>`,
    );
    const out = extractHtml(html, 'https://example.ma/x');
    expect(out.text).not.toContain('ports du Nord');
    expect(out.text).toContain('Voir le rapport.');
    expect(out.text.split('\n\n')).toHaveLength(3);
  });
});

describe('extractHtml boilerplate words', () => {
  it('drops a lone "شارك" or "Tags" line but keeps sentences that merely start with such words', () => {
    const html = page(
      `<div class="art">
       <p>أعلنت اللجنة الوطنية عن إطلاق حملة تحسيسية لفائدة المقاولات الصغرى حول حماية المعطيات، تمتد على مدى ثلاثة أشهر في عدة مدن.</p>
       <p>شارك في اللقاء ممثلون عن غرف التجارة والصناعة.</p>
       <p>إعلان الرباط حول المعطيات الشخصية صدر في ختام الندوة.</p>
       <p>وأكد المتدخلون أن الامتثال للقانون يمر عبر التكوين المستمر للعاملين، وعبر تعيين مسؤول داخلي يتابع المعالجات ويجيب عن أسئلة الزبناء.</p>
       <p>شارك</p><h4>Tags</h4><div><a href="/t/1">CNDP</a> <a href="/t/2">Maroc</a></div></div>`,
    );
    const out = extractHtml(html, 'https://example.ma/ar/9');
    expect(out.text).toContain('شارك في اللقاء ممثلون');
    expect(out.text).toContain('إعلان الرباط حول المعطيات');
    expect(out.text.split('\n\n')).toHaveLength(4);
    expect(out.text).not.toMatch(/Tags|CNDP/);
  });
});

describe('extractHtml date lines', () => {
  it('drops a byline-and-date line inside the body but keeps a short dated sentence', () => {
    const html = page(
      `<div class="art"><p>${PROSE_FR[0]}</p><p>05/10/2018 - Publié par Leïla Benjelloun - Rubrique : Société</p>
       <p>Le 12 mars 2020, la loi a été adoptée par le Parlement.</p><p>${PROSE_FR[1]}</p><p>${PROSE_FR[2]}</p></div>`,
    );
    const out = extractHtml(html, 'https://example.ma/x');
    expect(out.text).not.toContain('Publié par');
    expect(out.text).toContain('Le 12 mars 2020, la loi a été adoptée par le Parlement.');
  });
});
