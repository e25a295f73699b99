import { describe, expect, it } from 'vitest';
import {
  foldFrench,
  normalizeArabic,
  normalizeForMatch,
  normalizeWithOffsets,
  toLatinDigits,
  toOriginalRange,
} from './normalize.ts';

describe('normalizeArabic', () => {
  it('strips harakat, shadda, sukun, superscript alef and tatweel', () => {
    expect(normalizeArabic('الْمُعْطَيَاتُ')).toBe('المعطيات');
    expect(normalizeArabic('مُحَمَّدٌ')).toBe('محمد');
    expect(normalizeArabic('هٰذا')).toBe('هذا');
    expect(normalizeArabic('اللجـــنة')).toBe('اللجنه');
  });

  it('unifies alef variants, alef maqsura, ta marbuta and hamza seats', () => {
    expect(normalizeArabic('أإآٱ')).toBe('اااا');
    expect(normalizeArabic('مستشفى')).toBe('مستشفي');
    expect(normalizeArabic('مؤسسة')).toBe('موسسه');
    expect(normalizeArabic('الجنائي')).toBe('الجنايي');
  });

  it('maps Persian and Maghrebi look-alikes to Arabic letters', () => {
    // ی U+06CC, ک U+06A9, ھ U+06BE, ۀ U+06C0, ے U+06D2, ڭ U+06AD
    expect(normalizeArabic('\u06cc\u06a9\u06be\u06c0\u06d2\u06ad')).toBe('يكههيك');
    expect(normalizeArabic('فیسبوک')).toBe(normalizeArabic('فيسبوك'));
  });

  it('converts Arabic-Indic and Extended Arabic-Indic digits and leaves Latin text alone', () => {
    expect(normalizeArabic('٢٠١٩ ۲۰۲۳')).toBe('2019 2023');
    expect(normalizeArabic('Élan')).toBe('Élan');
  });

  it('decomposes presentation forms', () => {
    expect(normalizeArabic('\ufefb')).toBe('لا');
  });
});

describe('foldFrench', () => {
  it('lowercases and strips accents, expands ligatures', () => {
    expect(foldFrench('Ministère de l’Éducation')).toBe('ministere de l’education');
    expect(foldFrench('Œuvre ÇA')).toBe('oeuvre ca');
  });
});

describe('normalizeForMatch', () => {
  it('folds both scripts and unifies punctuation, dashes and spaces', () => {
    expect(normalizeForMatch('Loi n°\u00a009‑08 – l’ANRT، ؟')).toBe("loi n° 09-08 - l'anrt, ?");
  });

  it('drops zero-width and bidi marks', () => {
    expect(normalizeForMatch('CN\u200bDP\u200f')).toBe('cndp');
  });
});

describe('toLatinDigits', () => {
  it('keeps the length and changes only digits', () => {
    const s = 'القانون ٠٩.٠٨';
    expect(toLatinDigits(s)).toBe('القانون 09.08');
    expect(toLatinDigits(s)).toHaveLength(s.length);
  });
});

describe('normalizeWithOffsets', () => {
  it('maps every normalized index back to the original string', () => {
    const s = 'Le ministère de l’Intérieur';
    const n = normalizeWithOffsets(s);
    expect(n.text).toBe("le ministere de l'interieur");
    expect(n.map).toHaveLength(n.text.length + 1);
    const i = n.text.indexOf("l'interieur");
    const r = toOriginalRange(n, i, i + "l'interieur".length);
    expect(s.slice(r.start, r.end)).toBe('l’Intérieur');
  });

  it('keeps dropped harakat inside the original span', () => {
    const s = 'قال السَّيِّدُ عُمَرُ اليوم';
    const n = normalizeWithOffsets(s);
    const i = n.text.indexOf('السيد عمر');
    const r = toOriginalRange(n, i, i + 'السيد عمر'.length);
    expect(s.slice(r.start, r.end)).toBe('السَّيِّدُ عُمَرُ');
  });

  it('handles expansions (œ → oe) and astral characters without drifting', () => {
    const s = '😀 Œuvre ici';
    const n = normalizeWithOffsets(s);
    const i = n.text.indexOf('ici');
    expect(s.slice(n.map[i], n.map[i + 3])).toBe('ici');
  });
});
