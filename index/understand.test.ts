import { describe, expect, it } from 'vitest';
import { tokenize, wordKey } from './query-words.ts';
import type { GazetteerEntry } from './settings.ts';
import { createConceptReader, createQueryUnderstander } from './understand.ts';

// A small gazetteer of our own: one authority, one company with names in both scripts, one law.
const GAZ: GazetteerEntry[] = [
  {
    id: 'org:cndp',
    kind: 'regulator',
    names: { fr: ['CNDP', 'Commission nationale'], ar: ['اللجنة الوطنية', 'لجنة حماية المعطيات'], en: ['CNDP'] },
  },
  {
    id: 'org:atlas-mobile',
    kind: 'company',
    names: { fr: ['Atlas Mobile'], ar: ['أطلس موبايل'], en: ['Atlas Mobile'] },
  },
  {
    id: 'org:tlscontact',
    kind: 'company',
    names: { fr: ['TLScontact', 'TLS Contact'], ar: ['تي إل إس كونتاكت'], en: ['TLScontact'] },
  },
  { id: 'ma-law-09-08', kind: 'law', names: { fr: ['loi 09-08'], ar: ['القانون 08-09'], en: ['law 09-08'] } },
];
const u = createQueryUnderstander(GAZ);

describe('query understanding', () => {
  it('folds words the way both sides are compared', () => {
    expect(wordKey('Contrôles')).toBe(wordKey('contrôle'));
    expect(wordKey('électorale')).toBe(wordKey('électoral'));
    expect(wordKey('والكاميرات')).toBe(wordKey('كاميرات'));
    expect(wordKey('de')).toBe('');
    expect(tokenize("l'intelligence artificielle").map((t) => t.text)).toEqual(['intelligence', 'artificielle']);
  });

  it('maps a French query to concepts and gives their Arabic and English labels', () => {
    const r = u.understand('mise en demeure pour vidéosurveillance');
    expect(r.concepts.map((c) => c.id)).toEqual(['formal_notice', 'video_surveillance']);
    expect(r.language).toBe('fr');
    expect(r.concepts.map((c) => c.labels.ar)).toEqual(['إنذار', 'المراقبة بالفيديو']);
    expect(r.concepts.map((c) => c.labels.en)).toContain('formal notice');
  });

  it('maps an Arabic query with clitics to the same concepts', () => {
    const r = u.understand('والتعرف على الوجه وتسريب المعطيات');
    expect(r.language).toBe('ar');
    expect(r.concepts.map((c) => c.id)).toEqual(expect.arrayContaining(['facial_recognition', 'data_leak']));
    expect(r.concepts.map((c) => c.labels.fr)).toContain('reconnaissance faciale');
  });

  it('reads organizations by any of their names, and laws by number in either order', () => {
    const r = u.understand('أطلس موبايل القانون 08.09');
    expect(r.entities.map((e) => [e.id, e.via])).toEqual([['org:atlas-mobile', 'name']]);
    expect(r.laws.map((l) => l.id)).toEqual(['ma-law-09-08']);
    // The law's number is not also read as the concept "law".
    expect(r.concepts.map((c) => c.id)).not.toContain('law');
    expect(r.entities[0]?.names.fr).toBe('Atlas Mobile');
    expect(r.laws.map((l) => l.matched)).toEqual(['08.09']);
  });

  it('matches names written in another spelling through their consonant skeleton', () => {
    expect(u.understand('Wikaytna').concepts.map((c) => [c.id])).toEqual([['wiqaytna']]);
    const tls = u.understand('TLS Kontakt');
    expect(tls.entities.map((e) => [e.id, e.via])).toEqual([['org:tlscontact', 'transliteration']]);
  });

  it('orders the words to search: what every language can match first, the unknown words last', () => {
    // Meilisearch's `last` strategy drops words from the end: an Arabic article can match the concept,
    // the year and the Latin name, never "hier".
    expect(u.understand('hier la reconnaissance faciale 2024 Marjane Rabat').searchText).toBe(
      'reconnaissance faciale 2024 Marjane Rabat hier',
    );
    expect(u.understand('موقف اللجنة الوطنية من التعرف على الوجه').searchText).toBe('اللجنة الوطنية التعرف الوجه موقف');
    expect(u.understand('de la').searchText).toBe('');
  });

  it('reads the concepts of a document in any language, leaving names to the names', () => {
    const read = createConceptReader(GAZ);
    expect(read('تقرر تجميد استعمال تقنية التعرف على الوجه.').sort()).toEqual(['facial_recognition', 'moratorium']);
    expect(read('A moratorium on facial recognition at the tills.').sort()).toEqual([
      'facial_recognition',
      'moratorium',
    ]);
    // "لجنة حماية المعطيات" is the CNDP's name: its words are not also the concept of personal data.
    expect(read('لجنة حماية المعطيات')).toEqual([]);
    expect(read('حماية المعطيات الشخصية')).not.toEqual([]);
  });

  it('understands nothing in a query of unknown words, and searches them as typed', () => {
    const r = u.understand('zorglub quux');
    expect(r.concepts).toEqual([]);
    expect(r.entities).toEqual([]);
    expect(r.searchText).toBe('zorglub quux');
  });

  it('resolves filter values given as ids, names in either script, cut-short names and law numbers', () => {
    expect(u.resolve('org', 'org:atlas-mobile')).toEqual(['org:atlas-mobile']);
    expect(u.resolve('org', 'Atlas Mobile')).toEqual(['org:atlas-mobile']);
    expect(u.resolve('org', 'أطلس موبايل')).toEqual(['org:atlas-mobile']);
    expect(u.resolve('org', 'تي إل إس')).toEqual(['org:tlscontact']);
    expect(u.resolve('law', '09-08')).toEqual(['ma-law-09-08']);
    expect(u.resolve('law', '08.09')).toEqual(['ma-law-09-08']);
    expect(u.resolve('law', '09-08/art-4')).toEqual(['ma-law-09-08/art-4']);
    expect(u.resolve('org', 'Zorglub Telecom')).toEqual([]);
    // A law is not an organization.
    expect(u.resolve('org', 'loi 09-08')).toEqual([]);
  });

  it('suggests known names from either script, best first', () => {
    expect(u.suggest('atl', 5).map((s) => s.id)).toEqual(['org:atlas-mobile']);
    const ar = u.suggest('أطلس', 5);
    expect(ar.map((s) => s.id)).toEqual(['org:atlas-mobile']);
    expect(ar[0]?.names.fr).toEqual(['Atlas Mobile']);
    expect(u.suggest('09-08', 5, 'law').map((s) => s.id)).toEqual(['ma-law-09-08']);
  });
});
