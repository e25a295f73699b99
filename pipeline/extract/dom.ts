// A deliberately tiny DOM built from htmlparser2's streaming callbacks. The extractor only needs
// tags, attributes, children and parents; skipping domhandler's richer nodes (and never building
// nodes for scripts, styles or SVG) keeps parsing at roughly twice the speed of `parseDocument`.
import { Parser } from 'htmlparser2';

export interface El {
  tag: string;
  attrs: Record<string, string>;
  /** Text children are plain strings (entities already decoded). */
  children: Node[];
  parent: El | null;
}
export type Node = El | string;

/** What the page says about itself outside the body: collected while parsing, in document order. */
export interface Head {
  title: string | null;
  htmlLang: string | null;
  metas: Array<Record<string, string>>;
  links: Array<Record<string, string>>;
  jsonLd: string[];
}

export interface ParsedPage {
  root: El;
  head: Head;
}

// Subtrees whose text is never article text. Their content is dropped at parse time.
const SKIP_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'iframe',
  'object',
  'embed',
  'canvas',
  'video',
  'audio',
  'select',
  'textarea',
  'button',
  'head',
]);

export function parseHtml(html: string): ParsedPage {
  const root: El = { tag: '#root', attrs: {}, children: [], parent: null };
  const head: Head = { title: null, htmlLang: null, metas: [], links: [], jsonLd: [] };
  let current = root;
  // Depth inside skipped subtrees; text and elements there are not kept.
  let skipDepth = 0;
  let skipTag = '';
  let captureKind: 'title' | 'jsonld' | null = null;
  let captured = '';

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'meta') {
          head.metas.push(attrs);
          return;
        }
        if (name === 'link') {
          head.links.push(attrs);
          return;
        }
        if (name === 'html' && attrs.lang && head.htmlLang === null) head.htmlLang = attrs.lang;
        // An unclosed <head> must not swallow the page: <body> always ends it.
        if (name === 'body' && skipTag === 'head') skipDepth = 0;
        if (skipDepth > 0) {
          if (name === skipTag) skipDepth++;
          if (name === 'title' && head.title === null && skipTag === 'head') {
            captureKind = 'title';
            captured = '';
          }
          if (name === 'script' && skipTag === 'head' && /ld\+json/i.test(attrs.type ?? '')) {
            captureKind = 'jsonld';
            captured = '';
          }
          return;
        }
        if (name === 'title' && head.title === null) {
          captureKind = 'title';
          captured = '';
        }
        if (name === 'script' && /ld\+json/i.test(attrs.type ?? '')) {
          captureKind = 'jsonld';
          captured = '';
        }
        if (SKIP_TAGS.has(name)) {
          skipDepth = 1;
          skipTag = name;
          return;
        }
        const el: El = { tag: name, attrs, children: [], parent: current };
        current.children.push(el);
        current = el;
      },
      ontext(text) {
        if (captureKind !== null) {
          captured += text;
          return;
        }
        if (skipDepth > 0) return;
        const last = current.children[current.children.length - 1];
        if (typeof last === 'string') current.children[current.children.length - 1] = last + text;
        else current.children.push(text);
      },
      onclosetag(name) {
        if (captureKind === 'title' && name === 'title') {
          head.title = captured;
          captureKind = null;
        } else if (captureKind === 'jsonld' && name === 'script') {
          head.jsonLd.push(captured);
          captureKind = null;
        }
        if (name === 'meta' || name === 'link') return;
        if (skipDepth > 0) {
          if (name === skipTag) skipDepth--;
          return;
        }
        // htmlparser2 reports implied closes too, so the stack stays balanced; guard anyway.
        let el: El | null = current;
        while (el && el.tag !== name) el = el.parent;
        if (el?.parent) current = el.parent;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return { root, head };
}

/** Whitespace-normalized text of a subtree (block boundaries become single spaces). */
export function textOf(node: Node): string {
  const parts: string[] = [];
  collectText(node, parts);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

function collectText(node: Node, out: string[]): void {
  if (typeof node === 'string') {
    out.push(node);
    return;
  }
  for (const child of node.children) collectText(child, out);
}

export function removeNode(el: El): void {
  const parent = el.parent;
  if (!parent) return;
  const i = parent.children.indexOf(el);
  if (i >= 0) parent.children.splice(i, 1);
  el.parent = null;
}
