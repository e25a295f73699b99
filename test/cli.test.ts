// The command line a newcomer meets first: every command answers --help, configuration errors are
// reported all at once, and the README documents every environment variable the code reads.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENV_VARS, loadConfig } from '../config.ts';

const root = join(import.meta.dirname, '..');
const raqib = (...args: string[]) =>
  spawnSync(process.execPath, ['bin/raqib.js', ...args], { cwd: root, encoding: 'utf8' });

describe('raqib CLI', () => {
  it('lists its commands and answers --help on each', () => {
    const top = raqib('--help');
    expect(top.status).toBe(0);
    const commands = ['crawl', 'sources', 'process', 'ingest', 'reindex', 'serve', 'start', 'demo', 'cases', 'api-key'];
    for (const c of commands) expect(top.stdout).toContain(c);
    for (const c of [...commands, 'cases merge', 'cases split', 'cases rename', 'cases show', 'cases list']) {
      const help = raqib(...c.split(' '), '--help');
      expect(help.status, c).toBe(0);
      expect(help.stdout).toMatch(/^Usage: raqib /);
    }
  });

  it('rejects a bad configuration with every problem named and a non-zero exit', () => {
    const result = spawnSync(process.execPath, ['bin/raqib.js', 'sources'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, PORT: 'not-a-port', RAQIB_MAX_RETRIES: '99' },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('api.port');
    expect(result.stderr).toContain('crawl.maxRetries');
    expect(result.stderr).toContain('CONFIG_INVALID');
  });

  it('lists the sources as JSON, one entry per registry source', () => {
    const dir = execFileSync('mktemp', ['-d'], { encoding: 'utf8' }).trim();
    const result = raqib('--data-dir', dir, 'sources', '--json');
    expect(result.status).toBe(0);
    const rows = JSON.parse(result.stdout) as Array<{ id: string; state: string }>;
    expect(rows.map((r) => r.id)).toEqual(expect.arrayContaining(['cndp-fr', 'cndp-ar']));
    expect(rows.length).toBeGreaterThanOrEqual(12);
    expect(new Set(rows.map((r) => r.state))).toEqual(new Set(['never']));
  });

  it('generates an API key whose printed hash is the sha256 the API checks', async () => {
    const { hashKey } = await import('../api/index.ts');
    const result = raqib('api-key');
    expect(result.status).toBe(0);
    const [key, hash] = [...result.stdout.matchAll(/^ {2}(\S+)$/gm)].map((m) => m[1]);
    expect(key).toMatch(/^rqb_/);
    expect(hash).toBe(hashKey(key as string));
  });
});

describe('configuration', () => {
  it('is frozen and takes flags over the environment', () => {
    const config = loadConfig({ PORT: '4000', RAQIB_DATA_DIR: '/tmp/x' }, { 'api.port': '5000' });
    expect(config.api.port).toBe(5000);
    expect(config.dataDir).toBe('/tmp/x');
    expect(Object.isFrozen(config.api)).toBe(true);
  });

  it('is documented: the README names every environment variable', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const missing = Object.keys(ENV_VARS).filter((name) => !readme.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });
});
