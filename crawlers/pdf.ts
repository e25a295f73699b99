// PDF text with pdfjs-dist's legacy build: runs in plain Node without a worker thread or any
// download (no CMap / standard-font fetching), which is what a crawler on a locked-down box needs.
import { AppError } from '../pipeline/errors.ts';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | null = null;

/**
 * Loaded on first use: pdfjs is large (3 MB with its worker module) and most crawls fetch no PDF.
 * The "fake worker" pdfjs runs in-process imports `pdf.worker.mjs` on the first document; importing
 * it here too puts it in the module cache at the same time.
 */
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= Promise.all([
    import('pdfjs-dist/legacy/build/pdf.mjs'),
    // @ts-expect-error the worker module ships no type declarations; only its side effect matters.
    import('pdfjs-dist/legacy/build/pdf.worker.mjs'),
  ]).then(([main]) => main);
  return pdfjs;
}

/**
 * Start loading pdfjs in the background. Compiling it takes ~0.3 s under plain node but several
 * seconds under tsx's loader; a crawl that expects PDFs calls this first so the cost overlaps the
 * network wait instead of stalling the first PDF.
 */
export function preloadPdf(): void {
  loadPdfJs().catch(() => {
    // Reported by the extraction that needs it.
    pdfjs = null;
  });
}

export interface PdfText {
  text: string;
  pages: number;
}

/**
 * The text layer of a PDF's pages (bytes → text). The one PDF reader: the pipeline's `extractPdfText`
 * (pipeline/extract/pdf.ts) then cleans this text into an article like any other page.
 */
export async function readPdfText(bytes: Uint8Array, maxPages = 500): Promise<PdfText> {
  const { getDocument, VerbosityLevel } = await loadPdfJs();
  // pdfjs transfers (detaches) the buffer it is given; copy so the caller's bytes stay intact.
  const data = new Uint8Array(bytes);
  const task = getDocument({
    data,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: VerbosityLevel.ERRORS,
  });
  try {
    const doc = await task.promise;
    const parts: string[] = [];
    const last = Math.min(doc.numPages, maxPages);
    for (let n = 1; n <= last; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let line = '';
      const lines: string[] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue;
        line += item.str;
        if (item.hasEOL) {
          lines.push(line);
          line = '';
        }
      }
      if (line) lines.push(line);
      parts.push(lines.join('\n').trim());
      page.cleanup();
    }
    // NFKC folds Arabic presentation forms (what many PDF fonts map glyphs to) back to letters —
    // after those forms have told where a word was broken.
    return { text: joinBrokenArabicWords(parts.filter(Boolean).join('\n\n')).normalize('NFKC'), pages: doc.numPages };
  } catch (cause) {
    throw new AppError('PDF_FAILED', `cannot read PDF: ${(cause as Error).message}`, { cause });
  } finally {
    await task.destroy();
  }
}

// Arabic Presentation Forms-B, letter by letter: [first code point, number of forms]. A four-form
// letter comes as isolated, final, initial, medial; a two-form letter (it never joins the next
// one: alef, dal, reh, waw…) as isolated, final.
// biome-ignore format: a table reads best as rows
const FORM_GROUPS: ReadonlyArray<readonly [number, number]> = [
  [0xfe80, 1], [0xfe81, 2], [0xfe83, 2], [0xfe85, 2], [0xfe87, 2], [0xfe89, 4], [0xfe8d, 2], [0xfe8f, 4],
  [0xfe93, 2], [0xfe95, 4], [0xfe99, 4], [0xfe9d, 4], [0xfea1, 4], [0xfea5, 4], [0xfea9, 2], [0xfeab, 2],
  [0xfead, 2], [0xfeaf, 2], [0xfeb1, 4], [0xfeb5, 4], [0xfeb9, 4], [0xfebd, 4], [0xfec1, 4], [0xfec5, 4],
  [0xfec9, 4], [0xfecd, 4], [0xfed1, 4], [0xfed5, 4], [0xfed9, 4], [0xfedd, 4], [0xfee1, 4], [0xfee5, 4],
  [0xfee9, 4], [0xfeed, 2], [0xfeef, 2], [0xfef1, 4], [0xfef5, 2], [0xfef7, 2], [0xfef9, 2], [0xfefb, 2],
];

/** 0 isolated, 1 final, 2 initial, 3 medial; -1 for anything that is not a presentation form. */
function formOf(cp: number): number {
  for (const [start, count] of FORM_GROUPS) if (cp >= start && cp < start + count) return cp - start;
  return -1;
}

/**
 * A PDF's text layer often breaks an Arabic word where the font's glyph runs break ("الممل كة
 * المغربية"). The glyph forms say where a word really goes on: an initial or medial form is joined
 * to the next letter and a final or medial form to the previous one, so a space between them is
 * an artefact of the layout, not a word boundary.
 */
function joinBrokenArabicWords(text: string): string {
  return text.replace(/(\S)[ \t\u00a0]+(?=(\S))/gu, (whole, before: string, after: string) => {
    const left = formOf(before.codePointAt(0) ?? 0);
    const right = formOf(after.codePointAt(0) ?? 0);
    return left === 2 || left === 3 || right === 1 || right === 3 ? before : whole;
  });
}
