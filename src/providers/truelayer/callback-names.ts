import type { CallbackNames } from '../../oauth/callback-server.js';

/** What the local callback listener tells a TrueLayer user to set or run (CLI and demo). */
export const TRUELAYER_CALLBACK: CallbackNames = {
  variable: 'TRUELAYER_REDIRECT_URI',
  retry: 'trax connect truelayer',
  withCode: 'trax connect truelayer --code CODE',
};
