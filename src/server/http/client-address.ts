import { BlockList, isIP } from 'node:net';

/** '::ffff:10.0.0.7' (an IPv4 client on a dual-stack socket) is 10.0.0.7. */
function normalise(address: string): string {
  const trimmed = address.trim();
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(trimmed) ? trimmed.slice(7) : trimmed;
}

const family = (address: string) => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

/**
 * The proxies in front of the API (TRUSTED_PROXIES: addresses or CIDR ranges, none by default),
 * and who the client is behind them. Rate limits and the audit log key on this address, so it
 * must not be something a client can choose: X-Forwarded-For is read only when the socket's peer
 * is a listed proxy, and then from the right, skipping listed proxies; the first address that is
 * not a listed proxy is the client (the left part of the header is whatever the client sent).
 */
export class TrustedProxies {
  private readonly list = new BlockList();
  readonly size: number;

  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const [address = '', prefix] = entry.trim().split('/');
      if (!isIP(address) || (prefix !== undefined && !/^\d{1,3}$/.test(prefix))) {
        throw new Error(`not an IP address or CIDR range: ${entry}`);
      }
      if (prefix === undefined) this.list.addAddress(address, family(address));
      else this.list.addSubnet(address, Number(prefix), family(address));
    }
    this.size = entries.length;
  }

  has(address: string): boolean {
    const plain = normalise(address);
    return isIP(plain) !== 0 && this.list.check(plain, family(plain));
  }

  /** The client's address, given the socket's peer and the X-Forwarded-For header(s). */
  clientAddress(peer: string | null, forwardedFor: string | undefined): string | null {
    if (peer === null) return null;
    let client = normalise(peer);
    if (this.size === 0 || !this.has(client) || !forwardedFor) return client;
    const hops = forwardedFor.split(',').map(normalise).reverse();
    for (const hop of hops) {
      // A hop that is not an address was not written by a proxy of ours: stop at the last one that was.
      if (isIP(hop) === 0) return client;
      client = hop;
      if (!this.has(hop)) return hop;
    }
    return client;
  }
}
