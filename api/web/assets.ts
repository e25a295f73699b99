// The page's static files (script, stylesheet, icon, Arabic font), read once at start and served
// under /ui/assets with a long cache: their URLs carry a hash of the release's script and stylesheet.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../pipeline/errors.ts';

interface Asset {
  body: Buffer;
  type: string;
}

export function loadAssets(): Map<string, Asset> {
  const dir = join(import.meta.dirname, 'assets');
  const assets = new Map<string, Asset>([
    ['app.js', { body: readFileSync(join(dir, 'app.js')), type: 'text/javascript; charset=utf-8' }],
    ['app.css', { body: readFileSync(join(dir, 'app.css')), type: 'text/css; charset=utf-8' }],
    ['icon.svg', { body: readFileSync(join(dir, 'icon.svg')), type: 'image/svg+xml' }],
  ]);
  // Arabic text in the Amiri face the project already ships (for exports), so pages read the same
  // on machines without Arabic fonts; the stylesheet loads it only for Arabic code points.
  const require = createRequire(import.meta.url);
  for (const [name, file] of [
    ['amiri-400.ttf', '@expo-google-fonts/amiri/400Regular/Amiri_400Regular.ttf'],
    ['amiri-700.ttf', '@expo-google-fonts/amiri/700Bold/Amiri_700Bold.ttf'],
  ] as const) {
    try {
      assets.set(name, { body: readFileSync(require.resolve(file)), type: 'font/ttf' });
    } catch {
      // Without the package the system's Arabic font is used.
    }
  }
  return assets;
}

/** The `?v=` of asset URLs: changes whenever the script or the stylesheet does. */
export function assetVersionOf(assets: ReadonlyMap<string, Asset>): string {
  return createHash('sha1')
    .update(assets.get('app.js')?.body ?? '')
    .update(assets.get('app.css')?.body ?? '')
    .digest('base64url')
    .slice(0, 10);
}

export function registerAssetRoute(app: FastifyInstance, assets: ReadonlyMap<string, Asset>): void {
  app.get<{ Params: { name: string } }>('/ui/assets/:name', { schema: { hide: true } }, async (req, reply) => {
    const asset = assets.get(req.params.name);
    if (!asset) throw new AppError('NOT_FOUND', `No asset ${req.params.name}`);
    // Asset URLs carry the release's content hash (?v=), so they can be cached for good.
    return reply
      .header('content-type', asset.type)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .send(asset.body);
  });
}
