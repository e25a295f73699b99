// The SSRF guard and the webhook sender against real sockets on 127.0.0.1: refused targets never
// receive a byte; allowed ones get a signed request; a redirect to loopback is refused mid-way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../pipeline/errors.ts';
import { type Receiver, startReceiver } from '../../test/alerts-helpers.ts';
import { blockedReason, createAddressGuard, type LookupFn } from './ssrf.ts';
import { postWebhook, signatureHeader, verifySignature } from './webhook.ts';

/** A resolver for names of our own: `receiver.test` and `sneaky.example` both point at loopback. */
const fakeDns: LookupFn = (hostname, _opts, cb) => {
  const table: Record<string, { address: string; family: number }[]> = {
    'receiver.test': [{ address: '127.0.0.1', family: 4 }],
    'sneaky.example': [{ address: '127.0.0.1', family: 4 }],
    'mixed.example': [
      { address: '93.184.215.14', family: 4 },
      { address: '10.0.0.7', family: 4 },
    ],
    'public.example': [{ address: '93.184.215.14', family: 4 }],
  };
  const found = table[hostname];
  if (found) cb(null, found);
  else cb(Object.assign(new Error('not found'), { code: 'ENOTFOUND' }), []);
};

const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return isAppError(e, 'ADDRESS_REFUSED') ? e.message : `other: ${(e as Error).message}`;
  }
  return 'allowed';
};

let receiver: Receiver;
let redirector: Receiver;

beforeAll(async () => {
  receiver = await startReceiver();
  // Answers every request with a redirect to the other receiver by its loopback IP.
  redirector = await startReceiver((_req, _body, res) => {
    res.writeHead(307, { location: receiver.url }).end();
  });
});

afterAll(async () => {
  await receiver?.stop();
  await redirector?.stop();
});

describe('blockedReason', () => {
  it('names private, loopback, link-local and other special ranges, and passes public addresses', () => {
    expect(blockedReason('127.0.0.1')).toBe('loopback');
    expect(blockedReason('127.45.0.9')).toBe('loopback');
    expect(blockedReason('10.1.2.3')).toBe('private');
    expect(blockedReason('172.20.0.1')).toBe('private');
    expect(blockedReason('192.168.1.1')).toBe('private');
    expect(blockedReason('169.254.169.254')).toBe('link-local');
    expect(blockedReason('0.0.0.0')).toBe('unspecified');
    expect(blockedReason('100.64.0.1')).toBe('carrier-grade NAT');
    expect(blockedReason('::1')).toBe('loopback');
    expect(blockedReason('fe80::1')).toBe('link-local');
    expect(blockedReason('fd00::1')).toBe('unique-local');
    expect(blockedReason('::ffff:127.0.0.1')).toBe('loopback');
    expect(blockedReason('::ffff:169.254.169.254')).toBe('link-local');
    expect(blockedReason('93.184.215.14')).toBeNull();
    expect(blockedReason('2a00:1450:4007:80e::200e')).toBeNull();
  });
});

describe('address guard', () => {
  const guard = createAddressGuard([], fakeDns);

  it('refuses loopback, private and metadata addresses given literally', async () => {
    for (const url of [
      'http://127.0.0.1:9/x',
      'http://10.0.0.1/x',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]:9/x',
      'http://[::ffff:127.0.0.1]/x',
      'http://0.0.0.0/x',
    ]) {
      expect(await refusal(guard.resolve(new URL(url))), url).toMatch(/^Refused to reach/);
    }
  });

  it('resolves names first: a name pointing at loopback is refused, as is one with any private address', async () => {
    expect(await refusal(guard.resolve(new URL('http://sneaky.example/hook')))).toMatch(/127\.0\.0\.1 is a loopback/);
    expect(await refusal(guard.resolve(new URL('http://mixed.example/hook')))).toMatch(/10\.0\.0\.7 is a private/);
    expect(await refusal(guard.resolve(new URL('http://public.example/hook')))).toBe('allowed');
  });

  it('refuses `localhost` through the system resolver', async () => {
    const system = createAddressGuard([]);
    expect(await refusal(system.resolve(new URL('http://localhost:9/hook')))).toMatch(/loopback/);
  });

  it('refuses other schemes', async () => {
    expect(await refusal(guard.resolve(new URL('file:///etc/passwd')))).toMatch(/scheme/);
  });

  it('lets the allowlist open named hosts and CIDRs, nothing else', async () => {
    const allow = createAddressGuard(['receiver.test', '10.0.0.0/8'], fakeDns);
    expect(await refusal(allow.resolve(new URL('http://receiver.test/hook')))).toBe('allowed');
    expect(await refusal(allow.resolve(new URL('http://10.9.9.9/hook')))).toBe('allowed');
    expect(await refusal(allow.resolve(new URL('http://sneaky.example/hook')))).toMatch(/loopback/);
    expect(await refusal(allow.resolve(new URL('http://127.0.0.1/hook')))).toMatch(/loopback/);
    expect(() => createAddressGuard(['10.0.0.0/40'])).toThrow(/bad CIDR/);
  });
});

describe('postWebhook', () => {
  const request = (url: string) => ({
    url,
    body: '{"version":1,"events":[]}',
    secret: 'whsec_test',
    idempotencyKey: 'key-1',
    eventType: 'document.new',
    timeoutMs: 2000,
    userAgent: 'RaqibTest',
    now: () => new Date(),
  });

  it('never sends a byte to a refused address', async () => {
    const before = receiver.requests.length;
    expect(await refusal(postWebhook(request(receiver.url), createAddressGuard([], fakeDns)))).toMatch(/loopback/);
    expect(receiver.requests.length).toBe(before);
  });

  it('sends a signed request to an allowlisted receiver (the name pinned to the checked address)', async () => {
    const url = receiver.url.replace('127.0.0.1', 'receiver.test');
    const res = await postWebhook(request(url), createAddressGuard(['receiver.test'], fakeDns));
    expect(res.status).toBe(200);
    const got = receiver.requests.at(-1);
    expect(got?.headers.host).toBe(`receiver.test:${receiver.port}`);
    expect(got?.headers['idempotency-key']).toBe('key-1');
    expect(verifySignature('whsec_test', String(got?.headers['raqib-signature']), got?.body ?? '')).toBe(true);
    expect(verifySignature('another-secret', String(got?.headers['raqib-signature']), got?.body ?? '')).toBe(false);
  });

  it('refuses a redirect to loopback although the first hop was allowed', async () => {
    const before = receiver.requests.length;
    const url = redirector.url.replace('127.0.0.1', 'receiver.test');
    expect(await refusal(postWebhook(request(url), createAddressGuard(['receiver.test'], fakeDns)))).toMatch(
      /127\.0\.0\.1 is a loopback/,
    );
    expect(redirector.requests.length).toBeGreaterThan(0);
    expect(receiver.requests.length).toBe(before);
  });
});

describe('signatures', () => {
  it('sign timestamp and body; a changed body, an old timestamp or a wrong secret fail', () => {
    const now = 1_800_000_000;
    const header = signatureHeader('s3cret', now, '{"a":1}');
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature('s3cret', header, '{"a":1}', now + 10)).toBe(true);
    expect(verifySignature('s3cret', header, '{"a":2}', now + 10)).toBe(false);
    expect(verifySignature('s3cret', header, '{"a":1}', now + 3600)).toBe(false);
    expect(verifySignature('other', header, '{"a":1}', now)).toBe(false);
  });
});
