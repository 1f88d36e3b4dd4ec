import type { App } from '../app.js';
import { providerPolicy } from '../providers/registry.js';
import { getMeta, setMeta } from '../schedule/meta.js';
import type { StoredConnection } from '../store/connections.js';

/**
 * Connections `npm run demo` made live only as long as its emulators: their tokens belong to
 * an in-memory emulator on a random port. The demo records which emulator each one came from,
 * so a later `trax sync` says so instead of calling a dead port or marking them needs_reauth.
 */
const KEY = 'demo_connections';

type Endpoints = Record<string, string>;

function read(app: App): Endpoints {
  const raw = getMeta(app.db, KEY);
  return raw ? (JSON.parse(raw) as Endpoints) : {};
}

/** Called by the demo for each connection it made, with the emulator the app is pointed at. */
export function recordDemoConnection(app: App, connection: StoredConnection): void {
  const endpoint = providerPolicy(connection.provider).endpoint(app.config);
  if (endpoint) setMeta(app.db, KEY, JSON.stringify({ ...read(app), [connection.id]: endpoint }));
}

/** The demo starts over: the connections it replaces are forgotten here too. */
export function forgetDemoConnections(app: App): void {
  setMeta(app.db, KEY, '{}');
}

/** Why this connection cannot sync now, when it is a demo connection whose emulator is not this one. */
export function demoConnectionUnavailable(app: App, connection: StoredConnection): string | null {
  const endpoint = read(app)[connection.id];
  if (!endpoint || endpoint === providerPolicy(connection.provider).endpoint(app.config)) return null;
  return "this demo connection syncs only while the demo's emulators run; use `npm run demo -- --serve` (then Sync now), or `npm run demo` again for fresh demo data.";
}
