import { describe, expect, it } from 'vitest';
import { consonantSkeleton, identityKeyOf, statedSector } from './transliterate.ts';

describe('consonantSkeleton', () => {
  it('gives the Latin and the Arabic spelling of one company the same skeleton', () => {
    expect(consonantSkeleton('Assurances Atlas Horizon')).toBe('tlsrzn');
    expect(consonantSkeleton('أطلس هورايزن للتأمين')).toBe('tlsrzn');
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
    expect(consonantSkeleton('SGT Horizon')).toBe('sjtrzn');
    expect(consonantSkeleton('إس جي تي هورايزن')).toBe('sjtrzn');
    // A shouted word is not an acronym.
    expect(consonantSkeleton('ATLAS HORIZON')).toBe('tlsrzn');
  });

  it('drops company words anywhere but sector words only at the ends', () => {
    expect(consonantSkeleton('Société Atlas Horizon SARL Maroc')).toBe('tlsrzn');
    expect(consonantSkeleton('شركة أطلس هورايزن المغرب')).toBe('tlsrzn');
    expect(consonantSkeleton('Atlas Assurances Horizon')).not.toBe('tlsrzn');
  });

  it('reads a sports club or an association by its own name, as reports shorten it', () => {
    expect(consonantSkeleton('Club Olympique de Bouskoura')).toBe(consonantSkeleton('Bouskoura'));
    expect(consonantSkeleton('نادي بوسكورة')).toBe(consonantSkeleton('Bouskoura'));
    expect(consonantSkeleton('Association Tadamoun')).toBe(consonantSkeleton('جمعية التضامن'));
  });

  it('keeps similar-looking names apart', () => {
    expect(consonantSkeleton('Atlas Horizon')).not.toBe(consonantSkeleton('Atlas Hotels'));
    expect(consonantSkeleton('أطلس هورايزن')).not.toBe(consonantSkeleton('أطلس هوتيلز'));
  });
});

describe('identityKeyOf', () => {
  it('is null when too few consonants remain to tell companies apart', () => {
    expect(identityKeyOf('Callnova')).toBeNull();
    expect(identityKeyOf('Nouma')).toBeNull();
    expect(identityKeyOf('Dar Salam Immobilier')).toBe('drslm');
  });

  it('reads the sector of a short name in French, first, so every script and word order meets', () => {
    const credit = identityKeyOf('Crédit du Souss');
    expect(credit).not.toBeNull();
    // The nisba "السوسي" is the place name itself here, not a descriptor.
    expect(identityKeyOf('القرض السوسي')).toBe(credit);
    const university = identityKeyOf('Université Ibn Khaldoun');
    expect(university).not.toBeNull();
    expect(identityKeyOf('جامعة ابن خلدون')).toBe(university);
    expect(identityKeyOf('Ibn Khaldoun University')).toBe(university);
    expect(identityKeyOf('Assurances Nakhil')).toBe(identityKeyOf('نخيل للتأمين'));
  });

  it('reads a final h after a vowel as the ة Arabic drops ("Kasbah" / "قصبة"), and بنك as banque', () => {
    expect(consonantSkeleton('Kasbah Noujoum')).toBe(consonantSkeleton('قصبة النجوم'));
    expect(consonantSkeleton('Dar Fatimah')).toBe(consonantSkeleton('دار فاطمة'));
    expect(identityKeyOf('Banque Tilal Atlas')).toBe(identityKeyOf('بنك تلال أطلس'));
    // French sector words the press writes in Arabic letters are sector words too.
    expect(identityKeyOf('نور سانتي')).toBe(identityKeyOf('Nour Santé'));
    // "GS" is a school group's generic prefix, like "Groupe scolaire".
    expect(consonantSkeleton('GS Les Orangers')).toBe(consonantSkeleton('Groupe scolaire Les Orangers'));
  });

  it('drops a word-initial h in both scripts: French writes a silent one, Arabic a vowel', () => {
    expect(identityKeyOf('Horizon Santé')).toBe(identityKeyOf('أوريزون صحة'));
    expect(consonantSkeleton('Hassan Nour')).toBe(consonantSkeleton('حسن نور'));
  });

  it('drops the article Darija transliteration fuses to a word ("Lbhar" for البحر), not a name\'s own l', () => {
    expect(consonantSkeleton('Dar Lbhar Immobilier')).toBe(consonantSkeleton('دار البحر العقارية'));
    expect(consonantSkeleton('Lamrani')).toBe(consonantSkeleton('لمراني'));
  });
});

describe('statedSector', () => {
  it('reads the line of business a name states, in French, from either script and either edge', () => {
    expect(statedSector('Sahara Télécom')).toBe(statedSector('الصحراء للاتصالات'));
    expect(statedSector('Atlas Assurances')).toBe(statedSector('أطلس للتأمين'));
    expect(statedSector('Banque Oudaya')).toBe(statedSector('بنك الوداية'));
    expect(statedSector('Sahara Télécom')).not.toBe(statedSector('Sahara Assurances'));
  });

  it('is null for a name that states none, or is nothing but a sector word', () => {
    expect(statedSector('TLScontact')).toBeNull();
    expect(statedSector('Assurances')).toBeNull();
  });
});
