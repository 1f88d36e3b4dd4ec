import { hostname as machineName, networkInterfaces } from 'node:os';
import type { Config } from '../config/index.js';

/** Where this server listens; `port` is filled in once the socket is bound (port 0 in tests). */
export interface ServedAt {
  host: string;
  port: number | null;
  tls: boolean;
}

interface Origin {
  scheme: 'http' | 'https';
  hostname: string;
  /** null: any port (an in-process app without a socket, e.g. the bench's app.request). */
  port: number | null;
}

const DEFAULT_PORT = { http: 80, https: 443 } as const;
const WILDCARD = new Set(['0.0.0.0', '::', '[::]', '']);

/**
 * The origins a browser legitimately uses to reach this Trax: the loopback names on the served
 * port, the --host address (every interface address and the machine name when that is a
 * wildcard), and the hosts of the URLs the user configured for banks and Plaid to come back to
 * (a reverse proxy's public name, where Plaid's webhooks arrive too). A DNS-rebinding page
 * reaches us under its own name, which is none of these.
 */
export class ServedOrigins {
  constructor(
    private readonly served: ServedAt,
    private readonly configured: Origin[],
  ) {}

  static from(config: Config, served: ServedAt): ServedOrigins {
    const urls = [
      config.truelayer?.redirectUri,
      config.enablebanking?.redirectUri,
      config.plaid?.redirectUri,
      config.plaid?.webhookUrl,
    ];
    const configured: Origin[] = [];
    for (const u of urls) {
      const origin = u ? parseOrigin(u) : null;
      if (origin) configured.push(origin);
    }
    return new ServedOrigins(served, configured);
  }

  /** Does this Host header name us? */
  allowsHost(host: string | undefined): boolean {
    const parsed = host ? parseHost(host) : null;
    if (!parsed) return false;
    return this.all().some(
      (o) => o.hostname === parsed.hostname && (o.port === null || o.port === (parsed.port ?? DEFAULT_PORT[o.scheme])),
    );
  }

  /** Is this Origin header one of ours (scheme, name and port)? */
  allowsOrigin(origin: string): boolean {
    const parsed = parseOrigin(origin);
    if (!parsed) return false;
    return this.all().some(
      (o) => o.scheme === parsed.scheme && o.hostname === parsed.hostname && (o.port === null || o.port === parsed.port),
    );
  }

  /** The address to suggest when refusing a request. */
  home(): string {
    const scheme = this.served.tls ? 'https' : 'http';
    return `${scheme}://localhost${this.served.port === null ? '' : `:${this.served.port}`}`;
  }

  private cache: { port: number | null; origins: Origin[] } | null = null;

  private all(): Origin[] {
    // Computed once per port: listing interfaces on every request would cost a system call each.
    if (this.cache?.port === this.served.port) return this.cache.origins;
    const origins = this.compute();
    this.cache = { port: this.served.port, origins };
    return origins;
  }

  private compute(): Origin[] {
    const scheme = this.served.tls ? 'https' : 'http';
    const port = this.served.port;
    const names = new Set(['localhost', '127.0.0.1', '[::1]']);
    if (WILDCARD.has(this.served.host)) {
      for (const n of listenNames()) names.add(n);
    } else {
      const own = parseHost(
        this.served.host.includes(':') && !this.served.host.startsWith('[') ? `[${this.served.host}]` : this.served.host,
      );
      if (own) names.add(own.hostname);
    }
    return [...[...names].map((hostname) => ({ scheme, hostname, port }) as Origin), ...this.configured];
  }
}

/** Listening on every interface: the names the machine is reachable by on the LAN. */
function listenNames(): string[] {
  const names = [machineName().toLowerCase()];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) names.push(a.family === 'IPv6' ? `[${a.address.split('%')[0]}]` : a.address);
  }
  return names.map((n) => parseHost(n)?.hostname ?? n);
}

function parseOrigin(s: string): Origin | null {
  try {
    const u = new URL(s);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    const scheme = u.protocol === 'https:' ? 'https' : 'http';
    return { scheme, hostname: u.hostname.toLowerCase(), port: u.port ? Number(u.port) : DEFAULT_PORT[scheme] };
  } catch {
    return null;
  }
}

/** `name[:port]` as a Host header carries it; the URL parser normalizes case, IDN and IPv6. */
function parseHost(host: string): { hostname: string; port: number | null } | null {
  if (/[/?#@\s\\]/.test(host)) return null;
  try {
    const u = new URL(`http://${host}`);
    const explicit = /:(\d+)$/.exec(host);
    return { hostname: u.hostname.toLowerCase().replace(/\.$/, ''), port: explicit ? Number(explicit[1]) : null };
  } catch {
    return null;
  }
}
