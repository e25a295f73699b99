import { describe, expect, it } from 'vitest';
import { entitiesOf } from '../../test/entity-helpers.ts';

const amounts = (text: string, lang: 'fr' | 'ar' | 'en' = 'fr') =>
  entitiesOf(text, lang).amounts.map((a) => [a.value, a.maxValue, a.currency, a.kind]);

describe('amounts', () => {
  it('reads ranges quoted from the law as legal maxima', () => {
    // A range yields the range (lower bound, maxValue) and its upper bound as an amount of its own.
    expect(amounts('Ces faits sont passibles d’une amende de 20.000 à 200.000 DH.')).toEqual([
      [20000, 200000, 'MAD', 'legal_max'],
      [200000, null, 'MAD', 'legal_max'],
    ]);
    expect(amounts('ويعاقب على ذلك بغرامة من 20.000 إلى 200.000 درهم.', 'ar')).toEqual([
      [20000, 200000, 'MAD', 'legal_max'],
      [200000, null, 'MAD', 'legal_max'],
    ]);
    expect(amounts('بغرامة تتراوح بين 20 ألف و200 ألف درهم.', 'ar')).toEqual([
      [20000, 200000, 'MAD', 'legal_max'],
      [200000, null, 'MAD', 'legal_max'],
    ]);
  });

  it('keeps a written-out lower bound when the scale belongs to the upper one only', () => {
    expect(amounts('يعاقب الفصل على ذلك بغرامة تتراوح بين 5000 و50 ألف درهم.', 'ar')).toEqual([
      [5000, 50000, 'MAD', 'legal_max'],
      [50000, null, 'MAD', 'legal_max'],
    ]);
  });

  it('reads hundreds written in words and English legal ranges', () => {
    expect(amounts("L'opérateur risque une amende de quatre cent mille dirhams.")).toEqual([
      [400000, null, 'MAD', 'legal_max'],
    ]);
    expect(amounts('Violators face fines ranging from MAD 5,000 to MAD 50,000 under the law.', 'en')).toEqual([
      [5000, null, 'MAD', 'legal_max'],
      [50000, null, 'MAD', 'legal_max'],
    ]);
    expect(amounts('The firm could be hit with a fine of up to MAD 250,000.', 'en')).toEqual([
      [250000, null, 'MAD', 'legal_max'],
    ]);
  });

  it('reads fines actually imposed', () => {
    expect(amounts('Le tribunal a condamné la société à une amende de 100 000 dirhams.')).toEqual([
      [100000, null, 'MAD', 'imposed'],
    ]);
    expect(amounts('قضت المحكمة بتغريم الشركة مليون درهم.', 'ar')).toEqual([[1000000, null, 'MAD', 'imposed']]);
  });

  it('decides by the nearest cue when a sentence holds both kinds', () => {
    expect(amounts("Il a écopé d'une amende de 50.000 DH alors que la loi prévoit jusqu'à 200.000 DH.")).toEqual([
      [50000, null, 'MAD', 'imposed'],
      [200000, null, 'MAD', 'legal_max'],
    ]);
  });

  it('reads scales, decimals and other currencies; money outside fines is "other"', () => {
    expect(amounts("Le chiffre d'affaires atteint 1,5 milliard de dirhams, soit 4,01 DH par action.")).toEqual([
      [1500000000, null, 'MAD', 'other'],
      [4.01, null, 'MAD', 'other'],
    ]);
    expect(amounts("La CNIL a infligé une amende de 150 millions d'euros.")).toEqual([
      [150000000, null, 'EUR', 'imposed'],
    ]);
  });

  it('reads number words before scales and currency codes written first', () => {
    expect(amounts('Une amende de cinq millions de dirhams a été infligée.')).toEqual([
      [5000000, null, 'MAD', 'imposed'],
    ]);
    expect(amounts('قضت المحكمة بغرامة قدرها عشرة آلاف درهم.', 'ar')).toEqual([[10000, null, 'MAD', 'imposed']]);
    expect(amounts('يعاقب بغرامة تصل إلى مليوني درهم.', 'ar')).toEqual([[2000000, null, 'MAD', 'legal_max']]);
    expect(amounts('The court fined the bank MAD 100,000.', 'en')).toEqual([[100000, null, 'MAD', 'imposed']]);
  });

  it('reads a plural Arabic fine that "reaches" a sum as the legal maximum', () => {
    expect(amounts('وتصل العقوبات والغرامات المنصوص عليها إلى 300 ألف درهم.', 'ar')).toEqual([
      [300000, null, 'MAD', 'legal_max'],
    ]);
    expect(amounts('وقد تصل الغرامات في هذه الحالة إلى 80 ألف درهم.', 'ar')).toEqual([
      [80000, null, 'MAD', 'legal_max'],
    ]);
  });

  it('reads a court order to pay as imposed, and damages to a victim as other', () => {
    expect(amounts('The supplier was also ordered to pay MAD 40,000 under the same judgment.', 'en')).toEqual([
      [40000, null, 'MAD', 'imposed'],
    ]);
    expect(amounts('The judge ordered her to pay a fine of MAD 5,000 and MAD 25,000 in damages.', 'en')).toEqual([
      [5000, null, 'MAD', 'imposed'],
      [25000, null, 'MAD', 'other'],
    ]);
    expect(amounts('Il a été condamné à une amende de 8.000 DH et à 30.000 DH de dommages-intérêts.')).toEqual([
      [8000, null, 'MAD', 'imposed'],
      [30000, null, 'MAD', 'other'],
    ]);
    expect(amounts('وحكمت عليه بغرامة قدرها 4000 درهم وتعويض قدره 15 ألف درهم للضحية.', 'ar')).toEqual([
      [4000, null, 'MAD', 'imposed'],
      [15000, null, 'MAD', 'other'],
    ]);
  });

  it('ignores numbers without a currency', () => {
    expect(amounts('Quelque 50 000 candidats et 2023 dossiers ; article 20.')).toEqual([]);
  });

  it('reads the business press abbreviations MDH and MMDH, and "Dh" before the number', () => {
    expect(amounts("L'assureur a réalisé un chiffre d'affaires de 2,4 MMDH, dont 310 MDH à l'export.")).toEqual([
      [2400000000, null, 'MAD', 'other'],
      [310000000, null, 'MAD', 'other'],
    ]);
    expect(amounts('The court ordered the firm to pay a fine of Dh 15,000.', 'en')).toEqual([
      [15000, null, 'MAD', 'imposed'],
    ]);
  });
});
