// A fault-injecting web site on 127.0.0.1: every way a real server has failed a crawler, one URL
// each, listed in a feed so a crawl discovers them all. Used by the crawl fault test and by
// `npm run bench:faults`. Texts are our own writing.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import type { Db } from '../store/db.ts';
import { getDocumentByFetchedUrl } from '../store/documents.ts';
import { getFailure } from '../store/frontier.ts';

export type Fault =
  | 'ok'
  | 'gzip-ok'
  | 'http-500'
  | 'http-429-then-ok'
  | 'hang'
  | 'drip'
  | 'wrong-charset'
  | 'bad-gzip'
  | 'huge'
  | 'redirect-loop';

export const FAULTS: readonly Fault[] = [
  'ok',
  'gzip-ok',
  'http-500',
  'http-429-then-ok',
  'hang',
  'drip',
  'wrong-charset',
  'bad-gzip',
  'huge',
  'redirect-loop',
];

/** What a correct crawler ends with for each fault: stored, or a failure with this code. */
export const EXPECTED: Record<Fault, 'stored' | string> = {
  ok: 'stored',
  'gzip-ok': 'stored',
  'http-500': 'FETCH_HTTP_5XX',
  'http-429-then-ok': 'stored',
  hang: 'FETCH_TIMEOUT',
  drip: 'FETCH_TIMEOUT',
  'wrong-charset': 'stored',
  'bad-gzip': 'DECODE_FAILED',
  huge: 'FETCH_TOO_LARGE',
  'redirect-loop': 'FETCH_NETWORK',
};

const page = (title: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><article><h1>${title}</h1><p>${body}</p></article></body></html>`;

const FRENCH = page(
  'La Commission inspecte un opérateur de livraison',
  'La Commission nationale a contrôlé les traitements de géolocalisation des livreurs et demandé des explications écrites.',
);
const ARABIC_TITLE = 'اللجنة تراقب شركة للتوصيل';
const ARABIC = page(ARABIC_TITLE, 'قامت اللجنة الوطنية بمراقبة معالجة بيانات تحديد الموقع الخاصة بالموزعين.');

export interface FaultServer {
  origin: string;
  urlOf(fault: Fault): string;
  feedUrl: string;
  /** Requests received per path. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

export async function startFaultServer(options: { hugeBytes?: number } = {}): Promise<FaultServer> {
  const hits = new Map<string, number>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const hugeBytes = options.hugeBytes ?? 50 * 1024 * 1024;
  let origin = '';

  const handlers: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
    '/feed.xml': (_req, res) => {
      const items = FAULTS.map((f) => `<item><title>${f}</title><link>${origin}/a/${f}</link></item>`).join('');
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>faults</title>${items}</channel></rss>`);
    },
    '/a/ok': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(FRENCH);
    },
    '/a/gzip-ok': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' });
      res.end(gzipSync(Buffer.from(FRENCH.replace('livraison', 'livraison (version compressée)'))));
    },
    '/a/http-500': (_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
    },
    '/a/http-429-then-ok': (_req, res) => {
      // Rate-limited on every odd request: one retry after Retry-After gets the page.
      if ((hits.get('/a/http-429-then-ok') ?? 0) % 2 === 1) {
        res.writeHead(429, { 'retry-after': '1', 'content-type': 'text/plain' }).end('slow down');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(FRENCH.replace('livraison', 'livraison (après attente)'));
    },
    '/a/hang': () => {
      // Accept and never answer.
    },
    '/a/drip': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.write('<!doctype html><html><body>');
      const timer = setInterval(() => {
        if (res.destroyed) {
          clearInterval(timer);
          timers.delete(timer);
          return;
        }
        res.write(' ');
      }, 300);
      timers.add(timer);
    },
    '/a/wrong-charset': (_req, res) => {
      // Declares UTF-8, sends windows-1256: the decoder must notice and still store readable text.
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(iconv.encode(ARABIC.replace('charset="utf-8"', 'charset="windows-1256"'), 'windows-1256'));
    },
    '/a/bad-gzip': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' });
      res.end(Buffer.concat([gzipSync(Buffer.from(FRENCH)).subarray(0, 20), Buffer.from('not gzip at all')]));
    },
    '/a/huge': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      let sent = 0;
      const pump = () => {
        while (sent < hugeBytes) {
          sent += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      res.on('close', () => {
        sent = hugeBytes;
      });
      pump();
    },
    '/a/redirect-loop': (_req, res) => {
      res.writeHead(302, { location: '/a/redirect-loop-2' }).end();
    },
    '/a/redirect-loop-2': (_req, res) => {
      res.writeHead(302, { location: '/a/redirect-loop' }).end();
    },
    '/robots.txt': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
    },
  };

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const handler = handlers[path];
    if (!handler) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    handler(req, res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    feedUrl: `${origin}/feed.xml`,
    urlOf: (fault) => `${origin}/a/${fault}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearInterval(t);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** How each fault URL ended in the record: `stored`, the failure code, or `nothing` (lost). */
export function faultOutcomes(db: Db, server: FaultServer): Record<Fault, string> {
  const out = {} as Record<Fault, string>;
  for (const fault of FAULTS) {
    const url = server.urlOf(fault);
    const failure = getFailure(db, url);
    out[fault] = getDocumentByFetchedUrl(db, url) && !failure ? 'stored' : (failure?.reason ?? 'nothing');
  }
  return out;
}
