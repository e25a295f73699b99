import { describe, expect, it } from 'vitest';
import { extractEntities, GAZETTEER, LAWS } from './index.ts';

const MIXED = `Rabat, le 9 janvier 2023 – La CNDP a entendu le 6 janvier la société TLS Contact, en vertu du chapitre VII de la loi n° 09-08.
Elle doit se conformer avant le 28 février 2023, faute de quoi elle encourt une amende de 20.000 à 200.000 DH, a indiqué M. Omar Seghrouchni.

وأعلنت اللجنة الوطنية لمراقبة حماية المعطيات ذات الطابع الشخصي أنها عقدت جلسة استماع مع شركة تي إل إس كونطاكط طبقا للقانون رقم 08-09.`;

describe('extractEntities', () => {
  it('reports offsets into the original text and the sentence around every mention', () => {
    const e = extractEntities({ text: MIXED, title: null, language: 'fr', publishedAt: '2023-01-09T18:00:00+01:00' });
    const all = [...e.organizations, ...e.persons, ...e.laws, ...e.deadlines, ...e.amounts, ...e.events].flatMap(
      (x) => x.mentions,
    );
    expect(all.length).toBeGreaterThan(10);
    for (const m of all) {
      expect(MIXED.slice(m.start, m.end)).toBe(m.text);
      expect(m.sentence).toContain(m.text);
      expect(m.confidence).toBeGreaterThan(0);
      expect(m.confidence).toBeLessThanOrEqual(1);
    }
    expect(e.organizations.map((o) => o.id).sort()).toEqual(['org:cndp', 'org:tlscontact']);
    expect(e.laws.map((l) => l.id).sort()).toEqual(['ma-law-09-08', 'ma-law-09-08/chap-7']);
  });

  it('returns empty lists for empty or entity-free text', () => {
    for (const text of ['', 'Il fait beau à Rabat aujourd’hui.']) {
      const e = extractEntities({ text, title: null, language: 'fr', publishedAt: null });
      expect(e).toEqual({ organizations: [], persons: [], laws: [], deadlines: [], amounts: [], events: [] });
    }
  });

  it('exposes data tables with unique ids', () => {
    expect(new Set(GAZETTEER.map((g) => g.id)).size).toBe(GAZETTEER.length);
    expect(LAWS.find((l) => l.id === 'ma-law-09-08')?.titles.ar).toContain('09.08');
  });

  it('stays fast on a long document', () => {
    const long = Array.from({ length: 200 }, () => MIXED).join('\n\n');
    const t0 = performance.now();
    const e = extractEntities({ text: long, title: null, language: 'fr', publishedAt: '2023-01-09' });
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(e.organizations.find((o) => o.id === 'org:cndp')?.mentions.length).toBe(400);
  });
});
