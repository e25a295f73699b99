import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors.ts';
import { GAZETTEER, gazetteerEntry, orgRole, parseGazetteer } from './gazetteer.ts';

const entry = (over: Record<string, unknown>) => ({
  id: 'org:test-body',
  kind: 'agency',
  role: 'agency',
  country: 'MA',
  names: { fr: ['Office test des archives'], ar: ['مكتب الأرشيف التجريبي'], en: ['Test Archive Office'] },
  ...over,
});

function problemsOf(raw: unknown[]): string[] {
  try {
    parseGazetteer(raw);
  } catch (error) {
    if (isAppError(error, 'CONFIG_INVALID')) return (error.details?.problems as string[]) ?? [];
    throw error;
  }
  return [];
}

describe('gazetteer: validated at load', () => {
  it('accepts a well-formed entry', () => {
    expect(parseGazetteer([entry({})]).map((e) => e.id)).toEqual(['org:test-body']);
  });

  it('reports every problem at once, with a code', () => {
    const problems = problemsOf([
      entry({ role: 'sponsor' }),
      entry({ id: 'org:other', names: { fr: ['مكتب'], ar: [], en: [] } }),
      entry({ id: 'org:child', parent: 'org:nowhere' }),
      entry({ id: 'org:x-new-thing' }),
      entry({ id: 'org:caps', capitalized: ['Not one of its names'] }),
    ]);
    expect(problems.join('\n')).toMatch(/role/);
    expect(problems.join('\n')).toMatch(/Latin script/);
    expect(problems.join('\n')).toMatch(/parent org:nowhere/);
    expect(problems.join('\n')).toMatch(/org:x- is for organizations outside/);
    expect(problems.join('\n')).toMatch(/capitalized name "Not one of its names"/);
  });

  it('refuses duplicate ids and a name two entries share without distinct countries', () => {
    expect(problemsOf([entry({}), entry({})])).toContain('org:test-body: duplicate id');
    const shared = problemsOf([entry({ id: 'org:one', country: undefined }), entry({ id: 'org:two', country: 'TN' })]);
    expect(shared.join('\n')).toMatch(/names org:one and org:two without a country/);
    // Two countries' authorities may share an acronym: the country named around it decides.
    expect(problemsOf([entry({ id: 'org:one' }), entry({ id: 'org:two', country: 'TN' })])).toEqual([]);
  });

  it('answers the role of an id, and null outside the gazetteer', () => {
    expect(orgRole('org:cndp')).toBe('regulator');
    expect(orgRole('org:tn-inpdp')).toBe('regulator');
    expect(orgRole('org:anrt')).toBe('agency');
    expect(orgRole('org:ma-prosecutor')).toBe('prosecutor');
    expect(orgRole('org:bnpj')).toBe('police');
    expect(orgRole('org:map')).toBe('outlet');
    expect(orgRole('org:fmdc')).toBe('advocacy');
    expect(orgRole('org:court-cassation')).toBe('court');
    expect(orgRole('org:x-atlas-froid')).toBeNull();
  });

  it('links products to their parent company, whose own entry has no parent', () => {
    for (const [product, parent] of [
      ['org:youtube', 'org:alphabet'],
      ['org:tiktok', 'org:bytedance'],
      ['org:instagram', 'org:meta'],
      ['org:linkedin', 'org:microsoft'],
      ['org:weibo', 'org:sina'],
      ['org:x-twitter', 'org:xcorp'],
    ]) {
      expect(gazetteerEntry(product as string)?.parent).toBe(parent);
      expect(gazetteerEntry(parent as string)?.parent).toBeUndefined();
    }
  });

  it('gives every foreign data-protection authority a country', () => {
    const foreign = GAZETTEER.filter((e) => e.role === 'regulator' && e.id !== 'org:cndp' && e.id !== 'org:edpb');
    expect(foreign.length).toBeGreaterThan(20);
    for (const e of foreign) expect(e.country, e.id).toMatch(/^[A-Z]{2}$/);
  });
});
