import { connectTrueLayerWithCode } from '../../../src/connections/connect-truelayer.js';
import { buildAuthLink } from '../../../src/providers/truelayer/index.js';
import { authorize, ING, listenForLogin, MOCK, sandbox, sandboxEnv } from '../../helpers/trax.js';
import { contractApp, DAY_MS, type ProviderAdapter } from './adapter.js';

/** TrueLayer Data API v1 against its emulator: ING Germany and the UK mock bank. */
export const truelayer: ProviderAdapter = {
  id: 'truelayer',
  async open() {
    const sb = await sandbox();
    const t = contractApp(await sandboxEnv(sb, ''), sb.clock);
    const { app } = t;
    const credentialOf = (connectionId: string) => app.connections.get(connectionId)!.externalId;
    return {
      app,
      env: t.env,
      async link(which) {
        const providerId = which === 0 ? ING : MOCK;
        const r = await connectTrueLayerWithCode(app, await authorize(app, sb, { providerId }));
        return r.connection.id;
      },
      async forgedReturn() {
        let state = '';
        const wait = await listenForLogin(app, { expectedState: () => state, timeoutMs: 5000 });
        const auth = buildAuthLink(app.config.truelayer!, { providerId: ING });
        state = auth.state;
        const redirect = new URL(await sb.completeAuth(auth.url, { username: 'john', password: 'doe', providerId: ING }));
        redirect.searchParams.set('state', `${auth.state.slice(0, -1)}x`);
        // The listener answers the wrong login with a 400 page and no code.
        const answer = await fetch(redirect);
        const page = await answer.text();
        wait.code.catch(() => {});
        wait.close();
        return { refused: answer.status === 400, message: page };
      },
      bookPending() {
        sb.clock.advance(9 * DAY_MS);
      },
      expireConsent(connectionId) {
        sb.faults.expireConsent(credentialOf(connectionId));
      },
      rateLimit() {
        sb.faults.rateLimit(1000, 60);
      },
      resetFaults() {
        sb.faults.reset();
      },
      sawRevoke() {
        return sb.requestLog.some((r) => r.method === 'DELETE' && r.path === '/api/delete' && r.status < 300);
      },
      async close() {
        t.done();
        await sb.close();
      },
    };
  },
};
