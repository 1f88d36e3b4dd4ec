import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { connectEnableBankingWithCode, startEnableBankingConsent } from '../../../src/connections/connect-enablebanking.js';
import { TraxError } from '../../../src/domain/errors.js';
import { checkCallback } from '../../../src/providers/enablebanking/index.js';
import { APP_ID, demoKeys, ebSandbox, REDIRECT } from '../../helpers/enablebanking.js';
import { contractApp, DAY_MS, type ContractWorld, type ProviderAdapter } from './adapter.js';

const BANKS = ['ING', 'DKB'] as const;

/** Enable Banking against its emulator: ING and DKB in Germany, hosted bank login, /sessions. */
export interface EnableBankingWorld extends ContractWorld {
  /** Reservations listed now stay pending `days` more days (see the emulator's holdPending). */
  holdPending(days: number): void;
  advanceDays(days: number): void;
}

export const enablebanking: ProviderAdapter<EnableBankingWorld> = {
  id: 'enablebanking',
  async open() {
    const keys = demoKeys();
    // The suite syncs more often than PSD2's 4 unattended reads a day; 429 is its own case.
    const sb = await ebSandbox({ unattendedReadsPerDay: 1_000 });
    const t = contractApp((dataDir) => {
      // The key file is checked when the config is read, so it is written first.
      const keyFile = path.join(dataDir, 'enablebanking.pem');
      writeFileSync(keyFile, keys.privateKeyPem, { mode: 0o600 });
      return {
        ENABLEBANKING_APP_ID: APP_ID,
        ENABLEBANKING_KEY_FILE: keyFile,
        ENABLEBANKING_REDIRECT_URI: REDIRECT,
        ENABLEBANKING_BASE_URL: sb.url,
      };
    }, sb.clock);
    const { app } = t;
    const sessionOf = (connectionId: string) => app.connections.get(connectionId)!.externalId;
    const consent = async (bank: string) => {
      const started = await startEnableBankingConsent(app, { bank, country: 'DE' });
      const back = new URL(await sb.completeAuth(started.auth.url, { username: 'erika', password: 'sandbox' }));
      return { started, back };
    };
    return {
      app,
      env: t.env,
      async link(which) {
        const { started, back } = await consent(BANKS[which]);
        const code = checkCallback(Object.fromEntries(back.searchParams), started.auth.state);
        const r = await connectEnableBankingWithCode(app, code, { bank: started.bank });
        return r.connection.id;
      },
      async forgedReturn() {
        const { started, back } = await consent('ING');
        back.searchParams.set('state', `${started.auth.state.slice(0, -1)}x`);
        try {
          checkCallback(Object.fromEntries(back.searchParams), started.auth.state);
          return { refused: false, message: '' };
        } catch (e) {
          return { refused: e instanceof TraxError && e.code === 'oauth_state_mismatch', message: (e as Error).message };
        }
      },
      bookPending() {
        sb.clock.advance(9 * DAY_MS);
      },
      holdPending(days) {
        sb.faults.holdPending(days);
      },
      advanceDays(days) {
        sb.clock.advance(days * DAY_MS);
      },
      expireConsent(connectionId) {
        sb.faults.expireSession(sessionOf(connectionId));
      },
      rateLimit() {
        sb.faults.rateLimit(1000);
      },
      resetFaults() {
        sb.faults.reset();
      },
      sawRevoke(connectionId) {
        const id = sessionOf(connectionId);
        return sb.requestLog.some((r) => r.method === 'DELETE' && r.path === `/sessions/${id}` && r.status < 300);
      },
      async close() {
        t.done();
        await sb.close();
      },
    };
  },
};
