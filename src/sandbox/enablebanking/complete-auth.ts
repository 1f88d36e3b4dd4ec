/**
 * A scripted browser for the hosted page: only HTTP and the HTML the page renders, so tests go
 * the way a user's browser goes. Returns the redirect location (redirect_url?code=..&state=..
 * or ?error=..) without following it.
 */
export async function completeAuth(authUrl: string, login: { username: string; password: string }): Promise<string> {
  const page = await fetch(authUrl, { redirect: 'manual' });
  const html = await page.text();
  if (page.status !== 200) throw new Error(`auth page returned ${page.status}: ${html.slice(0, 200)}`);
  const form = /<form id="login-form" method="post" action="([^"]*)">/.exec(html);
  const sessionid = /<input type="hidden" name="sessionid" value="([^"]*)"/.exec(html);
  if (!form || !sessionid) throw new Error('auth page has no login form');
  const res = await fetch(new URL(form[1]!, authUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ sessionid: sessionid[1]!, username: login.username, password: login.password }).toString(),
  });
  const location = res.headers.get('location');
  if (res.status !== 302 || !location) {
    const text = await res.text();
    const err = /<p class="error" role="alert">([\s\S]*?)<\/p>/.exec(text);
    throw new Error(`login failed (${res.status}): ${err ? err[1] : text.slice(0, 200)}`);
  }
  return location;
}
