import { startReplica } from './test/replica/index.ts';
const r = await startReplica();
const o = r.origins['https://www.cndp.ma'];
for (const p of ['/wp-content/uploads/2023/01/Communique-TLS-Contact-Fr.pdf','/wp-content/uploads/2023/01/Communique-TLS-Contact-Ar.pdf']) {
  const b = new Uint8Array(await (await fetch(o + p)).arrayBuffer());
  console.log(p, b.length);
  let t = Date.now();
  const m = await import('./crawlers/pdf.ts');
  console.log('import', Date.now() - t);
  t = Date.now(); const x = await m.extractPdfText(b); console.log('extract1', Date.now() - t, x.text.length);
  t = Date.now(); await m.extractPdfText(b); console.log('extract2', Date.now() - t);
}
await r.close();
