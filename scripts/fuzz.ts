// `npm run fuzz [-- --requests N] [--url URL] [--seed S]`: hostile requests against a served demo.
// Without --url it runs `raqib demo` (replica crawled, processed, indexed, served) in a temporary
// data directory. Requests: every route of /openapi.json with hostile parameter values, unknown and
// repeated parameters, hostile bodies and content types on write routes, and raw requests Node's
// parser must refuse (bad request line, oversized headers, bad percent-encoding, duplicate
// credentials, over-long paths). Prints the status histogram, the 5xx count, the error bodies that
// are not `{ error: { code, message, details? } }`, and the slowest answer.
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { conforms, HOSTILE } from '../test/hostile.ts';
import { childPids, type ServeProcess, startServeProcess } from '../test/serve-process.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const total = Number(arg('requests') ?? 3000);
const seed = Number(arg('seed') ?? 14);
const concurrency = 8;

let a = seed >>> 0;
const rand = () => {
  a = (a + 0x6d2b79f5) >>> 0;
  let t = a;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

interface Probe {
  label: string;
  send: () => Promise<{ status: number; body: string }>;
}

let serve: ServeProcess | null = null;
let base = arg('url');
let demoDir: string | null = null;
if (!base) {
  const dataDir = mkdtempSync(join(tmpdir(), 'raqib-fuzz-'));
  demoDir = dataDir;
  process.stderr.write(`starting raqib demo in ${dataDir} (crawl, process, index: about a minute)…\n`);
  serve = await startServeProcess({
    dataDir,
    command: 'demo',
    readyTimeoutMs: 600_000,
    env: { LOG_LEVEL: 'warn' },
  });
  base = serve.url;
  // Whatever happens below, the demo (and its Meilisearch) does not outlive the fuzzer.
  const demo = serve;
  process.on('exit', () => demo.child.kill('SIGTERM'));
}
const origin = new URL(base);
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });

function http(method: string, path: string, headers: Record<string, string> = {}, body?: string) {
  return new Promise<{ status: number; body: string }>((resolve) => {
    const req = request(
      { host: origin.hostname, port: origin.port, method, path, headers, agent, timeout: 30_000 },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', () => resolve({ status: -1, body: '' }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ status: -1, body: e.message }));
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

function raw(bytes: string, waitMs = 8000) {
  return new Promise<{ status: number; body: string }>((resolve) => {
    const socket = connect(Number(origin.port), origin.hostname);
    let text = '';
    const timer = setTimeout(() => socket.destroy(), waitMs);
    socket.on('data', (c) => {
      text += c.toString();
      // A complete answer ends the probe: a kept-alive connection (an Upgrade request carries no
      // Connection: close) would otherwise count its idle seconds as the answer's time.
      const head = text.indexOf('\r\n\r\n');
      const length = /\r\ncontent-length: *(\d+)/i.exec(text.slice(0, head))?.[1];
      if (head >= 0 && length !== undefined && Buffer.byteLength(text.slice(head + 4)) >= Number(length))
        socket.destroy();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      resolve({ status, body: text.slice(text.indexOf('\r\n\r\n') + 4) });
    });
    socket.on('connect', () => socket.write(bytes));
  });
}

const spec = JSON.parse((await http('GET', '/openapi.json')).body) as {
  paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
};
const ops = Object.entries(spec.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, op]) => ({
    method: method.toUpperCase(),
    path,
    query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
  })),
);
const enc = encodeURIComponent;
// Random code points outside the surrogate range (a lone surrogate cannot be percent-encoded).
const codePoint = () => {
  const c = Math.floor(rand() * 0x10ffff);
  return c >= 0xd800 && c <= 0xdfff ? 0x20 : c;
};
const hostile = () =>
  rand() < 0.8
    ? pick(HOSTILE)
    : String.fromCodePoint(...Array.from({ length: 1 + Math.floor(rand() * 12) }, codePoint));

function routeProbe(): Probe {
  const op = pick(ops);
  const path = op.path.replace(/\{[^}]+\}/g, () => enc(rand() < 0.5 ? hostile() : 'x') || 'x');
  const params: string[] = [];
  const n = Math.floor(rand() * 4);
  for (let i = 0; i < n; i++) {
    const name =
      rand() < 0.8 && op.query.length ? pick(op.query) : pick(['lang', '__proto__', 'constructor', 'limit[]', '']);
    params.push(`${enc(name)}=${enc(hostile())}`);
  }
  const url = params.length ? `${path}?${params.join('&')}` : path;
  const headers: Record<string, string> = {};
  let body: string | undefined;
  if (op.method !== 'GET') {
    const kind = pick(['json', 'bad-json', 'csv', 'infinite', 'big', 'none']);
    if (kind === 'json') body = JSON.stringify({ titleFr: hostile(), absorbedId: hostile() });
    if (kind === 'bad-json') body = '{"titleFr":';
    if (kind === 'infinite') body = '{"titleFr":"x","n":1e309}';
    if (kind === 'big') body = JSON.stringify({ titleFr: 'x'.repeat(200_000) });
    if (kind === 'csv') {
      body = 'a,b';
      headers['content-type'] = 'text/csv';
    } else if (body !== undefined) headers['content-type'] = 'application/json';
    if (rand() < 0.3) headers.authorization = `Bearer ${hostile().replace(/[^\x21-\x7e]/g, 'x')}`;
  }
  return { label: `${op.method} ${url.slice(0, 120)}`, send: () => http(op.method, url, headers, body) };
}

const RAW: Array<[string, string]> = [
  ['bad request line', 'GARBAGE\r\n\r\n'],
  ['oversized header', `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\nConnection: close\r\n\r\n`],
  ['bad percent-encoding', 'GET /documents/%E0%A4%A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'],
  ['over-long path segment', `GET /cases/${'a'.repeat(500)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`],
  [
    'two Authorization headers',
    'PATCH /cases/x HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer a\r\nAuthorization: Bearer b\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}',
  ],
  ['unknown method', 'BREW /search HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'],
  ['absolute-form proxy request', 'GET http://127.0.0.1:1/ HTTP/1.1\r\nHost: 127.0.0.1:1\r\nConnection: close\r\n\r\n'],
  ['CONNECT tunnel', 'CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n'],
  ['websocket upgrade', 'GET /search HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n'],
  ['bad content-length', 'POST /cases/x/merge HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\nConnection: close\r\n\r\n'],
];

function rawProbe(): Probe {
  const [label, bytes] = pick(RAW);
  return { label: `raw: ${label}`, send: () => raw(bytes) };
}

const histogram = new Map<number, number>();
const nonConforming: string[] = [];
const serverErrors: string[] = [];
// Which probes got no HTTP answer at all (connection closed or refused), by kind.
const unanswered = new Map<string, number>();
let slowest = { ms: 0, label: '' };
let done = 0;
const started = Date.now();
const queue = Array.from({ length: total }, () => (rand() < 0.1 ? rawProbe() : routeProbe()));
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    for (let probe = queue.shift(); probe; probe = queue.shift()) {
      const t = performance.now();
      const { status, body } = await probe.send();
      const ms = performance.now() - t;
      if (ms > slowest.ms) slowest = { ms, label: probe.label };
      histogram.set(status, (histogram.get(status) ?? 0) + 1);
      if (status <= 0) unanswered.set(probe.label, (unanswered.get(probe.label) ?? 0) + 1);
      if (status >= 500) serverErrors.push(`${status} ${probe.label}`);
      if (status >= 400) {
        let parsed: unknown = null;
        try {
          parsed = JSON.parse(body);
        } catch {
          // not JSON
        }
        if (!conforms(parsed)) nonConforming.push(`${status} ${probe.label}: ${body.slice(0, 100)}`);
      }
      if (++done % 500 === 0) process.stderr.write(`  ${done}/${total}\n`);
    }
  }),
);

console.log(`\n${total} hostile requests in ${((Date.now() - started) / 1000).toFixed(1)} s against ${base}`);
console.log('status histogram:');
for (const [status, n] of [...histogram.entries()].sort((x, y) => x[0] - y[0]))
  console.log(`  ${status === 0 ? 'closed without answer' : status === -1 ? 'client error' : status}: ${n}`);
for (const [label, n] of unanswered) console.log(`  no answer ×${n}: ${label}`);
console.log(`5xx: ${serverErrors.length}`);
for (const e of serverErrors.slice(0, 10)) console.log(`  ${e}`);
console.log(`non-conforming error bodies: ${nonConforming.length}`);
for (const e of nonConforming.slice(0, 10)) console.log(`  ${e}`);
console.log(`slowest answer: ${slowest.ms.toFixed(0)} ms (${slowest.label})`);
agent.destroy();
if (serve) {
  // `raqib demo` installs its SIGTERM handler only once its index is drained: stopped earlier, it
  // dies at once and its managed Meilisearch lives on as an orphan. Say so, and do not leave it.
  const kids = childPids(serve.pid);
  await serve.stop();
  await new Promise((r) => setTimeout(r, 500));
  for (const pid of kids) {
    try {
      process.kill(pid, 'SIGKILL');
      console.log(`warning: the demo left its child ${pid} running after SIGTERM (killed)`);
    } catch {
      // gone, as it should be
    }
  }
}
if (demoDir) rmSync(demoDir, { recursive: true, force: true });
process.exit(serverErrors.length > 0 || nonConforming.length > 0 ? 1 : 0);
