import { describe, expect, it } from 'vitest';
import { conceptsOf } from './concepts.ts';

describe('conceptsOf: the words linking compares across languages', () => {
  it('gives a French and an Arabic report of one matter the same concepts', () => {
    const fr = conceptsOf('La Commission dénonce le moissonnage de données par les réseaux sociaux.');
    const ar = conceptsOf('حذرت اللجنة من كشط البيانات من طرف شبكات التواصل الاجتماعي.');
    expect(fr).toContain('data_scraping');
    expect(ar).toContain('data_scraping');
  });

  it('leaves out what every report of the field says, and what events and dates already carry', () => {
    const concepts = conceptsOf(
      'La Commission nationale rappelle la loi sur la protection des données personnelles et inflige une sanction en janvier.',
    );
    for (const common of ['commission', 'personal_data', 'data_protection', 'law', 'sanction', 'january'])
      expect(concepts).not.toContain(common);
  });
});
