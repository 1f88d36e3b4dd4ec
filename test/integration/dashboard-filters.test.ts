/**
 * The dashboard's filters. The tag (issue 12 item 2): `?tag=urlaub` narrows the month's totals,
 * the categories and the 12-month chart to the rows carrying the tag. A saved search (item 1,
 * "saved searches … that a report can be run over"): `?saved=NAME` narrows them to the rows the
 * saved query matches, as `trax report --saved NAME` does. Every link and bar opens the
 * transaction list narrowed the same way. Tags and searches are set through the CLI, as a user
 * sets them.
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

describe('the dashboard over a saved search', () => {
  it('counts only the rows the saved query matches, and carries the query into every link', async () => {
    l.account({ name: 'Girokonto', institution: 'ING' });
    l.tx({ date: '2026-10-05', amount: '-52.10', description: 'REWE Markt Berlin', category: 'groceries' });
    l.tx({ date: '2026-10-12', amount: '-12.30', description: 'REWE To Go', category: 'groceries' });
    l.tx({ date: '2026-09-20', amount: '-40.00', description: 'REWE Markt Berlin', category: 'groceries' });
    l.tx({ date: '2026-10-07', amount: '-30.00', description: 'Zalando', category: 'shopping' });
    l.tx({ date: '2026-10-08', amount: '-20.00', description: 'Lidl', category: 'groceries' });
    const save = await runTrax(['search', 'save', 'Supermarkt', 'rewe >20'], l.env);
    expect(save.code, save.stderr).toBe(0);

    app = openApp(parseConfig(l.env), { now: () => new Date('2026-10-20T12:00:00Z') });
    web = await startTestWeb(app);
    const all = await (await fetch(`${web.url}/dashboard?month=2026-10`)).text();
    expect(spent(all)).toBe('114.40 EUR');
    expect(all).toContain('<option value="Supermarkt">Supermarkt</option>');

    const res = await fetch(`${web.url}/dashboard?month=2026-10&saved=Supermarkt`);
    expect(res.status).toBe(200);
    const narrowed = await res.text();
    // Only REWE over 20: October's 52.10 (not the 12.30 REWE To Go, not Lidl or Zalando).
    expect(spent(narrowed)).toBe('52.10 EUR');
    expect(narrowed).toContain('<option value="Supermarkt" selected="">Supermarkt</option>');
    expect(chart(narrowed).query).toBe('rewe >20');
    expect(chart(narrowed).spending.slice(-2)).toEqual([4000, 5210]);
    expect(narrowed).toContain('href="/transactions?month=2026-10&amp;q=rewe+%3E20&amp;category=groceries"');
    expect(narrowed).not.toContain('Shopping');

    // The CLI's report over the same saved search says the same.
    const cli = await runTrax(['report', '--month', '2026-10', '--saved', 'Supermarkt', '--json'], l.env);
    expect(cli.code, cli.stderr).toBe(0);
    expect(JSON.parse(cli.stdout).currencies[0].totalSpentMinor).toBe(5210);

    // A name nobody saved narrows nothing, and is not echoed into the page.
    const unknown = await (await fetch(`${web.url}/dashboard?month=2026-10&saved=%3Cb%3Ex`)).text();
    expect(spent(unknown)).toBe('114.40 EUR');
    expect(unknown).not.toContain('<b>x');
  });

  it('ANDs a tag with the saved search', async () => {
    l.account({ name: 'Girokonto', institution: 'ING' });
    const a = l.tx({ date: '2026-10-05', amount: '-52.10', description: 'REWE Westerland', category: 'groceries' });
    l.tx({ date: '2026-10-06', amount: '-33.00', description: 'REWE Berlin', category: 'groceries' });
    expect((await runTrax(['tx', 'tag', String(a), '+urlaub'], l.env)).code).toBe(0);
    expect((await runTrax(['search', 'save', 'rewe', 'rewe'], l.env)).code).toBe(0);
    app = openApp(parseConfig(l.env), { now: () => new Date('2026-10-20T12:00:00Z') });
    web = await startTestWeb(app);
    const html = await (await fetch(`${web.url}/dashboard?month=2026-10&saved=rewe&tag=urlaub`)).text();
    expect(spent(html)).toBe('52.10 EUR');
    expect(chart(html).query).toBe('tag:urlaub rewe');
  });
});
