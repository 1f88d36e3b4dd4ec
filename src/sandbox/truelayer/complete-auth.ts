/**
 * A scripted browser for the auth dialog: it only uses HTTP and the HTML the dialog renders, so
 * tests exercise the same path a user's browser takes (no back door into emulator state).
 */

export interface AuthLogin {
  username: string;
  password: string;
  providerId?: string;
}

function unescapeHtml(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescapeHtml(m[1]!) : undefined;
}

interface ParsedForm {
  action: string;
  fields: Record<string, string>;
}

function parseForm(html: string, formId: string): ParsedForm | null {
  const start = html.indexOf(`<form id="${formId}"`);
  if (start < 0) return null;
  const end = html.indexOf('</form>', start);
  const formHtml = html.slice(start, end < 0 ? undefined : end);
  const openTag = formHtml.slice(0, formHtml.indexOf('>') + 1);
  const fields: Record<string, string> = {};
  for (const m of formHtml.matchAll(/<input type="hidden"[^>]*>/g)) {
    const name = attr(m[0], 'name');
    if (name !== undefined) fields[name] = attr(m[0], 'value') ?? '';
  }
  return { action: attr(openTag, 'action') ?? '', fields };
}

function pageError(html: string): string {
  const m = /<p class="error" role="alert">([\s\S]*?)<\/p>/.exec(html);
  return m ? unescapeHtml(m[1]!.replace(/<[^>]+>/g, '')) : 'unexpected page';
}

export async function completeAuth(authLink: string, login: AuthLogin): Promise<string> {
  let pageUrl = authLink;
  let res = await fetch(pageUrl, { redirect: 'manual' });
  let html = await res.text();
  if (res.status !== 200) throw new Error(`auth dialog returned ${res.status}: ${pageError(html)}`);

  if (!html.includes('id="login-form"')) {
    const banks = [...html.matchAll(/<a class="bank"[^>]*>/g)].map((m) => ({
      id: attr(m[0], 'data-provider-id'),
      href: attr(m[0], 'href'),
    }));
    if (banks.length === 0) throw new Error('auth dialog shows neither a bank list nor a login form');
    const wanted = login.providerId;
    if (wanted === undefined && banks.length > 1) {
      throw new Error(`auth dialog offers several banks (${banks.map((b) => b.id).join(', ')}); pass providerId`);
    }
    const bank = wanted === undefined ? banks[0] : banks.find((b) => b.id === wanted);
    if (!bank?.href) throw new Error(`bank ${wanted ?? ''} is not offered by this auth link`);
    pageUrl = new URL(bank.href, pageUrl).toString();
    res = await fetch(pageUrl, { redirect: 'manual' });
    html = await res.text();
    if (res.status !== 200) throw new Error(`bank login page returned ${res.status}: ${pageError(html)}`);
  }

  const form = parseForm(html, 'login-form');
  if (!form) throw new Error('login form not found');
  if (login.providerId !== undefined && form.fields.provider_id !== login.providerId) {
    throw new Error(`auth link goes to ${form.fields.provider_id ?? '?'}, not ${login.providerId}`);
  }
  const body = new URLSearchParams({ ...form.fields, username: login.username, password: login.password, action: 'login' });
  res = await fetch(new URL(form.action, pageUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  const location = res.headers.get('location');
  if (res.status >= 300 && res.status < 400 && location) {
    await res.body?.cancel();
    return new URL(location, pageUrl).toString();
  }
  html = await res.text();
  const post = parseForm(html, 'form-post');
  if (post) {
    // form_post mode: report the equivalent query-string redirect instead of posting it.
    const target = new URL(post.action);
    for (const [k, v] of Object.entries(post.fields)) target.searchParams.set(k, v);
    return target.toString();
  }
  throw new Error(`login failed (${res.status}): ${pageError(html)}`);
}
