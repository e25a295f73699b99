import { describe, expect, it } from 'vitest';
import { detectTicker } from './ticker.ts';

const headlines =
  'Le dirham se stabilise face au dollar Tanger Med inaugure un nouveau quai Grève des transporteurs à Casablanca ' +
  'Le festival de Fès dévoile sa programmation Hausse des exportations de phosphate Les pluies relancent la saison ' +
  'agricole Un nouveau stade pour Tétouan Le tourisme intérieur reprend des couleurs';

const article = [
  "La Commission a reçu, en début de semaine, une plainte déposée par un collectif d'usagers d'une application de covoiturage.",
  "Selon les plaignants, l'application conservait les trajets de chaque utilisateur pendant plusieurs années, sans base légale.",
  "L'entreprise, contactée, indique qu'elle réduira cette durée et qu'elle publiera une politique de confidentialité révisée.",
];

describe('detectTicker', () => {
  it('flags one long unpunctuated run of headlines', () => {
    expect(detectTicker([headlines], { linkDensity: 0 })).toBe(true);
  });

  it('flags a run of headlines that keep their colons and commas but never end a sentence', () => {
    const withColons =
      'Dirham : la banque centrale rassure les marchés Tanger Med : un nouveau quai, deux nouvelles lignes ' +
      'Fès : le festival dévoile sa programmation Phosphate : les exportations progressent, les prix aussi ' +
      'Agriculture : les pluies relancent la saison Tétouan : un nouveau stade pour le club local ' +
      'Tourisme : les nuitées reprennent des couleurs Rail : la ligne Casablanca-Marrakech modernisée ' +
      'Énergie : un parc solaire entre en service Santé : les urgences de Rabat réorganisées Culture : un musée rouvre';
    expect(detectTicker([withColons], { linkDensity: 0 })).toBe(true);
    // The same words as prose, with sentences that end, are an article.
    const prose = withColons.replace(/ (?=[A-ZÉ][a-zé]+ :)/g, '. ');
    expect(detectTicker([`${prose}.`], { linkDensity: 0 })).toBe(false);
  });

  it('flags a list of short unpunctuated lines and a link-made body', () => {
    const lines = headlines.split(/(?= [A-Z])/).map((l) => l.trim());
    expect(lines.length).toBeGreaterThanOrEqual(6);
    expect(detectTicker(lines, { linkDensity: 0 })).toBe(true);
    expect(detectTicker(article, { linkDensity: 0.8 })).toBe(true);
  });

  it('keeps articles, sparsely punctuated multi-paragraph text and tables of figures', () => {
    expect(detectTicker(article, { linkDensity: 0.05 })).toBe(false);
    const sparse = [headlines.toLowerCase(), headlines, headlines];
    expect(detectTicker(sparse, { linkDensity: 0 })).toBe(false);
    const table = [
      '1 Raja 45 12 3',
      '2 Wydad 41 11 5',
      '3 FAR 38 10 6',
      '4 RSB 35 9 7',
      '5 FUS 33 9 8',
      '6 MAS 30 8 9',
    ];
    expect(detectTicker(table, { linkDensity: 0 })).toBe(false);
  });
});
