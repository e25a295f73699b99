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

export async function extractPdfText(bytes: Uint8Array, maxPages = 500): Promise<PdfText> {
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
    // NFKC folds Arabic presentation forms (what many PDF fonts map glyphs to) back to letters.
    return { text: parts.filter(Boolean).join('\n\n').normalize('NFKC'), pages: doc.numPages };
  } catch (cause) {
    throw new AppError('PDF_FAILED', `cannot read PDF: ${(cause as Error).message}`, { cause });
  } finally {
    await task.destroy();
  }
}
