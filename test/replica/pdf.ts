// The CNDP's PDF communiqués, generated with pdf-lib. Arabic needs a font with Arabic glyphs and
// shaping: Amiri (from the @expo-google-fonts/amiri dev package) through fontkit, whose layout
// joins the letters and lays the run out right-to-left. The text layer must read back as Arabic
// (pdf.js re-orders right-to-left runs), so Latin/digit runs are pre-reversed: fontkit reverses the
// whole run, which would otherwise read back "2023" as "3202". Lines must not start with Latin
// letters (pdf.js would then take the line as left-to-right).
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, rgb } from 'pdf-lib';
import type { PdfFixture } from './content/types.ts';

const require = createRequire(import.meta.url);
const PAGE: [number, number] = [595.28, 841.89];
const MARGIN = 56;

async function arabicFont(): Promise<Uint8Array> {
  return readFile(require.resolve('@expo-google-fonts/amiri/400Regular/Amiri_400Regular.ttf'));
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (line !== '' && font.widthOfTextAtSize(candidate, size) > width) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

// Found by experiment against pdf.js's text extraction: Latin runs, and number runs that end the
// line, are reversed whole; inner runs like "08-09" keep their group order with each group reversed.
function visualArabic(line: string): string {
  return line.replace(/[0-9A-Za-z](?:[0-9A-Za-z.\-/: ]*[0-9A-Za-z])?/g, (run: string, offset: number) =>
    /[A-Za-z]/.test(run) || !/[\u0600-\u06FF]/.test(line.slice(offset + run.length))
      ? [...run].reverse().join('')
      : run.replace(/[0-9]+/g, (digits) => [...digits].reverse().join('')),
  );
}

async function build(fixture: PdfFixture): Promise<Uint8Array> {
  // No automatic metadata: the bytes (and so the ETag) stay the same from one run to the next.
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const rtl = fixture.lang === 'ar';
  // An embedded font for French too: a PDF that relies on the standard 14 fonts makes pdf.js ask
  // for font data files, and real CNDP PDFs embed their fonts anyway.
  const font = await doc.embedFont(await arabicFont(), { subset: true });
  const bold = font;
  doc.setTitle(fixture.title);
  doc.setAuthor(rtl ? 'اللجنة الوطنية لمراقبة حماية المعطيات ذات الطابع الشخصي' : 'CNDP');
  doc.setLanguage(rtl ? 'ar-MA' : 'fr-MA');
  doc.setCreationDate(new Date(fixture.publishedAt));
  doc.setModificationDate(new Date(fixture.publishedAt));
  doc.setProducer('Raqib replica');
  doc.setCreator('Raqib replica');

  const width = PAGE[0] - 2 * MARGIN;
  let page = doc.addPage(PAGE);
  let y = PAGE[1] - MARGIN;
  const draw = (text: string, f: PDFFont, size: number): void => {
    for (const line of wrap(text, f, size, width)) {
      if (y < MARGIN) {
        page = doc.addPage(PAGE);
        y = PAGE[1] - MARGIN;
      }
      const shown = rtl ? visualArabic(line) : line;
      const w = f.widthOfTextAtSize(shown, size);
      page.drawText(shown, { x: rtl ? PAGE[0] - MARGIN - w : MARGIN, y, size, font: f, color: rgb(0.1, 0.1, 0.1) });
      y -= size * 1.6;
    }
    y -= size * 0.6;
  };
  draw(rtl ? 'المملكة المغربية' : 'Royaume du Maroc', bold, 10);
  draw(
    rtl
      ? 'اللجنة الوطنية لمراقبة حماية المعطيات ذات الطابع الشخصي'
      : 'Commission nationale de contrôle de la protection des données personnelles (CNDP)',
    bold,
    10,
  );
  y -= 12;
  draw(fixture.title, bold, 15);
  for (const paragraph of fixture.paragraphs) draw(paragraph, font, 11);
  return doc.save({ useObjectStreams: false });
}

/** Bump when the layout code changes, so cached PDFs are rebuilt. */
const LAYOUT_VERSION = 4;
const cache = new Map<string, Promise<Uint8Array>>();

// Shaping Arabic with Amiri takes ~2 s, so the (deterministic) bytes are also kept in the OS temp
// directory, keyed by the fixture's content: later test runs read them back in a millisecond.
async function cachedBuild(fixture: PdfFixture): Promise<Uint8Array> {
  const hash = createHash('sha256')
    .update(JSON.stringify([LAYOUT_VERSION, fixture]))
    .digest('hex')
    .slice(0, 24);
  const dir = path.join(os.tmpdir(), 'raqib-replica-pdf');
  const file = path.join(dir, `${fixture.key}-${hash}.pdf`);
  try {
    return await readFile(file);
  } catch {
    const bytes = await build(fixture);
    await mkdir(dir, { recursive: true });
    // Write then rename: parallel test workers never read a half-written file.
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, file);
    return bytes;
  }
}

/** The PDF of a communiqué; built once per machine (temp-dir cache) and once per process. */
export function pdfBytes(fixture: PdfFixture): Promise<Uint8Array> {
  let bytes = cache.get(fixture.key);
  if (bytes === undefined) {
    bytes = cachedBuild(fixture);
    cache.set(fixture.key, bytes);
  }
  return bytes;
}
