import { describe, expect, it } from 'vitest';
import { isAppError } from '../../pipeline/errors.ts';
import { getSource, SOURCES } from './index.ts';

function matchesArticle(id: string, url: string): boolean {
  return getSource(id).articlePatterns.some((p) => new RegExp(p, 'u').test(url));
}

describe('real source configurations', () => {
  it('ship the CNDP in both languages and at least 12 press sources', () => {
    const ids = SOURCES.map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining(['cndp-fr', 'cndp-ar', 'maghress']));
    expect(SOURCES.filter((s) => s.kind === 'press').length).toBeGreaterThanOrEqual(12);
    expect(new Set(ids).size).toBe(ids.length);
    const pressLangs = new Set(SOURCES.filter((s) => s.kind === 'press').flatMap((s) => s.languages));
    expect([...pressLangs].sort()).toEqual(['ar', 'en', 'fr']);
  });

  it('poll the CNDP every quarter hour and keep all of it; press hourly on keywords', () => {
    for (const id of ['cndp-fr', 'cndp-ar']) {
      expect(getSource(id).schedule).toBe('*/15 * * * *');
      expect(getSource(id).relevance.mode).toBe('all');
    }
    const minutes = new Set<string>();
    for (const s of SOURCES.filter((x) => x.kind !== 'regulator')) {
      expect(s.schedule).toMatch(/^\d{1,2} \* \* \* \*$/);
      minutes.add(s.schedule);
      expect(s.relevance.mode).toBe('keywords');
      expect(s.relevance.keywords).toEqual(expect.arrayContaining(['CNDP', 'المعطيات الشخصية', '08-09', 'loi 09-08']));
    }
    expect(minutes.size).toBeGreaterThan(10);
  });

  it('recognise article URLs of the shapes documented in SOURCES.md, and not list pages', () => {
    const arabicPost = new URL('https://www.cndp.ma/ar/اللجنة-الوطنية-تريد-التقدم-مع-فايسبوك/').href;
    expect(matchesArticle('cndp-ar', arabicPost)).toBe(true);
    expect(matchesArticle('cndp-ar', new URL('https://www.cndp.ma/ar/المستجدات/').href)).toBe(false);
    expect(matchesArticle('cndp-fr', 'https://www.cndp.ma/la-cndp-publie-de-nouvelles-deliberations/')).toBe(true);
    expect(matchesArticle('cndp-fr', 'https://www.cndp.ma/wp-content/uploads/2023/11/Loi-09-08-Fr.pdf')).toBe(true);
    expect(matchesArticle('cndp-fr', 'https://www.cndp.ma/actualites/')).toBe(false);
    expect(matchesArticle('cndp-fr', arabicPost)).toBe(false);
    expect(matchesArticle('medias24', 'https://medias24.com/2019/09/05/la-cndp-gele-la-reconnaissance-faciale/')).toBe(
      true,
    );
    expect(matchesArticle('telquel', 'https://telquel.ma/instant-t/2025/03/21/un-titre-ici_1920001')).toBe(true);
    expect(matchesArticle('bladi', 'https://www.bladi.net/facebook-cndp-maroc,59511.html')).toBe(true);
    expect(matchesArticle('maghress', 'https://www.maghress.com/fr/lesechos/179997')).toBe(true);
    expect(matchesArticle('maghress', 'https://www.maghress.com/hespress/451139')).toBe(true);
    expect(matchesArticle('hibapress', 'https://ar.hibapress.com/details-12345.html')).toBe(true);
    expect(matchesArticle('ledesk', 'https://ledesk.ma/2022/12/23/un-titre/')).toBe(true);
    expect(matchesArticle('ledesk', 'https://ledesk.ma/feed/')).toBe(false);
  });

  it('every discovery entry says its evidence and carries a compilable link pattern', () => {
    for (const s of SOURCES) {
      for (const d of s.discovery) {
        expect(['seen', '3rd-party', 'guess']).toContain(d.evidence);
        if (d.type === 'listing' || d.type === 'search') expect(() => new RegExp(d.linkPattern, 'u')).not.toThrow();
      }
    }
  });

  it('rewrite AMP views to the article they stand for', () => {
    const rewrite = (id: string, url: string): string =>
      getSource(id).canonicalization.rewrites.reduce((u, [p, r]) => u.replace(new RegExp(p, 'u'), r), url);
    expect(rewrite('le360-fr', 'https://fr.le360.ma/societe/un-titre-272001/amp/')).toBe(
      'https://fr.le360.ma/societe/un-titre-272001/',
    );
    expect(rewrite('medias24', 'https://medias24.com/2019/09/05/un-titre/?amp=1')).toBe(
      'https://medias24.com/2019/09/05/un-titre/',
    );
    expect(rewrite('maghress', 'https://maghress.com/hespress/451139')).toBe(
      'https://www.maghress.com/hespress/451139',
    );
    expect(getSource('yabiladi').canonicalization.stripParams).toEqual(
      expect.arrayContaining(['utm_*', 'noamp', 'wpv_*']),
    );
  });

  it('getSource throws NOT_FOUND for an unknown id', () => {
    expect(getSource('bladi').outlet).toBe('Bladi.net');
    try {
      getSource('nope');
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error, 'NOT_FOUND')).toBe(true);
    }
  });
});
