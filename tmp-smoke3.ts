import { readFileSync, readdirSync } from 'node:fs';
import { ARTICLES, PDFS } from './test/replica/content/index.ts';
const W = /[\p{L}\p{N}_]+/gu;
const grams = (t: string) => { const w = t.toLowerCase().match(W) ?? []; const s = new Set<string>(); for (let i = 0; i + 10 <= w.length; i++) s.add(w.slice(i, i + 10).join(' ')); return s; };
const seed = new Set<string>();
for (const f of readdirSync('/work/shared/seeds')) for (const g of grams(readFileSync('/work/shared/seeds/' + f, 'utf8'))) seed.add(g);
for (const a of [...ARTICLES, ...PDFS]) {
  const text = [a.title, ...a.paragraphs].join('\n');
  const hits = [...grams(text)].filter((g) => seed.has(g));
  const words = (text.match(W) ?? []).length;
  console.log(a.key.padEnd(30), 'words', words, hits.length ? 'SEED ' + hits.length + ' ' + hits[0] : '');
}
