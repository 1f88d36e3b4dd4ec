/** A tiny cookie-keeping HTTP client for driving the web app over real HTTP without a browser. */
export class WebClient {
  private cookie = '';

  constructor(readonly base: string) {}

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(new URL(path, this.base), {
      redirect: 'manual',
      ...init,
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...(init.headers as Record<string, string>) },
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0]!;
    return res;
  }

  /** The CSRF token the pages embed for this session. */
  async csrf(): Promise<string> {
    const html = await (await this.fetch('/')).text();
    return /<meta name="csrf-token" content="([^"]+)"/.exec(html)![1]!;
  }

  async postForm(path: string, fields: Record<string, string>): Promise<Response> {
    return this.fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  }
}
