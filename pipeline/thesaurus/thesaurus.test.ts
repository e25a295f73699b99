import { describe, expect, it } from 'vitest';
import { CONCEPT_ROWS } from './concepts.ts';
import { CONCEPT_GROUPS, CONCEPTS, conceptById, createPhraseMatcher, parseConcepts, type Token } from './index.ts';

const ARABIC = /[\u0600-\u06ff]/u;

describe('thesaurus', () => {
  it('has hundreds of concepts, each with French, Arabic and English labels in the right script', () => {
    expect(CONCEPTS.length).toBeGreaterThanOrEqual(300);
    expect(CONCEPTS.length).toBe(CONCEPT_ROWS.length);
    for (const c of CONCEPTS) {
      expect(c.labels.fr.length, c.id).toBeGreaterThan(0);
      expect(c.labels.ar.length, c.id).toBeGreaterThan(0);
      expect(c.labels.en.length, c.id).toBeGreaterThan(0);
      for (const l of c.labels.ar) expect(ARABIC.test(l), `${c.id}: ${l}`).toBe(true);
      for (const l of [...c.labels.fr, ...c.labels.en]) expect(ARABIC.test(l), `${c.id}: ${l}`).toBe(false);
    }
    expect(new Set(CONCEPTS.map((c) => c.id)).size).toBe(CONCEPTS.length);
    // Every group is used: the groups are the thesaurus' top terms, not decoration.
    expect(new Set(CONCEPTS.map((c) => c.group))).toEqual(new Set(CONCEPT_GROUPS));
  });

  it('covers the core vocabulary of enforcement in all three languages', () => {
    expect(conceptById('formal_notice')?.labels.fr).toContain('mise en demeure');
    expect(conceptById('formal_notice')?.labels.ar).toContain('إنذار');
    expect(conceptById('facial_recognition')?.labels.ar).toContain('التعرف على الوجه');
    expect(conceptById('video_surveillance')?.labels.en).toContain('CCTV');
    // Moroccan press forms beside the Mashreq ones.
    expect(conceptById('august')?.labels.ar).toEqual(expect.arrayContaining(['غشت', 'أغسطس']));
    expect(conceptById('complaint')?.labels.ar).toEqual(expect.arrayContaining(['شكاية', 'شكوى']));
  });

  it('rejects a concept missing a language, naming the row', () => {
    expect(() => parseConcepts([['no_arabic', 'enforcement', 'amende', '', 'fine']])).toThrow(/no_arabic: labels\.ar/);
    expect(() => parseConcepts([['latin_ar', 'enforcement', 'amende', 'fine', 'fine']])).toThrow(/Arabic script/);
    expect(() => parseConcepts([['bad_group', 'misc', 'amende', 'غرامة', 'fine']])).toThrow(/bad_group: group/);
    expect(() =>
      parseConcepts([
        ['twice', 'enforcement', 'amende', 'غرامة', 'fine'],
        ['twice', 'enforcement', 'amende', 'غرامة', 'fine'],
      ]),
    ).toThrow(/twice: duplicate id/);
  });

  it('matches the longest phrase first, left to right, without overlaps', () => {
    const tokenize = (s: string): Token[] =>
      s
        .toLowerCase()
        .split(/\s+/)
        .filter((w) => w && w !== 'de')
        .map((w) => ({ text: w, key: w }));
    const m = createPhraseMatcher(
      [
        { value: 'data', labels: ['données'] },
        { value: 'data_protection', labels: ['protection de données'] },
        { value: 'protection', labels: ['protection'] },
      ],
      tokenize,
    );
    const found = m.match(tokenize('protection de données et protection'));
    expect(found.map((f) => [f.values, f.start, f.end])).toEqual([
      [['data_protection'], 0, 2],
      [['protection'], 3, 4],
    ]);
    expect(m.exact(['données'])).toEqual(['data']);
    expect(m.exact(['inconnu'])).toEqual([]);
  });
});
