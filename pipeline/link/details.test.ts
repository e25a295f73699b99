import { describe, expect, it } from 'vitest';
import { compoundNamesOf, figureSpecificity, figuresOf, placesOf } from './details.ts';

describe('placesOf', () => {
  it('finds one city in French, English and Arabic spellings, Arabic with proclitics', () => {
    expect(placesOf("Une clinique d'Oujda a été contrôlée")).toEqual(['oujda']);
    expect(placesOf('A clinic in Marrakesh was inspected')).toEqual(['marrakech']);
    expect(placesOf('مراقبة مصحة بمراكش ووجدة')).toEqual(['marrakech', 'oujda']);
    expect(placesOf('في الدار البيضاء')).toEqual(['casablanca']);
  });

  it('does not read a city inside another word, nor Arabic city names that are common words', () => {
    expect(placesOf('Les fesses et le rabattage ne sont pas des villes')).toEqual([]);
    expect(placesOf('اعتمدت اللجنة المنصة الجديدة')).toEqual([]);
  });
});

describe('compoundNamesOf', () => {
  it('gives a particle-led name the same key in Latin and Arabic script', () => {
    const fr = compoundNamesOf("L'hôpital Ibn Zohr de Marrakech");
    const ar = compoundNamesOf('مستشفى ابن زهر بمراكش');
    expect(fr.length).toBe(1);
    expect(ar).toEqual(fr);
    expect(compoundNamesOf('Le lycée Moulay Idriss')).toEqual(compoundNamesOf('ثانوية مولاي إدريس'));
  });

  it('keeps names with different particles or names apart', () => {
    expect(compoundNamesOf('Ibn Sina')).not.toEqual(compoundNamesOf('Ibn Tofail'));
    expect(compoundNamesOf('une école sans nom')).toEqual([]);
  });
});

describe('figuresOf', () => {
  it('reads one count written with separators, digits of either script or a multiplier word', () => {
    expect(figuresOf('près de 4.500 patients')).toEqual([4500]);
    expect(figuresOf('about 4,500 patients')).toEqual([4500]);
    expect(figuresOf('نحو ٤٥٠٠ مريض')).toEqual([4500]);
    expect(figuresOf('حوالي 12 ألف زبون')).toEqual([12000]);
    expect(figuresOf('1,2 million de comptes')).toEqual([1200000]);
  });

  it('skips law, decree and date numbers, years and small numbers', () => {
    expect(figuresOf('la loi 09-08, le décret 2-09-165, le 14/03/2025, en 2024, article 23, 12 jours')).toEqual([]);
  });

  it('weighs a precise figure above a round one', () => {
    expect(figureSpecificity(4530)).toBe(1);
    expect(figureSpecificity(4000)).toBeLessThan(1);
    expect(figureSpecificity(1000)).toBeLessThan(figureSpecificity(4000));
  });
});
