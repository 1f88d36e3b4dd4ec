import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';

type FetchHandler = Parameters<typeof serve>[0]['fetch'];

export interface ServedApp {
  /** e.g. http://127.0.0.1:41234 (IPv6 hosts in brackets) */
  url: string;
  /** Stops listening and drops open connections; resolves once the server has closed. */
  close(): Promise<void>;
}

/** Serves a hono app's fetch on host:port (defaults 127.0.0.1 and a random free port). */
export async function serveApp(app: { fetch: FetchHandler }, opts: { port?: number; host?: string } = {}): Promise<ServedApp> {
  const host = opts.host ?? '127.0.0.1';
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: opts.port ?? 0, hostname: host }, () => resolve(s as Server)) as Server;
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive sockets (axios, fetch, browsers) would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}
