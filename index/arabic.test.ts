import { describe, expect, it } from 'vitest';
import { normalizeArabicForIndex, normalizeArabicQuery, stemArabicWord } from './arabic.ts';

describe('Arabic pre-normalization', () => {
  it('splits conjunctions, prepositions and the article, and strips light suffixes', () => {
    // وبالشركات / الشركة / لشركة all meet on one stem.
    const stems = ['والشركات', 'الشركة', 'لشركة', 'بالشركات'].map((w) => normalizeArabicForIndex(w));
    expect(new Set(stems).size).toBe(1);
    expect(stemArabicWord('المعطيات')).toBe('معطي');
  });

  it('keeps short words whole rather than stripping them to nothing', () => {
    expect(stemArabicWord('ال')).toBe('ال');
    expect(stemArabicWord('وزن')).toBe('وزن');
  });

  it('normalizes letters, harakat and Arabic-Indic digits', () => {
    expect(normalizeArabicForIndex('القانونُ رقم ٠٩.٠٨')).toContain('09');
    expect(normalizeArabicForIndex('إدارة')).toBe(normalizeArabicForIndex('ادارة'));
  });

  it('leaves Latin queries untouched and rewrites Arabic words only', () => {
    expect(normalizeArabicQuery('TLS Contact 2024')).toBe('TLS Contact 2024');
    expect(normalizeArabicQuery('TLS والكاميرات')).toBe(`TLS ${stemArabicWord('والكاميرات')}`);
    expect(normalizeArabicForIndex('only latin')).toBe('');
  });
});
