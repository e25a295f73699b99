// Outgoing webhooks must not become a way into our own network (SSRF). A target's name is resolved,
// every address it resolves to is checked, and the connection is pinned to the checked address (no
// second lookup an attacker's DNS could answer differently). Redirects are followed by hand and each
// hop is checked the same way. Ranges: RFC 6890 special-purpose registries (IPv4 and IPv6), the
// cloud metadata address 169.254.169.254 being the classic target.
import { lookup as dnsLookup } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { AppError } from '../../pipeline/errors.ts';

export type LookupFn = (
  hostname: string,
  options: { all: true },
  callback: (err: NodeJS.ErrnoException | null, addresses: { address: string; family: number }[]) => void,
) => void;

const RANGES: [string, number, 'ipv4' | 'ipv6', string][] = [
  ['0.0.0.0', 8, 'ipv4', 'unspecified'],
  ['10.0.0.0', 8, 'ipv4', 'private'],
  ['100.64.0.0', 10, 'ipv4', 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'ipv4', 'loopback'],
  ['169.254.0.0', 16, 'ipv4', 'link-local'],
  ['172.16.0.0', 12, 'ipv4', 'private'],
  ['192.0.0.0', 24, 'ipv4', 'reserved'],
  ['192.0.2.0', 24, 'ipv4', 'documentation'],
  ['192.168.0.0', 16, 'ipv4', 'private'],
  ['198.18.0.0', 15, 'ipv4', 'benchmarking'],
  ['198.51.100.0', 24, 'ipv4', 'documentation'],
  ['203.0.113.0', 24, 'ipv4', 'documentation'],
  ['224.0.0.0', 4, 'ipv4', 'multicast'],
  ['240.0.0.0', 4, 'ipv4', 'reserved'],
  ['::', 128, 'ipv6', 'unspecified'],
  ['::1', 128, 'ipv6', 'loopback'],
  ['64:ff9b::', 96, 'ipv6', 'NAT64'],
  ['100::', 64, 'ipv6', 'discard'],
  ['2001:db8::', 32, 'ipv6', 'documentation'],
  ['fc00::', 7, 'ipv6', 'unique-local'],
  ['fe80::', 10, 'ipv6', 'link-local'],
  ['ff00::', 8, 'ipv6', 'multicast'],
];

const blocked = RANGES.map(([net, prefix, type, label]) => {
  const list = new BlockList();
  list.addSubnet(net, prefix, type);
  return { list, type, label };
});

/** `::ffff:127.0.0.1` is 127.0.0.1: the embedded IPv4 address is what a connection reaches. */
function unmap(address: string): { address: string; type: 'ipv4' | 'ipv6' } {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (m?.[1]) return { address: m[1], type: 'ipv4' };
  return { address, type: isIP(address) === 6 ? 'ipv6' : 'ipv4' };
}

/** Why an address may not be reached (`loopback`, `private`, `link-local`...), or null. */
export function blockedReason(address: string): string | null {
  const a = unmap(address);
  if (a.type === 'ipv6' && /^::ffff:/i.test(a.address)) return 'IPv4-mapped';
  for (const b of blocked) if (b.type === a.type && b.list.check(a.address, a.type)) return b.label;
  return null;
}

export interface AddressGuard {
  /** Resolve `url`'s host and return the address to connect to; throws ADDRESS_REFUSED. */
  resolve(url: URL): Promise<{ address: string; family: 4 | 6 }>;
}

/**
 * `allowlist`: host names (exact, case-insensitive) whose addresses may be private, and IPs or CIDRs
 * that may be reached although private. Tests reach their receivers on 127.0.0.1 through it.
 */
export function createAddressGuard(
  allowlist: readonly string[],
  lookup: LookupFn = dnsLookup as LookupFn,
): AddressGuard {
  const hosts = new Set<string>();
  const allowed = new BlockList();
  for (const entry of allowlist) {
    const [net, prefix] = entry.split('/') as [string, string | undefined];
    const version = isIP(net);
    if (version === 0) {
      hosts.add(entry.toLowerCase());
      continue;
    }
    const type = version === 4 ? 'ipv4' : 'ipv6';
    const bits = prefix === undefined ? (version === 4 ? 32 : 128) : Number(prefix);
    if (!Number.isInteger(bits) || bits < 0 || bits > (version === 4 ? 32 : 128))
      throw new AppError('CONFIG_INVALID', `RAQIB_WEBHOOK_ALLOWLIST: bad CIDR ${entry}`);
    allowed.addSubnet(net, bits, type);
  }

  const refuse = (host: string, address: string, reason: string) =>
    new AppError('ADDRESS_REFUSED', `Refused to reach ${host}: ${address} is a ${reason} address`, {
      details: { host, address, reason },
    });

  return {
    async resolve(url) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:')
        throw new AppError('ADDRESS_REFUSED', `Refused scheme ${url.protocol} (http or https only)`);
      const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
      const hostAllowed = hosts.has(host);
      const literal = isIP(host);
      const addresses =
        literal !== 0
          ? [{ address: host, family: literal }]
          : await new Promise<{ address: string; family: number }[]>((resolve, reject) =>
              lookup(host, { all: true }, (err, list) =>
                err
                  ? reject(new AppError('DELIVERY_FAILED', `Cannot resolve ${host}: ${err.code ?? err.message}`))
                  : resolve(list),
              ),
            );
      if (addresses.length === 0) throw new AppError('DELIVERY_FAILED', `Cannot resolve ${host}: no address`);
      // Every address is checked, not just the first: a name with one public and one private
      // address would otherwise reach the private one on a later connection.
      for (const a of addresses) {
        const reason = blockedReason(a.address);
        if (!reason || hostAllowed) continue;
        const u = unmap(a.address);
        if (!allowed.check(u.address, u.type)) throw refuse(host, a.address, reason);
      }
      const first = addresses[0] as { address: string; family: number };
      return { address: first.address, family: first.family === 6 ? 6 : 4 };
    },
  };
}
