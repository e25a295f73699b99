export { type ExtractInput, extract } from './extract.ts';
export { extractHtml } from './html.ts';
export { aggregate, type MetricResult, type PageCounts, shingleCounts } from './metric.ts';
export { extractPdfText } from './pdf.ts';
export { extractPlainText } from './plain.ts';
