/**
 * The bank's OAuth consent screen in Sandbox. Server-rendered; every interpolated value goes
 * through esc() because institution and app names are data, not markup.
 */

export function esc(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const STYLE = `
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;background:#f3f4f6;margin:0;color:#111827}
main{max-width:440px;margin:56px auto;background:#fff;border-radius:12px;padding:28px;box-shadow:0 2px 12px rgba(0,0,0,.08)}
.bank{display:flex;align-items:center;gap:12px;margin-bottom:20px}
.logo{width:40px;height:40px;border-radius:50%}
h1{font-size:20px;margin:0}
ul{padding-left:20px;color:#374151}
.actions{display:flex;gap:8px;margin-top:24px}
button{flex:1;padding:11px;border-radius:8px;border:1px solid #111827;background:#111827;color:#fff;font-size:15px;cursor:pointer}
button.secondary{background:#fff;color:#111827;border-color:#d1d5db}
.note{font-size:12px;color:#6b7280;margin-top:20px}
.error{background:#fdecea;color:#8a1c12;padding:12px;border-radius:8px}`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>`;
}

export function consentPage(input: { stateId: string; bankName: string; appName: string; color: string }): string {
  return page(
    `${input.bankName} — authorise access`,
    `
<div class="bank"><svg class="logo" viewBox="0 0 40 40" aria-hidden="true"><circle cx="20" cy="20" r="20" fill="${esc(input.color)}"/></svg>
<h1>${esc(input.bankName)}</h1></div>
<p><strong>${esc(input.appName)}</strong> is asking, through Plaid, to see:</p>
<ul><li>your account names and numbers</li><li>your balances</li><li>your transactions, up to 24 months back</li></ul>
<form method="post" action="/oauth/authorize">
<input type="hidden" name="oauth_state_id" value="${esc(input.stateId)}">
<div class="actions">
<button type="submit" name="decision" value="cancel" class="secondary">Cancel</button>
<button type="submit" name="decision" value="authorize">Authorize</button>
</div>
</form>
<p class="note">Plaid Sandbox: a stand-in for the bank's own consent screen. No real bank is contacted.</p>`,
  );
}

export function consentErrorPage(message: string): string {
  return page('Authorisation failed', `<h1>Authorisation failed</h1><p class="error">${esc(message)}</p>`);
}
