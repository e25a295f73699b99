import { createHash } from 'node:crypto';

/** Stable ids derive from content: a document's id is a hash of its canonical URL. */
export function documentId(canonicalUrl: string): string {
  return `doc_${sha256(canonicalUrl).slice(0, 20)}`;
}

export function sha256(input: string | Uint8Array): string {
  return createHash('sha256').update(input).digest('hex');
}
