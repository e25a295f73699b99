import { expect, it } from 'vitest';
import { foldText, matchesKeywords, visibleText } from './relevance.ts';

it('folds case, Latin accents and Arabic diacritics and letter variants', () => {
  expect(foldText('Données PERSONNELLES')).toBe('donnees personnelles');
  expect(foldText('المُعْطَيات الشخصيّة')).toBe(foldText('المعطيات الشخصيه'));
  expect(foldText('إحالة على النيابة')).toBe(foldText('احاله على النيابه'));
});

it('matches a keyword anywhere in the folded text and says which one', () => {
  expect(
    matchesKeywords('La CNIL marocaine, la c.n.d.p, et la protection des DONNÉES', ['protection des données']),
  ).toBe('protection des données');
  expect(matchesKeywords('Match nul au stade', ['données personnelles', 'CNDP'])).toBeNull();
});

it('reads the article (not scripts or the menu) when the page marks it up', () => {
  const html = `<html><head><title>T</title><script>var cndp = 1;</script></head><body><nav>CNDP menu</nav><article>Texte du sujet</article></body></html>`;
  const text = visibleText(html);
  expect(text).toContain('Texte du sujet');
  expect(text).not.toContain('var cndp');
  expect(text).not.toContain('menu');
});
