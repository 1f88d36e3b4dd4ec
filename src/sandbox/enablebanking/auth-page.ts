import { html } from 'hono/html';
import type { Authorization } from './state.js';

/**
 * The hosted authorisation page. Sandbox login: any username with password "sandbox" (the
 * username picks the household, "erika" in the catalogue). Documented failure: username
 * "denied" (any password) returns to the app with error=access_denied, as a user who refuses
 * consent at the bank does. A wrong password stays on the page with an error.
 */
export function authPage(auth: Authorization, error: string | null) {
  return html`<!doctype html>
    <html lang="de">
      <head>
        <meta charset="utf-8" />
        <title>${auth.aspsp.name} – Enable Banking (Sandbox)</title>
      </head>
      <body>
        <h1>${auth.aspsp.name} (${auth.aspsp.country})</h1>
        <p>Zugriff auf Kontoinformationen bis ${auth.validUntil.slice(0, 10)} erlauben.</p>
        ${error ? html`<p class="error" role="alert">${error}</p>` : ''}
        <form id="login-form" method="post" action="/welcome">
          <input type="hidden" name="sessionid" value="${auth.id}" />
          <label>Benutzer <input name="username" autocomplete="username" /></label>
          <label>Passwort <input name="password" type="password" autocomplete="current-password" /></label>
          <button type="submit">Anmelden und erlauben</button>
        </form>
      </body>
    </html>`;
}
