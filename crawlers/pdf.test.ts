import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { expect, it } from 'vitest';
import { isAppError } from '../pipeline/errors.ts';
import { readPdfText } from './pdf.ts';

const require = createRequire(import.meta.url);

it('extracts French and Arabic text, page by page, without a worker or network', async () => {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const latin = await doc.embedFont(StandardFonts.Helvetica);
  const arabic = await doc.embedFont(
    readFileSync(require.resolve('@expo-google-fonts/amiri/400Regular/Amiri_400Regular.ttf')),
    {
      subset: true,
    },
  );
  doc.addPage().drawText('Délibération portant avertissement à un opérateur', { x: 50, y: 700, font: latin, size: 12 });
  doc.addPage().drawText('قررت اللجنة توجيه إنذار', { x: 50, y: 700, font: arabic, size: 14 });
  const bytes = await doc.save();
  const copy = new Uint8Array(bytes);

  const out = await readPdfText(bytes);
  expect(out.pages).toBe(2);
  const [fr, ar] = out.text.split('\n\n');
  expect(fr).toBe('Délibération portant avertissement à un opérateur');
  // Letters and words come back in logical order, whatever glyph forms the font used.
  for (const word of ['قررت', 'اللجنة', 'توجيه', 'إنذار']) expect(ar).toContain(word);
  // The caller's buffer is not detached by pdf.js.
  expect(Buffer.compare(Buffer.from(bytes), Buffer.from(copy))).toBe(0);
});

it('mends Arabic words a text layer broke between glyph runs, and keeps real word gaps', async () => {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const arabic = await doc.embedFont(
    readFileSync(require.resolve('@expo-google-fonts/amiri/400Regular/Amiri_400Regular.ttf')),
    { subset: true },
  );
  // Presentation forms as a PDF font maps them: "المملكة المغربية" broken after a medial meem
  // (joined to what follows) and before a final teh marbuta (joined to what precedes); the gap
  // between the two words follows an isolated/final form and stays.
  const broken = '\uFE8D\uFEDF\uFEE4\uFEE4 \uFEE0\uFEDC\uFE94 \uFE8D\uFEDF\uFEE4\uFED0\uFEAE\uFE91\uFEF4 \uFE94';
  doc.addPage().drawText(broken, { x: 50, y: 700, font: arabic, size: 14 });
  const out = await readPdfText(await doc.save());
  expect(out.text).toBe('المملكة المغربية');
});

it('fails with PDF_FAILED on a body that is not a PDF', async () => {
  const error = await readPdfText(Buffer.from('%PDF-1.7 this is not really a pdf')).catch((e: unknown) => e);
  expect(isAppError(error, 'PDF_FAILED')).toBe(true);
});
