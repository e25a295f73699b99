// Which printed date is the page's publication date. Ranking under test: JSON-LD > meta tags >
// `<time datetime>` in the article header > a date line in the header zone (after the title, before
// the text, or just above the title) > a dateline opening the text > nothing. Dates inside the
// text, in quoted claims and in other articles' teasers are never the publication date.
import { describe, expect, it } from 'vitest';
import { extractHtml } from './html.ts';

function page(body: string, head = ''): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;
}

const p = (texts: readonly string[]) => texts.map((t) => `<p>${t}</p>`).join('\n');

const NAV =
  '<header><div class="logo">Le Guetteur</div><nav><a href="/">Accueil</a> <a href="/eco">Économie</a></nav></header>';

const FR = [
  "La commission a indiqué avoir reçu plusieurs plaintes de clients d'une agence de voyages qui publiait leurs copies de passeport sur un espace partagé.",
  "Selon le communiqué diffusé le 26 mars 2020, l'agence dispose d'un mois pour retirer les documents et informer les personnes concernées de la fuite.",
  "L'agence affirme de son côté avoir corrigé la configuration du serveur et promet un audit complet de ses traitements avant la fin du trimestre.",
] as const;

const AR = [
  'أعلنت اللجنة الوطنية أنها توصلت بشكايات من زبناء وكالة أسفار كانت تنشر نسخا من جوازات سفرهم على فضاء مشترك دون أي حماية تذكر.',
  'وأوضحت اللجنة في بلاغ صدر يوم 12 يونيو 2024 أنها منحت الوكالة أجل شهر لسحب الوثائق وإخبار الأشخاص المعنيين بما وقع.',
  'وأكدت الوكالة من جهتها أنها صححت إعدادات الخادم وأنها ستجري افتحاصا شاملا لمعالجاتها قبل نهاية الفصل الجاري.',
] as const;

const EN = [
  'The senator said in a televised interview that the new toll road had cost taxpayers three times the amount announced when the project was approved.',
  'Budget documents published by the transport ministry show the final bill was higher than planned, but by roughly forty percent rather than threefold.',
  'Engineers interviewed for this check said most of the overrun came from land purchases that were not part of the original estimate.',
] as const;

describe('date line under the title wins over dates in the text', () => {
  it('reads "Le 27 mars 2020 à 14h20" in a date-line div, not the deliberation date the text opens with', () => {
    const html = page(
      `${NAV}<main><article><h1>La commission prolonge son moratoire sur les caméras</h1>
       <div class="date-line">Le 27 mars 2020 à 14h20</div>
       <div class="article-body">${p([`Par sa décision du 26 mars 2020, ${FR[0]}`, FR[1], FR[2]])}</div></article></main>`,
    );
    expect(extractHtml(html, 'https://guetteur.example.ma/eco/moratoire').publishedAt).toBe('2020-03-27T14:20:00');
  });

  it('reads "02.03.2023 à 19 H 40 • Mis à jour le 03.03.2023 à 09 H 12": publication first, update second', () => {
    const html = page(
      `${NAV}<main><article><h1>Agence de voyages : la commission passe à la mise en demeure</h1>
       <div class="date-line">02.03.2023 à 19 H 40 • Mis à jour le 03.03.2023 à 09 H 12</div>
       <div class="article-body">${p([FR[0], 'La mise en demeure a été adressée le 1er mars 2023 à la direction de l’agence, qui n’a pas répondu à nos questions.', FR[2]])}</div></article></main>`,
    );
    const out = extractHtml(html, 'https://guetteur.example.ma/eco/agence');
    expect(out.publishedAt).toBe('2023-03-02T19:40:00');
    expect(out.updatedAt).toBe('2023-03-03T09:12:00');
  });

  it('reads "نشر بتاريخ 13 يونيو 2024" in a meta block, not the communiqué date in the text nor related items', () => {
    const html = page(
      `<main><article><h1>لجنة المعطيات توجه إعذارا لوكالة أسفار</h1>
       <div class="meta"><span class="date">نشر بتاريخ 13 يونيو 2024</span></div>
       <div class="share-bar"><span>شارك</span> <a href="#fb">فيسبوك</a></div>
       <div class="article-body">${p(AR)}</div></article>
       <aside class="related"><ul><li><a href="/1">ارتفاع عدد المسافرين عبر مطار الرباط سلا</a> <span class="date">14 يونيو 2024</span></li></ul></aside></main>`,
    );
    expect(extractHtml(html, 'https://akhbar.example.ma/ar/5501').publishedAt).toBe('2024-06-13');
  });

  it('reads a weekday date line "الأربعاء 05 فبراير 2025", not a date inside the first paragraph', () => {
    const html = page(
      `<main><article><h1>اللجنة الوطنية تراقب مقر شركة للاتصالات</h1>
       <div class="date-line">الأربعاء 05 فبراير 2025</div>
       <div class="article-body">${p([`أجرت اللجنة الوطنية عملية مراقبة بمقر الشركة يوم 28 يناير 2025، ${AR[0]}`, AR[2]])}</div></article></main>`,
    );
    expect(extractHtml(html, 'https://akhbar.example.ma/ar/5502').publishedAt).toBe('2025-02-05');
  });

  it('reads "الخميس 16 ماي 2024" with the Moroccan month name', () => {
    const html = page(
      `<main><article><h1>اتفاقية شراكة بين اللجنة ومديرية أمن الأنظمة</h1>
       <p class="post-date">الخميس 16 ماي 2024</p>
       <div class="article-body">${p([`وقعت الهيئتان يوم 15 ماي 2024 بالرباط اتفاقية شراكة، ${AR[0]}`, AR[2]])}</div></article></main>`,
    );
    expect(extractHtml(html, 'https://akhbar.example.ma/ar/5503').publishedAt).toBe('2024-05-16');
  });

  it('reads a date line inside the content block, above its first paragraph', () => {
    const html = page(
      `<div class="post"><h1>Agence de voyages : les passeports retirés du serveur</h1>
       <div class="body"><span class="published">Publié le 9 janvier 2023</span>${p(FR)}</div></div>`,
    );
    expect(extractHtml(html, 'https://guetteur.example.ma/x').publishedAt).toBe('2023-01-09');
  });
});

describe('ranking inside the header zone', () => {
  it('takes <time datetime> over a printed line in the header', () => {
    const html = page(
      `<article><h1>Agence de voyages : les passeports retirés du serveur</h1>
       <div class="kicker">Dossier du 8 janvier 2023</div>
       <div class="byline">Par Salma Idrissi · <time datetime="2023-01-10T08:15:00+01:00">10 janvier 2023</time></div>
       <div class="body">${p(FR)}</div></article>`,
    );
    expect(extractHtml(html, 'https://guetteur.example.ma/x').publishedAt).toBe('2023-01-10T08:15:00+01:00');
  });

  it('takes a date line above the title when there is none below it', () => {
    const html = page(
      `${NAV}<main><article><div class="cat">Économie | 14 février 2024</div><h1>Agence de voyages : les passeports retirés du serveur</h1>
       <div class="body">${p(FR)}</div></article></main>`,
    );
    expect(extractHtml(html, 'https://guetteur.example.ma/x').publishedAt).toBe('2024-02-14');
  });

  it('reads WordPress time classes: `entry-date updated` alone is the date, beside `published` it is the update', () => {
    const alone = page(
      `<article><h1>Agence de voyages : les passeports retirés du serveur</h1>
       <span class="posted-on"><a href="/2023/01/agence/" rel="bookmark"><time class="entry-date updated" datetime="2023-01-10T08:15:00+00:00">10 janvier 2023</time></a></span>
       <div class="entry-content">${p(FR)}</div></article>`,
    );
    expect(extractHtml(alone, 'https://guetteur.example.ma/x')).toMatchObject({
      publishedAt: '2023-01-10T08:15:00Z',
      updatedAt: null,
    });
    const pair = alone.replace(
      '<time class="entry-date updated"',
      '<time class="entry-date published" datetime="2023-01-09T18:00:00+00:00">9 janvier 2023</time><time class="updated"',
    );
    expect(extractHtml(pair, 'https://guetteur.example.ma/x')).toMatchObject({
      publishedAt: '2023-01-09T18:00:00Z',
      updatedAt: '2023-01-10T08:15:00Z',
    });
  });

  it('prefers the publication to the update when the update comes first ("Modifié le … – Publié le …")', () => {
    const html = page(
      `<article><h1>Agence de voyages : les passeports retirés du serveur</h1>
       <p class="meta">Modifié le 12 avril 2021 à 09h00 – Publié le 5 avril 2021 à 14h20</p><div class="body">${p(FR)}</div></article>`,
    );
    expect(extractHtml(html, 'https://guetteur.example.ma/x')).toMatchObject({
      publishedAt: '2021-04-05T14:20:00',
      updatedAt: '2021-04-12T09:00:00',
    });
  });

  it('keeps JSON-LD and meta tags above any printed date', () => {
    const body = `<article><h1>Agence de voyages : les passeports retirés du serveur</h1>
       <div class="date-line">Le 27 mars 2020 à 14h20</div><div class="body">${p(FR)}</div></article>`;
    const ld = `<script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', datePublished: '2020-03-26T22:00:00Z' })}</script>`;
    const og = '<meta property="article:published_time" content="2020-03-27T13:20:00Z">';
    expect(extractHtml(page(body, og + ld), 'https://guetteur.example.ma/x').publishedAt).toBe('2020-03-26T22:00:00Z');
    expect(extractHtml(page(body, og), 'https://guetteur.example.ma/x').publishedAt).toBe('2020-03-27T13:20:00Z');
  });
});

describe('publication date from meta tags', () => {
  const body = `<article><h1>Agence de voyages : les passeports retirés du serveur</h1><div class="body">${p(FR)}</div></article>`;

  it('reads pubdate and Dublin Core keys, skipping a declared key whose value is not a date', () => {
    const pubdate =
      '<meta property="article:published_time" content="undefined"><meta name="pubdate" content="2023-01-10T08:15:00+01:00">';
    expect(extractHtml(page(body, pubdate), 'https://guetteur.example.ma/x').publishedAt).toBe(
      '2023-01-10T08:15:00+01:00',
    );
    const dc = '<meta name="DC.date.issued" content="2022-12-23">';
    expect(extractHtml(page(body, dc), 'https://guetteur.example.ma/x').publishedAt).toBe('2022-12-23');
  });

  it('ranks a generic DC.date below JSON-LD dateCreated', () => {
    const head = `<meta name="DC.date" content="2024-05-01"><script type="application/ld+json">${JSON.stringify({ '@type': 'Article', dateCreated: '2024-04-29T10:00:00Z' })}</script>`;
    expect(extractHtml(page(body, head), 'https://guetteur.example.ma/x').publishedAt).toBe('2024-04-29T10:00:00Z');
    expect(
      extractHtml(page(body, '<meta name="DC.date" content="2024-05-01">'), 'https://guetteur.example.ma/x')
        .publishedAt,
    ).toBe('2024-05-01');
  });
});

describe('dates that are not the publication date', () => {
  // Regression: a fact-check's claim block ("stated on October 13th, 2019 in a tweet") above the
  // title was taken as the publication date instead of the byline date under the title.
  const claim = `<div class="m-statement"><div class="m-statement__desc">Senator Dana Moss stated on October 13th, 2019 in a tweet:</div>
    <div class="m-statement__quote">"The toll road cost three times what we were told."</div></div>`;

  it('skips the date of the claim a fact-check quotes and reads the byline date', () => {
    const html = page(
      `<main><article>${claim}<h1>Did the toll road cost three times its budget?</h1>
       <div class="m-author"><span>By Rita Okafor</span> <span>October 18, 2019</span></div>
       <div class="m-textblock">${p(EN)}</div></article></main>`,
    );
    expect(extractHtml(html, 'https://checks.example.org/toll-road/').publishedAt).toBe('2019-10-18');
  });

  it('returns no date rather than the quoted claim date when the page prints none of its own', () => {
    const html = page(
      `<main><article>${claim.replace('class="m-statement"', 'class="box"').replace(/m-statement__\w+/g, 'line')}
       <blockquote>Posted on October 13th, 2019: "The toll road cost three times what we were told, and nobody in the ministry has ever explained why."</blockquote>
       <h1>Did the toll road cost three times its budget?</h1><div class="m-textblock">${p(EN)}</div></article></main>`,
    );
    // The claim line carries no quote class here, but it sits above the title: chrome, not a date line.
    expect(extractHtml(html, 'https://checks.example.org/toll-road/').publishedAt).toBeNull();
  });

  it('does not take a dated teaser in the page header when the article prints no date', () => {
    const html = page(
      `<div class="une"><div class="teaser"><h2>Les ports du Nord battent un record de trafic</h2><span>Le 02/01/2023 à 07h45</span></div></div>
       <div class="page"><article><h1>Agence de voyages : les passeports retirés du serveur</h1><div class="body">${p(FR)}</div></article></div>`,
    );
    expect(extractHtml(html, 'https://guetteur.example.ma/x').publishedAt).toBeNull();
  });

  it('does not take a date from the middle of the text or a photo caption', () => {
    const html = page(
      `<article><h1>Agence de voyages : les passeports retirés du serveur</h1>
       <figure><img src="/a.jpg"><figcaption>Le siège de l’agence, le 3 mars 2023.</figcaption></figure>
       <div class="body">${p(FR)}</div></article>`,
    );
    expect(extractHtml(html, 'https://guetteur.example.ma/x').publishedAt).toBeNull();
  });
});

describe('dateline opening the text', () => {
  it('takes "Rabat, le 9 janvier 2023 –" when nothing above the text is dated', () => {
    const html = page(
      `<article><h1>Agence de voyages : les passeports retirés du serveur</h1>
       <div class="body">${p([`Rabat, le 9 janvier 2023 – ${FR[0]}`, FR[1], FR[2]])}</div></article>`,
    );
    expect(extractHtml(html, 'https://guetteur.example.ma/x').publishedAt).toBe('2023-01-09');
  });

  it('takes "الرباط في 23 أكتوبر2019 -" opening a long first paragraph', () => {
    const html = page(
      `<article><h1>اللجنة الوطنية تمدد أجل التصريح بالمعالجات</h1>
       <div class="body">${p([`الرباط في 23 أكتوبر2019 - ${AR[0]}`, AR[2]])}</div></article>`,
    );
    expect(extractHtml(html, 'https://akhbar.example.ma/ar/5504').publishedAt).toBe('2019-10-23');
  });

  it('ranks the dateline below a date line under the title', () => {
    const html = page(
      `<article><h1>Agence de voyages : les passeports retirés du serveur</h1><div class="date">10/01/2023 à 10h13</div>
       <div class="body">${p([`Rabat, le 9 janvier 2023 – ${FR[0]}`, FR[1], FR[2]])}</div></article>`,
    );
    expect(extractHtml(html, 'https://guetteur.example.ma/x').publishedAt).toBe('2023-01-10T10:13:00');
  });

  it('does not read a sentence that starts with a date as a dateline', () => {
    const html = page(
      `<article><h1>Agence de voyages : les passeports retirés du serveur</h1>
       <div class="body">${p([`Le 12 mars 2020, ${FR[0]}`, FR[1], FR[2]])}</div></article>`,
    );
    expect(extractHtml(html, 'https://guetteur.example.ma/x').publishedAt).toBeNull();
  });
});
