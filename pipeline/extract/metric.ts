// The article-extraction-benchmark metric (scrapinghub/article-extraction-benchmark, evaluate.py):
// multisets of 4-token shingles over `\w+` tokens, per-page tp/fp/fn normalized to sum to 1,
// precision and recall averaged over pages, F1 of the two averages.

// Python's Unicode `\w`: letters, numbers and the underscore (combining marks are not word chars).
const TOKEN = /[\p{L}\p{N}_]+/gu;

export interface PageCounts {
  tp: number;
  fp: number;
  fn: number;
}

export interface MetricResult {
  f1: number;
  precision: number;
  recall: number;
}

function shingles(text: string, n: number): Map<string, number> {
  const tokens = text.match(TOKEN) ?? [];
  const out = new Map<string, number>();
  // Like the reference: a text shorter than n tokens yields one short shingle (or an empty one).
  const count = Math.max(1, tokens.length - n + 1);
  for (let i = 0; i < count; i++) {
    const slice = tokens.slice(i, i + n);
    if (slice.length === 0) continue;
    const key = slice.join('\u0001');
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

export function shingleCounts(truth: string, predicted: string, n = 4): PageCounts {
  const t = shingles(truth, n);
  const p = shingles(predicted, n);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [k, tc] of t) {
    const pc = p.get(k) ?? 0;
    tp += Math.min(tc, pc);
    fn += Math.max(0, tc - pc);
  }
  for (const [k, pc] of p) fp += Math.max(0, pc - (t.get(k) ?? 0));
  const sum = tp + fp + fn;
  return sum > 0 ? { tp: tp / sum, fp: fp / sum, fn: fn / sum } : { tp, fp, fn };
}

export function aggregate(pages: PageCounts[]): MetricResult {
  const precisions = pages.filter((c) => c.tp + c.fp > 0).map((c) => c.tp / (c.tp + c.fp));
  const recalls = pages.filter((c) => c.tp + c.fn > 0).map((c) => c.tp / (c.tp + c.fn));
  const precision = mean(precisions);
  const recall = mean(recalls);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { f1, precision, recall };
}

function mean(xs: number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}
