import { connectPlaidSandbox, connectPlaidWithPublicToken } from '../../../src/connections/connect-plaid.js';
import { TraxError } from '../../../src/domain/errors.js';
import { plaidEnv, plaidSandbox } from '../../helpers/plaid.js';
import { contractApp, DAY_MS, type ProviderAdapter } from './adapter.js';

const INSTITUTIONS = ['ins_109508', 'ins_116834'] as const;

/**
 * Plaid against its emulator. The consent is Link's: a public token Plaid issued for the Item,
 * exchanged by Trax (`trax connect plaid --sandbox` takes the sandbox's public-token route).
 */
export const plaid: ProviderAdapter = {
  id: 'plaid',
  async open() {
    const sb = await plaidSandbox();
    const t = contractApp(plaidEnv(sb), sb.clock);
    const { app } = t;
    const itemOf = (connectionId: string) => app.connections.get(connectionId)!.externalId;
    const removed = new Set<string>();
    return {
      app,
      env: t.env,
      async link(which) {
        const r = await connectPlaidSandbox(app, INSTITUTIONS[which]);
        return r.connection.id;
      },
      async forgedReturn() {
        // A public token Plaid never issued to this client: the exchange must refuse it.
        return connectPlaidWithPublicToken(app, 'public-sandbox-6a1e3f3c-0000-4000-8000-000000000000').then(
          () => ({ refused: false, message: '' }),
          (e: unknown) => ({ refused: e instanceof TraxError, message: (e as Error).message }),
        );
      },
      bookPending() {
        sb.clock.advance(9 * DAY_MS);
        for (const i of sb.items()) sb.postPending(i.itemId);
      },
      expireConsent(connectionId) {
        sb.expireConsent(itemOf(connectionId));
      },
      rateLimit() {
        sb.faults.rateLimit(1000);
      },
      resetFaults() {
        sb.faults.reset();
      },
      sawRevoke(connectionId) {
        // Removed Items are gone from the emulator; /item/remove answered 200.
        const item = itemOf(connectionId);
        if (!sb.items().some((i) => i.itemId === item)) removed.add(item);
        return removed.has(item) && sb.requestLog.some((r) => r.path === '/item/remove' && r.status === 200);
      },
      async close() {
        t.done();
        await sb.close();
      },
    };
  },
};
