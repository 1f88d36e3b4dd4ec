/**
 * The dashboard's tag filter (issue 12 item 2): `?tag=urlaub` narrows the month's totals, the
 * categories and the 12-month chart to the rows carrying the tag, and every link and bar opens
 * the transaction list narrowed the same way. Tags are set through the CLI, as a user sets them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../src/app.js';
import { parseConfig } from '../../src/config/index.js';
import { startTestWeb } from '../helpers/web.js';
import { fileLedger, runTrax, type Ledger } from '../helpers/ledger.js';

let l: Ledger & { env: Record<string, string> };
let app: App | undefined;
let web: Awaited<ReturnType<typeof startTestWeb>> | undefined;
beforeEach(() => {
  l = fileLedger();
});
afterEach(async () => {
  await web?.close();
  app?.close();
  web = app = undefined;
  l.close();
});

const spent = (html: string) => /data-kpi="spent">([^<]*)</.exec(html)?.[1];
const chart = (html: string) =>
  JSON.parse(/<script type="application\/json" id="dashboard-data">([^<]*)<\/script>/.exec(html)![1]!) as {
    query: string | null;
    spending: number[];
  };

describe('the dashboard tag filter', () => {
  it('counts only the tagged rows, and carries the tag into every link', async () => {
    l.account({ name: 'Girokonto', institution: 'ING' });
    const tag = async (id: number, t: string) => expect((await runTrax(['tx', 'tag', String(id), `+${t}`], l.env)).code).toBe(0);
    await tag(l.tx({ date: '2026-10-05', amount: '-52.10', description: 'REWE Westerland', category: 'groceries' }), 'urlaub');
    await tag(l.tx({ date: '2026-10-06', amount: '-100.00', description: 'Surfschule Sylt', category: 'shopping' }), 'urlaub');
    await tag(l.tx({ date: '2026-09-20', amount: '-40.00', description: 'DB Fernverkehr', category: 'groceries' }), 'urlaub');
    l.tx({ date: '2026-10-07', amount: '-30.00', description: 'Zalando', category: 'shopping' });
    await tag(l.tx({ date: '2026-10-08', amount: '-20.00', description: 'Vapiano', category: 'eating-out' }), 'work');

    app = openApp(parseConfig(l.env), { now: () => new Date('2026-10-20T12:00:00Z') });
    web = await startTestWeb(app);
    const all = await (await fetch(`${web.url}/dashboard?month=2026-10`)).text();
    expect(spent(all)).toBe('202.10 EUR');
    expect(chart(all).query).toBeNull();
    expect(all).toContain('<option value="urlaub">#urlaub</option>');

    const res = await fetch(`${web.url}/dashboard?month=2026-10&tag=urlaub`);
    expect(res.status).toBe(200);
    const trip = await res.text();
    expect(spent(trip)).toBe('152.10 EUR');
    expect(trip).toContain('<option value="urlaub" selected="">#urlaub</option>');
    // The chart: September's 40.00 and October's 152.10, nothing else.
    expect(chart(trip).query).toBe('tag:urlaub');
    expect(chart(trip).spending.slice(-2)).toEqual([4000, 15210]);
    expect(trip).toContain('href="/transactions?month=2026-10&amp;q=tag%3Aurlaub&amp;category=groceries"');
    expect(trip).not.toContain('Eating out');

    // A tag nobody uses narrows nothing (it would hide every row).
    expect(spent(await (await fetch(`${web.url}/dashboard?month=2026-10&tag=%3Cb%3E`)).text())).toBe('202.10 EUR');
  });
});
