import { AppError } from '../errors.ts';
import type { Extracted } from '../types.ts';
import { extractHtml } from './html.ts';
import { extractPdfText } from './pdf.ts';
import { extractPlainText } from './plain.ts';

export interface ExtractInput {
  contentType: string;
  text: string;
  url: string;
}

/** Stage 1: the main content and metadata of a stored page, by content type. */
export function extract(page: ExtractInput): Extracted {
  const type = page.contentType.split(';')[0]!.trim().toLowerCase();
  if (type === 'application/pdf') return extractPdfText(page.text, page.url);
  if (type === 'text/html' || type === 'application/xhtml+xml' || type === '') return extractHtml(page.text, page.url);
  if (type === 'text/plain') return extractPlainText(page.text, null);
  throw new AppError('INPUT_INVALID', `cannot extract content of type ${page.contentType}`, {
    details: { url: page.url, contentType: page.contentType },
  });
}
