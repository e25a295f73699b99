// HTML building blocks: everything interpolated is escaped unless it is already `Html`, so data from
// crawled pages (titles, text, outlet names) can never inject markup into the page.

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Markup the caller vouches for (built by `html` or escaped already). */
export const trusted = (value: string): Html => new Html(value);

export function esc(value: unknown): string {
  return String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

function part(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(part).join('');
  return esc(value);
}

/** Tagged template: `html\`<p>${text}</p>\`` escapes `text`; arrays are concatenated; null/false render nothing. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += part(v) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/**
 * Meilisearch highlights (`<mark>` around matched words) inside otherwise raw crawled text: escape
 * everything, then restore only the mark tags. Unbalanced tags (a crop can cut one) are closed.
 */
export function highlighted(value: string | null | undefined): Html {
  let open = false;
  const out = esc(value ?? '').replace(/&lt;(\/?)mark&gt;/g, (_m, close: string) => {
    // Only alternating open/close pairs become tags; a stray tag (a crop can cut one off) is dropped.
    if (!close && !open) {
      open = true;
      return '<mark>';
    }
    if (close && open) {
      open = false;
      return '</mark>';
    }
    return '';
  });
  return new Html(open ? `${out}</mark>` : out);
}

export interface Annotation {
  start: number;
  end: number;
  /** What the span is said to be (its class suffix): org, law, person, event, deadline, amount. */
  kind: string;
  href: string | null;
  title: string;
}

function paragraphs(text: string): string {
  return esc(text)
    .replace(/\n{2,}/g, '</p><p dir="auto">')
    .replace(/\n/g, '<br>');
}

/**
 * Clean text as paragraphs (`dir="auto"` each: an Arabic article quoting a French paragraph shows
 * each in its own direction), with entity mentions wrapped in links. Offsets are UTF-16 indices into
 * `text` as the pipeline records them; a span that does not fit the text or overlaps an earlier one
 * is skipped rather than breaking the markup.
 */
export function annotatedText(text: string, annotations: readonly Annotation[]): Html {
  const spans = [...annotations]
    .filter((a) => a.start >= 0 && a.end > a.start && a.end <= text.length)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  for (const a of spans) {
    if (a.start < at) continue;
    out += paragraphs(text.slice(at, a.start));
    const inner = paragraphs(text.slice(a.start, a.end));
    const attrs = `class="ent ent-${esc(a.kind)}" title="${esc(a.title)}"`;
    out += a.href ? `<a ${attrs} href="${esc(a.href)}">${inner}</a>` : `<span ${attrs}>${inner}</span>`;
    at = a.end;
  }
  out += paragraphs(text.slice(at));
  return new Html(`<p dir="auto">${out}</p>`);
}
