import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { camt053Parser } from '../src/imports/camt/index.js';

/** Writes a CAMT.053 file of `n` booked entries the way a bank's yearly export looks, compactly. */
async function writeCamt(file: string, n: number): Promise<number> {
  const out = createWriteStream(file);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(
    '<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>B</MsgId></GrpHdr>' +
      '<Stmt><Id>1</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>\n',
  );
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const minor = ((i * 7919) % 25_000) + 1;
    const debit = i % 4 !== 0;
    sum += debit ? -minor : minor;
    const amt = `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
    await write(
      `<Ntry><Amt Ccy="EUR">${amt}</Amt><CdtDbtInd>${debit ? 'DBIT' : 'CRDT'}</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>` +
        `<BookgDt><Dt>2024-01-02</Dt></BookgDt><ValDt><Dt>2024-01-02</Dt></ValDt><AcctSvcrRef>R${i}</AcctSvcrRef>` +
        `<NtryDtls><TxDtls><Refs><EndToEndId>E2E${i}</EndToEndId></Refs><RltdPties><Cdtr><Pty><Nm>REWE Markt GmbH</Nm></Pty></Cdtr>` +
        `<CdtrAcct><Id><IBAN>DE02120300000000202051</IBAN></Id></CdtrAcct></RltdPties>` +
        `<RmtInf><Ustrd>Einkauf Filiale ${i % 997} &amp; Co</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>\n`,
    );
  }
  await write('</Stmt></BkToCstmrStmt></Document>\n');
  out.end();
  await once(out, 'finish');
  return sum;
}

/**
 * `import-camt`: rows/s of the streaming CAMT reader against reading the same bytes from disk
 * (the floor any reader pays), and the process's peak RSS (target: under 300 MB).
 */
export async function importCamtBench(n: number): Promise<object[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'trax-bench-camt-'));
  const file = path.join(dir, 'camt053.xml');
  try {
    const expectedSum = await writeCamt(file, n);
    const bytes = statSync(file).size;

    let t = performance.now();
    let scanned = 0;
    for await (const chunk of createReadStream(file, { highWaterMark: 64 * 1024 }) as AsyncIterable<Buffer>) {
      scanned += chunk.length;
    }
    const readMs = performance.now() - t;

    t = performance.now();
    let rows = 0;
    let sum = 0;
    for await (const e of camt053Parser.parse(file, {})) {
      if (e.kind !== 'row') continue;
      rows++;
      sum += e.row.amountMinor;
    }
    const parseMs = performance.now() - t;
    if (rows !== n || sum !== expectedSum || scanned !== bytes) throw new Error('CAMT bench read the wrong rows');

    const rate = Math.round(rows / (parseMs / 1000));
    const readRate = Math.round(rows / (readMs / 1000));
    return [
      {
        figure: 'import_camt053_rows_per_s',
        rows,
        file_mb: +(bytes / 1024 / 1024).toFixed(1),
        value: rate,
        unit: 'rows/s',
        baseline: 'reading the same file from disk without parsing',
        baseline_value: readRate,
        ratio: +(rate / readRate).toFixed(3),
      },
      {
        figure: 'import_camt053_peak_rss_mb',
        rows,
        value: Math.round(process.resourceUsage().maxRSS / 1024),
        unit: 'MB',
        target: 300,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
