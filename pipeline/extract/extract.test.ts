import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors.ts';
import { extract } from './index.ts';

const prose =
  "La Commission a reçu une plainte d'un client dont les données bancaires avaient été communiquées à un tiers sans son accord, ce qui constitue un manquement grave.";

describe('extract', () => {
  it('dispatches HTML (with charset parameter) and PDF text', () => {
    const html = extract({
      contentType: 'text/html; charset=utf-8',
      text: `<html lang="fr"><body><article><p>${prose}</p><p>${prose}</p></article></body></html>`,
      url: 'https://example.ma/a',
    });
    expect(html.declaredLanguage).toBe('fr');
    expect(html.text).toBe(`${prose}\n\n${prose}`);
    const pdf = extract({
      contentType: 'application/pdf',
      text: `Décision\nde la CNDP\n\n${prose}`,
      url: 'https://x/a.pdf',
    });
    expect(pdf.text).toContain(prose);
  });

  it('refuses content types it cannot read with a coded error', () => {
    try {
      extract({ contentType: 'image/png', text: '', url: 'https://x/a.png' });
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e, 'INPUT_INVALID')).toBe(true);
    }
  });
});
