import { describe, expect, it } from 'vitest';
import { entitiesOf, idsOf } from '../../test/entity-helpers.ts';

describe('persons', () => {
  it('knows the CNDP president in French and in both Arabic spellings', () => {
    expect(idsOf(entitiesOf('Selon Omar Seghrouchni, le dossier avance.').persons)).toEqual([
      'person:omar-seghrouchni',
    ]);
    expect(idsOf(entitiesOf('صرح عمر السغروشني بأن الملف يتقدم.', 'ar').persons)).toEqual(['person:omar-seghrouchni']);
    expect(idsOf(entitiesOf('وأكد السيد عمر الصغروشني ذلك.', 'ar').persons)).toEqual(['person:omar-seghrouchni']);
  });

  it('joins a lone surname after a civility to the full name of the same document', () => {
    const e = entitiesOf('La députée Salma Bennani a posé une question. Mme Bennani attend une réponse.');
    expect(e.persons).toHaveLength(1);
    expect(e.persons[0]?.id).toBe('person:salma-bennani');
    expect(e.persons[0]?.mentions.map((m) => m.text)).toEqual(['Salma Bennani', 'Bennani']);
  });

  it('reads a name after a role and its complement ("le président de la CNDP, X Y")', () => {
    const e = entitiesOf("Le président de l'association, Karim Tazi, a réagi.");
    expect(idsOf(e.persons)).toEqual(['person:karim-tazi']);
  });

  it('reads a name followed by its role, but not an organization or a sentence opener', () => {
    expect(idsOf(entitiesOf("Karim Tazi, président de l'association, a réagi.").persons)).toEqual([
      'person:karim-tazi',
    ]);
    expect(entitiesOf('La Commission Nationale, présidente du réseau, répond.').persons).toEqual([]);
  });

  it('reads Arabic names after السيد / الوزير but not role words', () => {
    expect(idsOf(entitiesOf('وقال السيد يوسف العلمي إن اللجنة ستجتمع.', 'ar').persons)).toEqual(['person:يوسف-العلمي']);
    expect(entitiesOf('وقال الوزير المنتدب المكلف بالميزانية إن الأمر محسوم.', 'ar').persons).toEqual([]);
  });

  it('does not take a company or a place after a civility-like word', () => {
    expect(entitiesOf('Il me Dit que la société Maroc Data a répondu.').persons).toEqual([]);
  });

  it('reads names after the roles of a proceeding or an institution, and after an appointment', () => {
    const ids = (text: string, lang: 'fr' | 'en' = 'fr') => idsOf(entitiesOf(text, lang).persons);
    expect(ids('Lawyer Samir Idrissi told the court the refusal was outdated.', 'en')).toEqual([
      'person:samir-idrissi',
    ]);
    expect(ids('The judge Leila Amrani adjourned the hearing.', 'en')).toEqual(['person:leila-amrani']);
    expect(ids("Jointe par téléphone, la doyenne de la faculté, Houda Tazi, parle d'une erreur.")).toEqual([
      'person:houda-tazi',
    ]);
    expect(ids('Le rapporteur Mehdi Filali a présenté ses conclusions.')).toEqual(['person:mehdi-filali']);
    expect(ids('La commission a désigné Marc Dupuis pour présider le débat.')).toEqual(['person:marc-dupuis']);
    // A role needs a full name after it.
    expect(ids('Le juge a rendu sa décision lundi.')).toEqual([]);
  });
});
