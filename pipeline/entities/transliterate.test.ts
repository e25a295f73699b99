import { describe, expect, it } from 'vitest';
import { consonantSkeleton, identityKeyOf } from './transliterate.ts';

describe('consonantSkeleton', () => {
  it('gives the Latin and the Arabic spelling of one company the same skeleton', () => {
    expect(consonantSkeleton('Assurances Atlas Horizon')).toBe('tlshrzn');
    expect(consonantSkeleton('أطلس هورايزن للتأمين')).toBe('tlshrzn');
    expect(consonantSkeleton('Dar Salam Immobilier')).toBe('drslm');
    expect(consonantSkeleton('Dar Es-Salam Immobilier')).toBe('drslm');
    expect(consonantSkeleton('دار السلام للعقار')).toBe('drslm');
    expect(consonantSkeleton('مجموعة دار السلام العقارية')).toBe('drslm');
  });

  it('maps sh, kh, ph, v and their Arabic letters to the same classes', () => {
    expect(consonantSkeleton('Rimal Chams Khadra')).toBe(consonantSkeleton('رمال شمس خضراء'));
    expect(consonantSkeleton('Phenix Vista')).toBe(consonantSkeleton('فينيكس فيستا'));
    // ش is one class, not س followed by ه.
    expect(consonantSkeleton('شمس نور')).not.toBe(consonantSkeleton('سهمس نور'));
  });

  it('reads acronyms letter by letter in both scripts', () => {
    expect(consonantSkeleton('SGT Horizon')).toBe('sjthrzn');
    expect(consonantSkeleton('إس جي تي هورايزن')).toBe('sjthrzn');
    // A shouted word is not an acronym.
    expect(consonantSkeleton('ATLAS HORIZON')).toBe('tlshrzn');
  });

  it('drops company words anywhere but sector words only at the ends', () => {
    expect(consonantSkeleton('Société Atlas Horizon SARL Maroc')).toBe('tlshrzn');
    expect(consonantSkeleton('شركة أطلس هورايزن المغرب')).toBe('tlshrzn');
    expect(consonantSkeleton('Atlas Assurances Horizon')).not.toBe('tlshrzn');
  });

  it('keeps similar-looking names apart', () => {
    expect(consonantSkeleton('Atlas Horizon')).not.toBe(consonantSkeleton('Atlas Hotels'));
    expect(consonantSkeleton('أطلس هورايزن')).not.toBe(consonantSkeleton('أطلس هوتيلز'));
  });
});

describe('identityKeyOf', () => {
  it('is null when too few consonants remain to tell companies apart', () => {
    expect(identityKeyOf('Atlas Crédit')).toBeNull();
    expect(identityKeyOf('Callnova')).toBeNull();
    expect(identityKeyOf('Dataline Services SA')).toBeNull();
    expect(identityKeyOf('Dar Salam Immobilier')).toBe('drslm');
  });
});
