import { createWriteStream, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { camt052Parser, camt053Parser, camt054Parser } from '../../src/imports/camt/index.js';
import type { CamtPart, CamtRaw } from '../../src/imports/camt/entry.js';
import { collectStatements } from '../../src/imports/collect.js';
import { StatementFormatError, type ParsedStatement } from '../../src/imports/types.js';

const dir = 'test/fixtures/imports/camt/';
const tmp = mkdtempSync(join(tmpdir(), 'trax-camt-'));
let tmpCount = 0;
const writeTmp = (text: string): string => {
  const p = join(tmp, `f${tmpCount++}.xml`);
  writeFileSync(p, text);
  return p;
};
const read = (path: string, includePending = false) => collectStatements(camt053Parser.parse(path, { includePending }));
const refusal = async (path: string): Promise<StatementFormatError> => {
  const e = await read(path).catch((err: unknown) => err);
  expect(e).toBeInstanceOf(StatementFormatError);
  return e as StatementFormatError;
};
const sum = (s: ParsedStatement) => s.rows.reduce((a, r) => a + r.amountMinor, 0);
const head = (file: string) => readFileSync(dir + file).subarray(0, 65536);

/** genkgo/camt's expected parse (a PHP object dump): the fields a user would see. */
interface GenkgoParty {
  getRelatedPartyType: { __CLASS__: string; getName: string | null };
  getAccount: { getIdentification: string } | null;
}
interface GenkgoEntry {
  getAmount: { getAmount: string; getCurrency: { getCode: string } };
  getBookingDate: { 0: string };
  getValueDate: { 0: string } | null;
  getCreditDebitIndicator: string;
  getAccountServicerReference: string | null;
  getReversalIndicator: boolean;
  getTransactionDetail: {
    getReference: { getEndToEndId: string | null } | null;
    getRelatedParties: GenkgoParty[];
    getRemittanceInformation: { getMessage: string | null } | null;
  };
  getRecord: {
    getAccount: { getIdentification: string };
    getBalances: {
      getType: string;
      getAmount: { getAmount: string; getCurrency: { getCode: string } };
      getDate: { 0: string };
    }[];
  };
}

describe('CAMT fixtures against the genkgo/camt oracles', () => {
  for (const [xml, json] of [
    ['genkgo_camt053.v2.minimal.xml', 'genkgo_camt053.v2.minimal.json'],
    ['genkgo_camt053.v8.xml', 'genkgo_camt053.v8.json'],
    ['genkgo_camt052.v2.xml', 'genkgo_camt052.v2.json'],
  ] as const) {
    it(`${xml}: amounts to the cent, dates, counterparty, IBANs, references, balances`, async () => {
      const expected = (JSON.parse(readFileSync(dir + json, 'utf8')) as { getEntries: GenkgoEntry[] }).getEntries;
      const statements = await read(dir + xml);
      const rows = statements.flatMap((s) => s.rows);
      expect(rows).toHaveLength(expected.length);
      for (const [i, o] of expected.entries()) {
        const r = rows[i]!;
        expect(r.amountMinor).toBe(Number(o.getAmount.getAmount));
        expect(r.currency).toBe(o.getAmount.getCurrency.getCode);
        expect(r.bookingDate).toBe(o.getBookingDate[0].slice(0, 10));
        expect(r.valueDate).toBe(o.getValueDate?.[0].slice(0, 10) ?? null);
        expect(r.bankReference).toBe(o.getAccountServicerReference);
        expect(r.reversal).toBe(o.getReversalIndicator);
        expect(r.endToEndId).toBe(o.getTransactionDetail.getReference?.getEndToEndId ?? null);
        // The other party: the debtor of a credit, the creditor of a debit.
        const wanted = o.getCreditDebitIndicator === 'CRDT' ? 'Debtor' : 'Creditor';
        const party = o.getTransactionDetail.getRelatedParties.find((p) => p.getRelatedPartyType.__CLASS__.endsWith(wanted));
        expect(r.counterpartyName).toBe(party?.getRelatedPartyType.getName ?? null);
        expect(r.counterpartyIban).toBe(party?.getAccount?.getIdentification ?? null);
        const message = o.getTransactionDetail.getRemittanceInformation?.getMessage;
        if (message) expect(r.description).toBe(message);
        const account = statements[0]!.account;
        expect(account.iban ?? account.accountNumber).toBe(o.getRecord.getAccount.getIdentification);
        const balances = o.getRecord.getBalances ?? [];
        const opening = balances.find((b) => b.getType === 'opening');
        const closing = balances.find((b) => b.getType === 'closing');
        const asStated = (b: (typeof balances)[number] | undefined) =>
          b
            ? { minor: Number(b.getAmount.getAmount), currency: b.getAmount.getCurrency.getCode, date: b.getDate[0].slice(0, 10) }
            : null;
        expect(statements[0]!.opening).toEqual(asStated(opening));
        expect(statements[0]!.closing).toEqual(asStated(closing));
      }
    });
  }

  it('v3, v4, party ids and five decimals read the same entry; 8.850 EUR is 885 cents', async () => {
    for (const file of [
      'genkgo_camt053.v3.xml',
      'genkgo_camt053.v4.xml',
      'genkgo_camt053.v2.with-party-ids.xml',
      'genkgo_camt053.v2.five.decimals.xml',
    ]) {
      const [s] = await read(dir + file);
      // The five-decimals file names only the creditor (us) on a credit, so it has no counterparty.
      const name = file.includes('five') ? null : 'NAME NAME';
      expect(
        s!.rows.map((r) => [r.amountMinor, r.currency, r.bookingDate, r.counterpartyName]),
        file,
      ).toEqual([[885, 'EUR', '2014-12-31', name]]);
      expect(s!.opening!.minor, file).toBe(1815);
    }
    const [five] = await read(dir + 'genkgo_camt053.v2.five.decimals.xml');
    expect(five!.closing).toMatchObject({ minor: 2705, currency: 'EUR' });
  });

  it('a multi-statement file yields one statement each, with its own balances', async () => {
    const statements = await read(dir + 'genkgo_camt053.v2.multi.statement.xml');
    expect(statements.length).toBeGreaterThan(1);
    for (const s of statements) expect(s.account.iban).toMatch(/^NL\d{2}/);
    expect(statements.flatMap((s) => s.rows.map((r) => r.description))).toContain('Transaction Description 1');
  });

  it('camt.054 batch: one booking of -200,000.00 SEK with its three parts in raw', async () => {
    const [s] = await collectStatements(camt054Parser.parse(dir + 'genkgo_camt054.v8.xml', {}));
    expect(s!.account.iban).toBe('CH2801234000123456789');
    expect(s!.rows).toHaveLength(1);
    const r = s!.rows[0]!;
    expect(r).toMatchObject({
      amountMinor: -20000000,
      currency: 'SEK',
      counterpartyName: null,
      bankReference: 'ACSR160617103200001',
    });
    const raw = r.raw as CamtRaw;
    expect(raw.parts.map((p) => [p.amountMinor, p.counterpartyName, p.counterpartyIban, p.endToEndId])).toEqual([
      [310, 'Example Creditor 3 - V1', 'CH4112345003131313131', 'UXC06170000006PI00001EE00001'],
      [320, 'Example Creditor 3 - V2', 'CH7212345003232323232', 'UXC06170000006PI00001EE00002'],
      [320, 'Example Creditor 3 - V3', 'CH7212345003232323232', 'UXC06170000006PI00001EE00002'],
    ]);
    expect(raw.parts[2]!.description).toBe(
      'Unstructured Remittance Information V3 block 1 Unstructured Remittance Information V3 block 2',
    );
    const [v2] = await collectStatements(camt054Parser.parse(dir + 'genkgo_camt054.v2.xml', {}));
    expect(v2!.rows.map((r) => r.amountMinor)).toEqual([-20000000]);
    const [report] = await collectStatements(camt052Parser.parse(dir + 'genkgo_camt052.v8.xml', {}));
    expect(report!.rows.map((r) => [r.amountMinor, r.bookingDate])).toEqual([[-20000000, '2007-10-18']]);
  });

  it('detects each message from its content, whatever the file is called', () => {
    expect(camt053Parser.detect(head('genkgo_camt053.v8.xml'))).toBeGreaterThan(0);
    expect(camt052Parser.detect(head('genkgo_camt053.v8.xml'))).toBe(0);
    expect(camt052Parser.detect(head('genkgo_camt052.v2.xml'))).toBeGreaterThan(0);
    expect(camt054Parser.detect(head('genkgo_camt054.v2.xml'))).toBeGreaterThan(0);
    expect(camt053Parser.detect(Buffer.from(':20:STARTUMS\n:25:1/2\n'))).toBe(0);
    const prefixed = '<?xml version="1.0"?><c:Document xmlns:c="urn:x"><c:BkToCstmrStmt>';
    expect(camt053Parser.detect(Buffer.from(prefixed))).toBeGreaterThan(0);
  });
});

describe('CAMT malformed input is refused with the line and a sentence', () => {
  it('the deliberately wrong genkgo file: a message with no statement', async () => {
    const e = await refusal(dir + 'genkgo_camt053.v2.wrong.xml');
    expect(e.message).toBe('line 8: the camt.053 message <BkToCstmrStmt> holds no Stmt statement');
  });
  it('bad XML, with the line saxes stopped at', async () => {
    const text = readFileSync(dir + 'genkgo_camt053.v2.minimal.xml', 'utf8').replace('<Sts>BOOK</Sts>', '<Sts>BOOK</Stz>');
    const e = await refusal(writeTmp(text));
    expect(e.position).toBe(94); // the line of </Stz>
    expect(e.reason).toMatch(/^the file is not well-formed XML \(.*\); it is damaged or not a CAMT file$/);
  });
  it('a truncated download (XML not closed) and an empty file', async () => {
    const full = readFileSync(dir + 'genkgo_camt053.v2.minimal.xml', 'utf8');
    const e = await refusal(writeTmp(full.slice(0, full.indexOf('<AddtlStmtInf>'))));
    expect(e.reason).toMatch(/ends before its closing tags.*cut off/);
    expect(e.position).toBe(170); // the last line there is
    expect((await refusal(writeTmp(' \n'))).message).toBe('the file is empty; download the statement again');
  });
  it('an entry without a date, a bad CdtDbtInd, sub-cent amounts: entry number and line', async () => {
    const full = readFileSync(dir + 'genkgo_camt053.v2.minimal.xml', 'utf8');
    const noDate = await refusal(writeTmp(full.replace(/<BookgDt>[\s\S]*?<\/BookgDt>/, '')));
    expect(noDate.message).toBe('line 90: entry 1 (Ntry) has no BookgDt booking date');
    const badInd = await refusal(
      writeTmp(full.replace('<CdtDbtInd>CRDT</CdtDbtInd>\n                <RvslInd>', '<CdtDbtInd>X</CdtDbtInd><RvslInd>')),
    );
    expect(badInd.reason).toBe('entry 1 (Ntry) has CdtDbtInd "X" where CRDT or DBIT belongs');
    const subCent = await refusal(writeTmp(full.replace('<Amt Ccy="EUR">8.85</Amt>', '<Amt Ccy="EUR">8.855</Amt>')));
    expect(subCent.message).toBe(
      'line 91: entry 1 (Ntry) has an amount the file cannot mean (amount 8.855 has more than 2 decimals for EUR)',
    );
    const feb30 = await refusal(
      writeTmp(full.replace('<Dt>2014-12-31</Dt>\n                </BookgDt>', '<Dt>2015-02-30</Dt></BookgDt>')),
    );
    expect(feb30.reason).toBe('entry 1 (Ntry) has a date that is not a calendar date');
  });
  it('XML that is not a CAMT message', async () => {
    const e = await refusal(writeTmp('<?xml version="1.0"?>\n<Document><pain.001/></Document>'));
    expect(e.message).toBe('line 2: <pain.001> is not a camt.052, camt.053 or camt.054 message');
  });
});

/** What the generator makes; render() writes it as CAMT, parsing must give it back. */
interface GenPart {
  text: string;
  name: string;
  iban: string;
  e2e: string | null;
  mandate: string | null;
  creditor: string | null;
}
interface GenEntry {
  booked: boolean;
  debit: boolean;
  reversal: boolean;
  minor: number;
  date: string;
  valueDate: string | null;
  ref: string;
  parts: GenPart[];
}
interface GenStatement {
  iban: string;
  opening: number;
  entries: GenEntry[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const dec = (m: number) => `${Math.floor(Math.abs(m) / 100)}.${String(Math.abs(m) % 100).padStart(2, '0')}`;

function render(statements: GenStatement[], v8: boolean, prefix: string): string {
  const t = (name: string, body: string, attrs = '') => `<${prefix}${name}${attrs}>${body}</${prefix}${name}>`;
  const party = (nm: string) => (v8 ? t('Pty', t('Nm', esc(nm))) : t('Nm', esc(nm)));
  const bal = (code: string, m: number) =>
    t(
      'Bal',
      t('Tp', t('CdOrPrtry', t('Cd', code))) +
        t('Amt', dec(m), ' Ccy="EUR"') +
        t('CdtDbtInd', m < 0 ? 'DBIT' : 'CRDT') +
        t('Dt', t('Dt', '2024-03-01')),
    );
  const body = statements.map((s) => {
    const closing = s.opening + s.entries.filter((e) => e.booked).reduce((a, e) => a + (e.debit ? -e.minor : e.minor), 0);
    const entries = s.entries.map((e) => {
      // RltdPties keep the original booking's roles; a reversal flips which side is "them".
      const theyAreCreditor = e.reversal ? !e.debit : e.debit;
      const txs = e.parts.map((p) => {
        const refs = t('Refs', t('EndToEndId', p.e2e ?? 'NOTPROVIDED') + (p.mandate ? t('MndtId', esc(p.mandate)) : ''));
        const them = party(p.name);
        const themAcct = t('Id', t('IBAN', p.iban));
        const cdtrId = p.creditor ? t('Id', t('PrvtId', t('Othr', t('Id', p.creditor) + t('SchmeNm', t('Prtry', 'SEPA'))))) : '';
        const us = party('Own Name');
        const pties = theyAreCreditor
          ? t('Dbtr', us) + t('Cdtr', them + cdtrId) + t('CdtrAcct', themAcct)
          : t('Dbtr', them) + t('DbtrAcct', themAcct) + t('Cdtr', us + cdtrId);
        const words = p.text.split(' ');
        const half = Math.ceil(words.length / 2);
        const ustrd =
          t('Ustrd', esc(words.slice(0, half).join(' '))) +
          (words.length > 1 ? t('Ustrd', esc(words.slice(half).join(' '))) : '');
        return t('TxDtls', refs + t('RltdPties', pties) + t('RmtInf', ustrd));
      });
      const sts = v8 ? t('Sts', t('Cd', e.booked ? 'BOOK' : 'PDNG')) : t('Sts', e.booked ? 'BOOK' : 'PDNG');
      return t(
        'Ntry',
        t('Amt', dec(e.minor), ' Ccy="EUR"') +
          t('CdtDbtInd', e.debit ? 'DBIT' : 'CRDT') +
          (e.reversal ? t('RvslInd', 'true') : '') +
          sts +
          t('BookgDt', v8 ? t('DtTm', `${e.date}T23:30:00+01:00`) : t('Dt', e.date)) +
          (e.valueDate ? t('ValDt', t('Dt', e.valueDate)) : '') +
          t('AcctSvcrRef', e.ref) +
          t('NtryDtls', txs.join('\n')) +
          (e.parts.length > 1 ? t('AddtlNtryInf', `Batch of ${e.parts.length}`) : ''),
      );
    });
    return t(
      'Stmt',
      t('Id', 'S1') +
        t('Acct', t('Id', t('IBAN', s.iban)) + t('Ccy', 'EUR')) +
        bal('OPBD', s.opening) +
        bal('CLBD', closing) +
        entries.join('\n'),
    );
  });
  const ns = `urn:iso:std:iso:20022:tech:xsd:camt.053.001.0${v8 ? 8 : 2}`;
  const xmlns = prefix ? ` xmlns:${prefix.slice(0, -1)}="${ns}"` : ` xmlns="${ns}"`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${t('Document', t('BkToCstmrStmt', t('GrpHdr', t('MsgId', 'M')) + body.join('\n')), xmlns)}\n`;
}

describe('CAMT property: parse(render(statement)) is the statement', () => {
  const word = fc.stringMatching(/^[A-Za-z0-9ÄÖÜäöüß&<>"'.,/-]{1,10}$/);
  const text = fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));
  const id = fc.stringMatching(/^[A-Z0-9]{1,16}$/);
  const day = fc.integer({ min: 1, max: 28 }).map((d) => `2024-03-${String(d).padStart(2, '0')}`);
  const part = fc.record({
    text,
    name: text,
    iban: fc.constantFrom('DE02120300000000202051', 'DE44500105175407324931', 'NL91ABNA0417164300'),
    e2e: fc.option(id, { nil: null }),
    mandate: fc.option(id, { nil: null }),
    creditor: fc.option(fc.constant('DE98ZZZ09999999999'), { nil: null }),
  });
  const entry = fc.record({
    booked: fc.boolean(),
    debit: fc.boolean(),
    reversal: fc.boolean(),
    minor: fc.integer({ min: 0, max: 100_000_000 }),
    date: day,
    valueDate: fc.option(day, { nil: null }),
    ref: id,
    parts: fc.array(part, { minLength: 1, maxLength: 4 }),
  });
  const statement = fc.record({
    iban: fc.constantFrom('DE89370400440532013000', 'GB29NWBK60161331926819'),
    opening: fc.integer({ min: -10_000_000, max: 10_000_000 }),
    entries: fc.array(entry, { maxLength: 8 }),
  });
  const expectedPart = (e: GenEntry, p: GenPart): CamtPart => ({
    amountMinor: null,
    currency: null,
    description: p.text,
    counterpartyName: p.name,
    counterpartyIban: p.iban,
    endToEndId: p.e2e,
    mandateId: p.mandate,
    creditorId: p.creditor,
    bankReference: null,
  });

  it('every field survives, pending rows only on request, and opening + entries = closing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(statement, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        fc.constantFrom('', 'camt:'),
        async (gen, v8, prefix) => {
          const path = writeTmp(render(gen, v8, prefix));
          for (const includePending of [false, true]) {
            const parsed = await read(path, includePending);
            expect(parsed.map((s) => s.account.iban)).toEqual(gen.map((s) => s.iban));
            for (const [i, s] of parsed.entries()) {
              const want = gen[i]!.entries.filter((e) => includePending || e.booked);
              expect(
                s.rows.map((r) => ({
                  booked: !r.pending,
                  minor: r.amountMinor,
                  reversal: r.reversal,
                  date: r.bookingDate,
                  valueDate: r.valueDate,
                  ref: r.bankReference,
                  parts: (r.raw as CamtRaw).parts,
                  single: r.counterpartyName,
                  e2e: r.endToEndId,
                  text: r.description,
                })),
              ).toEqual(
                want.map((e) => ({
                  booked: e.booked,
                  minor: e.debit && e.minor ? -e.minor : e.minor,
                  reversal: e.reversal,
                  date: e.date,
                  valueDate: e.valueDate,
                  ref: e.ref,
                  parts: e.parts.map((p) => expectedPart(e, p)),
                  single:
                    e.parts.length === 1
                      ? e.parts[0]!.name
                      : new Set(e.parts.map((p) => p.name)).size === 1
                        ? e.parts[0]!.name
                        : null,
                  e2e:
                    e.parts.length === 1
                      ? e.parts[0]!.e2e
                      : new Set(e.parts.map((p) => p.e2e)).size === 1
                        ? e.parts[0]!.e2e
                        : null,
                  text: e.parts.length === 1 ? e.parts[0]!.text : `Batch of ${e.parts.length}`,
                })),
              );
              if (!includePending) expect(s.opening!.minor + sum(s)).toBe(s.closing!.minor);
            }
          }
        },
      ),
      { seed: 53, numRuns: 120 },
    );
  });
});

describe('CAMT streaming', () => {
  it('reads 200,000 entries (a file larger than the heap growth allowed) holding one entry at a time', async () => {
    const path = join(tmp, 'large.xml');
    const out = createWriteStream(path);
    const write = async (s: string) => {
      if (!out.write(s)) await once(out, 'drain');
    };
    await write(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>L</MsgId></GrpHdr>',
    );
    await write('<Stmt><Id>1</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>');
    const n = 200_000;
    let expectedSum = 0;
    const filler = 'Verwendungszweck Miete Strom Gas Wasser Müll & Co <Rechnung> '.repeat(6);
    for (let i = 0; i < n; i++) {
      const minor = (i * 7919) % 100_000;
      const debit = i % 3 === 0;
      expectedSum += debit ? -minor : minor;
      await write(
        `<Ntry><Amt Ccy="EUR">${dec(minor)}</Amt><CdtDbtInd>${debit ? 'DBIT' : 'CRDT'}</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2024-01-02</Dt></BookgDt><NtryDtls><TxDtls><Refs><EndToEndId>E${i}</EndToEndId></Refs><RmtInf><Ustrd>${esc(filler)}${i}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>\n`,
      );
    }
    await write('</Stmt></BkToCstmrStmt></Document>\n');
    out.end();
    await once(out, 'finish');
    const size = statSync(path).size;
    expect(size).toBeGreaterThan(100 * 1024 * 1024);

    const baseline = process.memoryUsage().heapUsed;
    let peak = 0;
    let rows = 0;
    let total = 0;
    for await (const e of camt053Parser.parse(path, {})) {
      if (e.kind !== 'row') continue;
      rows++;
      total += e.row.amountMinor;
      if (rows % 5000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
    }
    expect(rows).toBe(n);
    expect(total).toBe(expectedSum);
    expect(peak).toBeLessThan(100 * 1024 * 1024);
  }, 180_000);
});
