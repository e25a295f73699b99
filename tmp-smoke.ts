import { startReplica } from './test/replica/index.ts';
const t0 = Date.now();
const r = await startReplica({ slowPageMs: 100 });
console.log('start ms', Date.now() - t0, Object.keys(r.origins).length);
const get = async (real: string) => { const u = new URL(real); const o = r.origins[u.origin]; const res = await fetch(o + u.pathname + u.search, { redirect: 'manual' }); const b = Buffer.from(await res.arrayBuffer()); return { s: res.status, ct: res.headers.get('content-type'), len: b.length, b }; };
for (const u of ['https://www.cndp.ma/feed/', 'https://www.cndp.ma/ar/المستجدات/', 'https://www.cndp.ma/wp-sitemap.xml', 'https://www.bladi.net/spip.php?page=backend', 'https://en.hespress.com/feed', 'https://www.cndp.ma/?s=contrôle', 'https://fr.le360.ma/robots.txt', 'https://www.cndp.ma/wp-content/uploads/2023/01/Communique-TLS-Contact-Ar.pdf', 'https://fr.le360.ma/societe/tls-contact-convoque-par-la-cndp-272001', 'https://www.maghress.com/fr/challenge/145203']) {
  const x = await get(u); console.log(x.s, x.ct, x.len, u);
}
const f = await get('https://www.cndp.ma/ar/feed/'); console.log(f.b.toString().slice(0, 1500));
const s = await get('https://www.cndp.ma/?s=contrôle'); console.log(s.b.toString().match(/<h2[^]*?<\/h2>/g));
await r.close();
