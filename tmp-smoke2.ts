import { PDFS } from './test/replica/content/index.ts';
import { pdfBytes } from './test/replica/pdf.ts';
for (const p of PDFS) { const t = Date.now(); await pdfBytes(p); console.log(p.key, Date.now() - t); }
