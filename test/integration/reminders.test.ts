import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApp } from '../../src/app.js';
import { parseConfig } from '../../src/config/index.js';
import { connectTrueLayerWithCode } from '../../src/connections/connect-truelayer.js';
import { notifyChanges, type NotifyPayload } from '../../src/notify/index.js';
import type { TrueLayerSecrets } from '../../src/providers/truelayer/index.js';
import { cliBanner, reminders } from '../../src/reminders/index.js';
import type { TrueLayerSandbox } from '../../src/sandbox/truelayer/index.js';
import { startScheduler } from '../../src/schedule/scheduler.js';
import { syncConnection } from '../../src/sync/engine.js';
import { authorize, CLIENT, connect, type TestApp, useSandboxApp } from '../helpers/trax.js';

let sb: TrueLayerSandbox;
let t: TestApp;
useSandboxApp((s, a) => ((sb = s), (t = a)));

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Moves the emulator clock (and so Trax's) to `ms` before the connection's consent runs out. */
function toBeforeExpiry(connectionId: string, ms: number): void {
  const expires = Date.parse(t.app.connections.get(connectionId)!.consentExpiresAt!);
  sb.clock.advance(expires - ms - sb.clock.now().getTime());
}

describe('consent reminders', () => {
  it('appear 7 days before a consent runs out, escalate, and vanish after a relink', async () => {
    const { connection } = await connect(t.app, sb);
    const id = connection.id;
    expect(connection.consentExpiresAt).not.toBeNull();
    expect(reminders(t.app, sb.clock.now())).toEqual([]);
    expect(cliBanner(t.app, sb.clock.now())).toBeNull();

    toBeforeExpiry(id, 7 * DAY + HOUR);
    expect(reminders(t.app, sb.clock.now())).toEqual([]);
    toBeforeExpiry(id, 7 * DAY - HOUR);
    const [soon] = reminders(t.app, sb.clock.now());
    expect(soon).toEqual({
      connectionId: id,
      provider: 'truelayer',
      institution: 'ING',
      state: 'expiring',
      expiresAt: connection.consentExpiresAt,
      sentence: `ING's consent runs out in 6 days (${connection.consentExpiresAt!.slice(0, 10)}); renew it before then so syncing does not stop: run \`trax connect truelayer --relink ${id}\` (or press Relink in \`trax serve\`).`,
      relinkCommand: `trax connect truelayer --relink ${id}`,
      relinkUrl: `/connect/truelayer?relink=${id}`,
    });

    // The CLI banner: once per day, not on every command.
    const banner = cliBanner(t.app, sb.clock.now());
    expect(banner).toContain('1 bank needs your attention:');
    expect(banner).toContain(soon!.sentence);
    expect(cliBanner(t.app, sb.clock.now())).toBeNull();
    sb.clock.advance(DAY + HOUR); // the next local day even across a daylight-saving change
    expect(cliBanner(t.app, sb.clock.now())).toContain("ING's consent runs out in 5 days");

    toBeforeExpiry(id, -HOUR);
    expect(reminders(t.app, sb.clock.now()).map((r) => r.state)).toEqual(['expired']);
    expect(reminders(t.app, sb.clock.now())[0]!.sentence).toMatch(
      /^ING's consent ran out on \d{4}-\d\d-\d\d and it cannot sync until you renew it: run `trax connect truelayer --relink/,
    );
    expect((await syncConnection(t.app, id, { trigger: 'user' })).error?.code).toBe('needs_reauth');
    expect(reminders(t.app, sb.clock.now()).map((r) => r.state)).toEqual(['needs_reauth']);

    // Relink the way `trax connect truelayer --relink` does: same connection, a fresh consent.
    const relinked = await connectTrueLayerWithCode(t.app, await authorize(t.app, sb), { relinkId: id });
    expect(relinked.connection.id).toBe(id);
    expect(Date.parse(relinked.connection.consentExpiresAt!)).toBeGreaterThan(sb.clock.now().getTime() + 80 * DAY);
    expect(reminders(t.app, sb.clock.now())).toEqual([]);
    expect(cliBanner(t.app, sb.clock.now())).toBeNull();
  });

  it('reminds of a failing sync until a sync succeeds', async () => {
    const { connection } = await connect(t.app, sb);
    sb.faults.serverError(10, 503);
    await syncConnection(t.app, connection.id, { trigger: 'user' });
    const [r] = reminders(t.app, sb.clock.now());
    expect(r).toMatchObject({ state: 'sync_failed', connectionId: connection.id });
    expect(r!.sentence).toMatch(
      new RegExp(
        `^ING's last sync failed \\(TrueLayer .+\\); run \`trax sync --connection ${connection.id}\` to retry, and if it keeps failing run \`trax connect truelayer --relink ${connection.id}\``,
      ),
    );
    sb.faults.reset();
    await syncConnection(t.app, connection.id, { trigger: 'user' });
    expect(reminders(t.app, sb.clock.now())).toEqual([]);
  });
});

interface Received {
  body: NotifyPayload;
  headers: IncomingHttpHeaders;
  answered: number;
}

describe('notify webhook', () => {
  let server: Server;
  let url: string;
  let received: Received[];
  /** Status codes to answer with, in order; 204 once they run out. */
  let answers: number[];

  beforeEach(async () => {
    received = [];
    answers = [];
    server = createServer((req, res) => {
      let data = '';
      req.on('data', (d: Buffer) => (data += d.toString()));
      req.on('end', () => {
        const answered = answers.shift() ?? 204;
        received.push({ body: JSON.parse(data) as NotifyPayload, headers: req.headers, answered });
        res.writeHead(answered).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook/s3cr3t-token`;
  });
  afterEach(async () => {
    await new Promise((r) => server.close(r));
  });

  const notify = (logs: string[] = []) => notifyChanges(t.app, sb.clock.now(), { url, retryBaseMs: 5, log: (m) => logs.push(m) });
  const delivered = () => received.filter((r) => r.answered < 300);

  it('POSTs exactly once per state change, and a restart sends nothing again', async () => {
    const { connection } = await connect(t.app, sb);
    const id = connection.id;
    expect(await notify()).toEqual([]); // healthy from the start: nothing to say
    await notify();
    expect(received).toEqual([]);

    toBeforeExpiry(id, 6 * DAY + HOUR); // the emulator clock ticks on: leave an hour of slack
    expect(await notify()).toEqual([
      { connectionId: id, event: 'expiring', previousState: 'ok', state: 'expiring', delivered: true, reason: null },
    ]);
    await notify();
    await notify();
    expect(received.map((r) => r.body.event)).toEqual(['expiring']);

    // Another process on the same data (a restart, or cron next to `trax serve`): nothing repeats.
    const again = openApp(parseConfig(t.env), { now: () => sb.clock.now() });
    try {
      expect(await notifyChanges(again, sb.clock.now(), { url, retryBaseMs: 5 })).toEqual([]);
    } finally {
      again.close();
    }

    toBeforeExpiry(id, -HOUR);
    await notify();
    await syncConnection(t.app, id, { trigger: 'user' });
    await notify();
    await connectTrueLayerWithCode(t.app, await authorize(t.app, sb), { relinkId: id });
    await notify();
    sb.faults.serverError(10, 503);
    await syncConnection(t.app, id, { trigger: 'user' });
    await notify();
    await notify();
    sb.faults.reset();
    await syncConnection(t.app, id, { trigger: 'user' });
    await notify();
    await notify();
    expect(received.map((r) => `${r.body.previousState}→${r.body.event}`)).toEqual([
      'ok→expiring',
      'expiring→expired',
      'expired→needs_reauth',
      'needs_reauth→recovered',
      'ok→sync_failed',
      'sync_failed→recovered',
    ]);

    const [first] = received;
    expect(first!.headers['content-type']).toBe('application/json');
    expect(first!.headers['idempotency-key']).toBe(first!.body.id);
    expect(first!.body).toMatchObject({
      type: 'trax.connection.state_changed',
      event: 'expiring',
      state: 'expiring',
      connection: { id, provider: 'truelayer', environment: 'sandbox', institution: 'ING' },
      relinkCommand: `trax connect truelayer --relink ${id}`,
      relinkUrl: `/connect/truelayer?relink=${id}`,
    });
    expect(first!.body.message).toContain("ING's consent runs out in 6 days");
    expect(received.at(-1)!.body).toMatchObject({
      event: 'recovered',
      state: 'ok',
      relinkCommand: null,
      message: expect.stringMatching(/^ING is working again/),
    });

    // Nothing secret in any message: not the tokens, not the client secret.
    const secrets = t.app.vault.open<TrueLayerSecrets>(t.app.connections.get(id)!.sealedSecrets!);
    const everything = JSON.stringify(received.map((r) => r.body));
    for (const s of [secrets.accessToken, secrets.refreshToken, CLIENT.clientSecret, t.app.connections.get(id)!.externalId]) {
      expect(s).toBeTruthy();
      expect(everything).not.toContain(s!);
    }
  });

  it('retries a failed delivery with the same idempotency key, and later calls retry what never arrived', async () => {
    const { connection } = await connect(t.app, sb);
    toBeforeExpiry(connection.id, 3 * DAY);
    answers = [503, 500];
    const [n] = await notify();
    expect(n).toMatchObject({ event: 'expiring', delivered: true });
    expect(received.map((r) => r.answered)).toEqual([503, 500, 204]);
    expect(new Set(received.map((r) => r.headers['idempotency-key'])).size).toBe(1);
    expect(delivered()).toHaveLength(1);

    // The receiver is down for longer than the retries last: the change is kept for next time.
    toBeforeExpiry(connection.id, -HOUR);
    answers = [503, 503, 503, 503];
    const logs: string[] = [];
    expect(await notify(logs)).toEqual([expect.objectContaining({ event: 'expired', delivered: false, reason: 'HTTP 503' })]);
    expect(logs[0]).toContain(
      `notify: could not tell http://127.0.0.1:${(server.address() as AddressInfo).port} that ${connection.id} is expired (HTTP 503 after 4 attempts)`,
    );
    expect(logs.join('\n')).not.toContain('s3cr3t-token'); // the URL's secret path stays out of logs
    expect(await notify()).toEqual([expect.objectContaining({ event: 'expired', delivered: true })]);
    expect(delivered().map((r) => r.body.event)).toEqual(['expiring', 'expired']);
    expect(await notify()).toEqual([]);
  });

  it('does not retry an answer that says the request itself is wrong', async () => {
    const { connection } = await connect(t.app, sb);
    toBeforeExpiry(connection.id, 3 * DAY);
    answers = [404];
    expect(await notify()).toEqual([expect.objectContaining({ delivered: false, reason: 'HTTP 404' })]);
    expect(received).toHaveLength(1);
  });

  it('is called by the scheduler at start and after each run', async () => {
    const { connection } = await connect(t.app, sb);
    toBeforeExpiry(connection.id, 3 * DAY);
    const s = startScheduler(t.app, {
      schedule: '0 3 * * *',
      log: () => {},
      jitterMs: 0,
      pollMs: 20,
      notify: { url, retryBaseMs: 5 },
    });
    try {
      await s.idle();
      expect(received.map((r) => r.body.event)).toContain('expiring');
      sb.faults.serverError(10, 503);
      const pass = await s.runOnce();
      expect(pass.results[0]).toMatchObject({ action: 'failed' });
      expect(pass.notifications).toEqual([expect.objectContaining({ event: 'sync_failed', delivered: true })]);
      expect(received.map((r) => r.body.event)).toEqual(['expiring', 'sync_failed']);
    } finally {
      await s.stop();
    }
  });

  it('refuses a TRAX_NOTIFY_WEBHOOK that is not an http(s) URL', async () => {
    const before = process.env.TRAX_NOTIFY_WEBHOOK;
    process.env.TRAX_NOTIFY_WEBHOOK = 'ftp://example.com/hook';
    try {
      await expect(notifyChanges(t.app, sb.clock.now())).rejects.toThrow(
        'TRAX_NOTIFY_WEBHOOK must be a full http(s) URL such as https://ntfy.sh/my-trax-topic. Fix it in .env or your environment, or remove it to turn notifications off.',
      );
    } finally {
      if (before === undefined) delete process.env.TRAX_NOTIFY_WEBHOOK;
      else process.env.TRAX_NOTIFY_WEBHOOK = before;
    }
  });
});
