import { AUTH_FIELDS, type AuthRequest } from './auth-request.js';
import type { ProviderDef } from './providers.js';

/**
 * Server-rendered auth dialog. Everything user-controlled goes through esc(): the auth link is
 * attacker-controlled in real life, and the emulator should not teach clients bad habits.
 * No external assets, so it works offline and inside CI.
 */

export function esc(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const STYLE = `
body{font-family:system-ui,sans-serif;background:#f4f5f7;margin:0;color:#1d1d1f}
main{max-width:420px;margin:48px auto;background:#fff;border-radius:12px;padding:28px;box-shadow:0 2px 12px rgba(0,0,0,.08)}
h1{font-size:20px;margin:0 0 16px}
.banks{list-style:none;padding:0;margin:0}
.banks a{display:flex;align-items:center;gap:12px;padding:12px;border:1px solid #ddd;border-radius:8px;margin-bottom:8px;text-decoration:none;color:inherit}
.logo{width:32px;height:32px;border-radius:50%;background:#ff6200;color:#fff;display:flex;align-items:center;justify-content:center;font-weight:700}
label{display:block;margin:12px 0 4px;font-size:14px}
input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:10px;border:1px solid #ccc;border-radius:6px}
.actions{display:flex;flex-direction:row-reverse;gap:8px;margin-top:20px}
button{flex:1;padding:10px;border-radius:6px;border:1px solid #1d1d1f;background:#1d1d1f;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#1d1d1f}
.error{background:#fdecea;color:#8a1c12;padding:10px;border-radius:6px}
.note{font-size:12px;color:#666;margin-top:16px}`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>`;
}

function hiddenFields(req: AuthRequest): string {
  return AUTH_FIELDS.filter((f) => req[f] !== undefined)
    .map((f) => `<input type="hidden" name="${f}" value="${esc(req[f] ?? '')}">`)
    .join('\n');
}

/** Query string that re-opens the dialog with one bank selected. */
export function bankLink(req: AuthRequest, providerId: string): string {
  const q = new URLSearchParams();
  for (const f of AUTH_FIELDS) {
    const v = req[f];
    if (v !== undefined && f !== 'provider_id') q.set(f, v);
  }
  q.set('provider_id', providerId);
  return `/?${q.toString()}`;
}

export function renderProviderPicker(req: AuthRequest, providers: ProviderDef[]): string {
  const items = providers
    .map(
      (p) =>
        `<li><a class="bank" data-provider-id="${esc(p.providerId)}" href="${esc(bankLink(req, p.providerId))}">` +
        `<span class="logo" aria-hidden="true">${esc(p.displayName.slice(0, 1))}</span>` +
        `<span class="bank-name">${esc(p.displayName)}</span></a></li>`,
    )
    .join('\n');
  return page(
    'Select your bank',
    `<h1>Select your bank</h1>
<ul class="banks">
${items}
</ul>
<p class="note">TrueLayer sandbox emulator (Trax). Not a real bank.</p>`,
  );
}

export function renderLogin(req: AuthRequest, provider: ProviderDef, error?: string): string {
  const alert = error ? `<p class="error" role="alert">${esc(error)}</p>` : '';
  return page(
    `Log in to ${provider.displayName}`,
    `<h1>Log in to ${esc(provider.displayName)}</h1>
${alert}
<!-- "Log in" comes first in the DOM so pressing Enter submits it, not Cancel. -->
<form id="login-form" method="post" action="/login">
${hiddenFields({ ...req, provider_id: provider.providerId })}
<label for="username">Username</label>
<input type="text" id="username" name="username" autocomplete="username" required>
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<div class="actions">
<button type="submit" name="action" value="login">Log in</button>
<button type="submit" name="action" value="cancel" class="secondary" formnovalidate>Cancel</button>
</div>
</form>
<p class="note">Sandbox users: john / doe, john / eternal, error.&lt;code&gt; / error.</p>`,
  );
}

export function renderErrorPage(error: string, description: string): string {
  return page(
    'Authorization error',
    `<h1>Something went wrong</h1>
<p class="error" role="alert"><strong data-error="${esc(error)}">${esc(error)}</strong>: ${esc(description)}</p>`,
  );
}

/** response_mode=form_post: the browser POSTs code and state to redirect_uri by itself. */
export function renderFormPost(action: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join('\n');
  return page(
    'Redirecting…',
    `<form id="form-post" method="post" action="${esc(action)}">
${inputs}
<noscript><button type="submit">Continue</button></noscript>
</form>
<script>document.getElementById('form-post').submit();</script>`,
  );
}
