import { describe, expect, it } from 'vitest';
import { createContext } from './context.ts';
import { extractEntities } from './index.ts';
import { salientNames } from './salient-names.ts';

function names(text: string, title: string | null, language: 'fr' | 'ar' | 'en' = 'fr'): string[] {
  return salientNames(createContext({ text, title, language, publishedAt: null })).map((c) => c.name);
}

describe('salientNames: names no trigger introduces', () => {
  it('reads a bare company name the report repeats, headline included', () => {
    const text =
      "Le régulateur a saisi le parquet du dossier de Caisse Tafilalt. Un an plus tôt, il avait demandé à Caisse Tafilalt de cesser d'appeler les proches des débiteurs.";
    expect(names(text, "Recouvrement : l'affaire Caisse Tafilalt devant le juge")).toEqual([
      'Caisse Tafilalt',
      'Caisse Tafilalt',
    ]);
  });

  it('drops a capitalized opener and reads the name by its first word ("Sakina" for "Sakina Assurances")', () => {
    const text = 'Chez Noura Mutuelle, on dit étudier la décision. Le programme de Noura prévoyait des bracelets.';
    expect(names(text, 'La CNDP dit non aux bracelets de Noura')).toContain('Noura Mutuelle');
  });

  it('keeps out people, places, months and a single word the headline does not name', () => {
    const text =
      "Reconduit par le Roi Mohammed VI, le président a reçu à Tanger M. Karim Bennani. Selon Bennani, la réforme viendra en Mars. Le Roi Mohammed VI a salué l'équipe de Tanger.";
    expect(names(text, 'Nouveau mandat pour le président')).toEqual([]);
  });

  it("keeps the field's own terms out, however capitalized", () => {
    const text =
      "La CNDP publie un guide sur l'Intelligence Artificielle. Les usages de l'Intelligence Artificielle dans les banques y sont décrits.";
    expect(names(text, "Guide de la CNDP sur l'Intelligence Artificielle")).toEqual([]);
  });

  it('counts a two-word name in an English headline, where every word is capitalized', () => {
    const text = 'The regulator said on Monday it had referred Atlas Lending to prosecutors after new complaints.';
    expect(names(text, 'Watchdog Refers Atlas Lending to Prosecutors', 'en')).toEqual(['Atlas Lending']);
  });

  it('reads an Arabic quoted name after a noun for a business, or quoted in the headline too', () => {
    const text =
      'أمهلت اللجنة موقع التشغيل "شغلي نت" شهرا لحذف السير الذاتية. وقال مسؤول في "نور للتأمين" إن الشركة ستلتزم.';
    expect(names(text, 'لجنة المعطيات تنذر "نور للتأمين"', 'ar')).toEqual(['شغلي نت', 'نور للتأمين']);
  });

  it('reads a name after a plural noun and its adjective, never an association quoted after its noun', () => {
    const text =
      'زارت اللجنة مقر مجموعة المصحات الخاصة "دار الشفاء". وطالبت جمعية "حقوق المرضى أولا" بمحاسبة المسؤولين.';
    expect(names(text, null, 'ar')).toEqual(['دار الشفاء']);
  });

  it('leaves quoted speech and a single quoted term alone', () => {
    const text = 'قالت اللجنة إن "على الشركات احترام القانون" وإن "الكوكيز" تخضع للموافقة.';
    expect(names(text, 'استشارة حول "الكوكيز"', 'ar')).toEqual([]);
  });

  it('makes the repeated bare name an organization the document is about', () => {
    const e = extractEntities({
      text: 'La CNDP a mis en demeure Caisse Tafilalt. Caisse Tafilalt a deux mois pour se conformer, selon la Commission.',
      title: 'Mise en demeure pour Caisse Tafilalt',
      language: 'fr',
      publishedAt: null,
    });
    expect(e.organizations.map((o) => o.name)).toContain('Caisse Tafilalt');
  });
});
