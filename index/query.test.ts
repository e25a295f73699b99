import { describe, expect, it } from 'vitest';
import { isAppError } from '../pipeline/errors.ts';
import { buildFilter, decodeCursor, encodeCursor, planDocumentSearch, quote } from './query.ts';
import { buildSynonyms, lawNumberVariants } from './settings.ts';

describe('filters', () => {
  it('quotes and escapes every value', () => {
    expect(quote('a"b\\c')).toBe('"a\\"b\\\\c"');
    const f = buildFilter({ q: '', limit: 10, outlets: ['x" OR relevant = false'], orgs: ['org:a', 'org:b'] });
    expect(f).toContainEqual(['outlet = "x\\" OR relevant = false"']);
    // Several organizations narrow (AND), several outlets widen (OR).
    expect(f).toContain('orgIds = "org:a"');
    expect(f).toContain('orgIds = "org:b"');
    expect(f).toContain('relevant = true');
    expect(f).toContain('isDuplicate = false');
  });

  it('keeps unknown dates out of bounded ranges', () => {
    expect(buildFilter({ q: '', limit: 1, to: 100 })).toEqual(
      expect.arrayContaining(['publishedAt >= 1', 'publishedAt <= 100']),
    );
  });
});

describe('cursor', () => {
  it('round-trips and rejects tampering', () => {
    expect(decodeCursor(encodeCursor({ p: 5, t: 7 }))).toEqual({ p: 5, t: 7, o: undefined });
    for (const bad of [
      '',
      'e30',
      encodeCursor({ p: -1, t: 2 }),
      Buffer.from('{"p":"1; DROP"}').toString('base64url'),
    ]) {
      let err: unknown;
      try {
        decodeCursor(bad);
      } catch (e) {
        err = e;
      }
      expect(isAppError(err, 'BAD_REQUEST')).toBe(true);
    }
  });

  it('switches to keyset paging in date order and refuses offsets past the cap in relevance order', () => {
    const plan = planDocumentSearch({ q: 'x', limit: 10, sort: 'date:desc', cursor: encodeCursor({ p: 100, t: 3 }) });
    expect(plan.body.sort).toEqual(['publishedAt:desc', 'tie:desc']);
    expect(plan.body.filter).toContainEqual(['publishedAt < 100', '(publishedAt = 100 AND tie < 3)']);
    expect(() => planDocumentSearch({ q: 'x', limit: 20, offset: 990 })).toThrow(/cursor/);
  });
});

describe('synonyms', () => {
  it('reads Moroccan law numbers both ways round', () => {
    expect(lawNumberVariants('ma-law-09-08')).toEqual(['09-08', '09.08', '08-09', '08.09']);
    expect(lawNumberVariants('ma-law-09-08/art-43')).toEqual(['09-08', '09.08', '08-09', '08.09']);
    expect(lawNumberVariants('cndp-deliberation-D-194-2019')).toEqual([]);
  });

  it('makes every short name of an entity a synonym of the others, across languages', () => {
    const syn = buildSynonyms([
      {
        id: 'org:x',
        kind: 'company',
        names: {
          fr: ['TLS Contact'],
          ar: ['تي إل إس كونطاكط'],
          en: ['a very long official name that nobody types in a box'],
        },
      },
      { id: 'ma-law-09-08', kind: 'law', names: { fr: [], ar: [], en: [] } },
    ]);
    expect(syn['tls contact']).toEqual(['تي إل إس كونطاكط']);
    expect(syn['loi 09-08']).toContain('القانون 08-09');
    expect(Object.keys(syn).some((k) => k.startsWith('a very long'))).toBe(false);
  });
});
