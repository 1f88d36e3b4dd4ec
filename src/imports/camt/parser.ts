import { createReadStream } from 'node:fs';
import iconv from 'iconv-lite';
import { SaxesParser, type SaxesTag } from 'saxes';
import type { ParseOptions, StatedBalance, StatementAccount, StatementEvent, StatementParser } from '../types.js';
import { StatementFormatError } from '../types.js';
import { camtAmount, camtDate, entryToRow } from './entry.js';
import { find, localName, text, type El } from './tree.js';

/** Message root (the child of Document) to the element that holds one statement. */
const MESSAGES: Record<string, { statement: string; type: string }> = {
  BkToCstmrStmt: { statement: 'Stmt', type: 'camt.053' },
  BkToCstmrAcctRpt: { statement: 'Rpt', type: 'camt.052' },
  BkToCstmrDbtCdtNtfctn: { statement: 'Ntfctn', type: 'camt.054' },
};
/** Statement children kept as trees; everything else in a statement is skipped unbuilt. */
const BUILT = new Set(['Acct', 'Bal', 'Ntry']);

interface StatementState {
  line: number;
  account: StatementAccount | null;
  opening: StatedBalance | null;
  closing: StatedBalance | null;
  announced: boolean;
}

function ibanChecksumOk(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rem = 0;
  for (const d of digits) rem = (rem * 10 + Number(d)) % 97;
  return rem === 1;
}

function readAccount(acct: El): StatementAccount {
  const iban = text(acct, 'Id/IBAN')?.replace(/\s+/g, '').toUpperCase() ?? null;
  const other = text(acct, 'Id/Othr/Id');
  const otherCompact = other?.replace(/\s+/g, '').toUpperCase() ?? null;
  return {
    // Some banks put the IBAN under Othr; a valid IBAN checksum is what makes it one.
    iban: iban ?? (otherCompact && ibanChecksumOk(otherCompact) ? otherCompact : null),
    accountNumber: other,
    currency: text(acct, 'Ccy')?.toUpperCase() ?? null,
    name: text(acct, 'Nm'),
    bic: text(acct, 'Svcr/FinInstnId/BIC') ?? text(acct, 'Svcr/FinInstnId/BICFI'),
  };
}

const EMPTY_ACCOUNT: StatementAccount = { iban: null, accountNumber: null, currency: null, name: null, bic: null };

/** Drives saxes over decoded text and turns statement fragments into events on `out`. */
class CamtReader {
  readonly out: StatementEvent[] = [];
  private readonly sax = new SaxesParser({ position: true });
  private depth = 0;
  private message: { statement: string; type: string } | null = null;
  private statements = 0;
  private stmt: StatementState | null = null;
  private stmtDepth = -1;
  private building: El[] = [];
  private entries = 0;
  private sawText = false;

  constructor(
    private readonly format: string,
    private readonly includePending: boolean,
  ) {
    this.sax.on('opentag', (tag) => this.open(tag));
    this.sax.on('closetag', (tag) => this.close(localName(tag.name)));
    this.sax.on('text', (t) => this.text(t));
    this.sax.on('cdata', (t) => this.text(t));
  }

  write(chunk: string): void {
    if (!this.sawText && chunk.trim()) this.sawText = true;
    this.guard(() => this.sax.write(chunk));
  }

  end(): void {
    if (!this.sawText) throw new StatementFormatError(this.format, null, 'the file is empty; download the statement again');
    if (this.depth > 0) {
      throw new StatementFormatError(
        this.format,
        this.sax.line,
        'the XML ends before its closing tags, so the download looks cut off; download the statement again',
      );
    }
    this.guard(() => this.sax.close());
  }

  /** saxes reports malformed XML as a plain Error "line:col: reason"; give it the file's words. */
  private guard(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      if (e instanceof StatementFormatError) throw e;
      const reason = (e as Error).message.replace(/^\d+:\d+:\s*/, '');
      throw new StatementFormatError(
        this.format,
        this.sax.line,
        `the file is not well-formed XML (${reason.replace(/\.$/, '')}); it is damaged or not a CAMT file`,
      );
    }
  }

  private open(tag: SaxesTag): void {
    const name = localName(tag.name);
    const line = this.sax.line;
    this.depth++;
    if (this.building.length > 0 || (this.stmt && this.depth === this.stmtDepth + 1 && BUILT.has(name))) {
      const attrs: Record<string, string> = {};
      for (const [k, v] of Object.entries(tag.attributes)) attrs[localName(k)] = typeof v === 'string' ? v : v.value;
      const el: El = { name, attrs, text: '', children: [], line };
      this.building.at(-1)?.children.push(el);
      this.building.push(el);
      if (this.building.length === 1 && name === 'Ntry') this.announce(true);
      return;
    }
    if (this.depth === 1 && name !== 'Document') this.refuse(line, `the root element is <${name}>, not a CAMT <Document>`);
    if (this.depth === 2) {
      this.message = MESSAGES[name] ?? null;
      if (!this.message) this.refuse(line, `<${name}> is not a camt.052, camt.053 or camt.054 message`);
    }
    if (this.depth === 3 && this.message && name === this.message.statement) {
      this.stmt = { line, account: null, opening: null, closing: null, announced: false };
      this.stmtDepth = this.depth;
      this.statements++;
    }
  }

  private close(name: string): void {
    this.depth--;
    if (this.building.length > 0) {
      const el = this.building.pop()!;
      if (this.building.length === 0) this.fragment(el);
      return;
    }
    if (this.stmt && this.depth + 1 === this.stmtDepth) {
      this.announce(true);
      this.stmt = null;
      this.stmtDepth = -1;
    }
    if (this.depth === 1 && this.message && this.statements === 0) {
      this.refuse(this.sax.line, `the ${this.message.type} message <${name}> holds no ${this.message.statement} statement`);
    }
  }

  private text(t: string): void {
    const top = this.building.at(-1);
    if (top) top.text += t;
  }

  private fragment(el: El): void {
    const stmt = this.stmt!;
    if (el.name === 'Acct') stmt.account = readAccount(el);
    else if (el.name === 'Bal') this.balance(el, stmt);
    else if (el.name === 'Ntry') {
      this.entries++;
      const row = entryToRow(el, { format: this.format, index: this.entries }, this.includePending);
      if (row) this.out.push({ kind: 'row', row });
    }
  }

  private balance(bal: El, stmt: StatementState): void {
    const code = (text(bal, 'Tp/CdOrPrtry/Cd') ?? '').toUpperCase();
    const isOpening = code === 'OPBD' || code === 'PRCD';
    if (!isOpening && code !== 'CLBD') return;
    const amt = find(bal, 'Amt');
    if (!amt) this.refuse(bal.line, `the ${code} balance has no Amt amount`);
    const { minor, currency } = camtAmount(amt, (reason) => this.refuse(amt.line, `the ${code} balance ${reason}`));
    const date = camtDate(find(bal, 'Dt'));
    if (date === 'invalid') this.refuse(bal.line, `the ${code} balance has a date that is not a calendar date`);
    const balance: StatedBalance = { minor: text(bal, 'CdtDbtInd') === 'DBIT' ? -minor : minor, currency, date };
    // OPBD is the booked opening balance; PRCD (previous closing) stands in only when it is missing.
    if (isOpening && (code === 'OPBD' || stmt.opening === null)) stmt.opening = balance;
    if (code === 'CLBD') stmt.closing = balance;
  }

  /**
   * Emits the statement header once its Acct and Bal elements are read (schema order puts them
   * before the first Ntry), so rows always follow their statement.
   */
  private announce(withBalances: boolean): void {
    const stmt = this.stmt!;
    if (stmt.announced) return;
    stmt.announced = true;
    this.out.push({ kind: 'statement', account: stmt.account ?? EMPTY_ACCOUNT });
    if (withBalances && (stmt.opening || stmt.closing)) {
      this.out.push({ kind: 'balances', opening: stmt.opening, closing: stmt.closing });
    }
  }

  private refuse(line: number, reason: string): never {
    throw new StatementFormatError(this.format, line, reason);
  }
}

/** The encoding the XML declaration names; CAMT is UTF-8 unless the bank says otherwise. */
function declaredEncoding(head: Buffer): string {
  const m = /<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head.subarray(0, 512).toString('latin1'));
  const enc = m?.[1] ?? 'utf-8';
  return iconv.encodingExists(enc) ? enc : 'utf-8';
}

async function* readCamt(path: string, options: ParseOptions, format: string): AsyncGenerator<StatementEvent> {
  const reader = new CamtReader(format, options.includePending ?? false);
  const stream = createReadStream(path, { highWaterMark: 64 * 1024 });
  let decoder: ReturnType<typeof iconv.getDecoder> | null = null;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      decoder ??= iconv.getDecoder(declaredEncoding(chunk), { stripBOM: true });
      reader.write(decoder.write(chunk));
      // Drained per chunk: at most one 64 KiB chunk's worth of rows is ever queued.
      yield* reader.out.splice(0);
    }
  } finally {
    stream.destroy();
  }
  const rest = decoder?.end();
  if (rest) reader.write(rest);
  reader.end();
  yield* reader.out.splice(0);
}

function detector(root: string, namespace: string): (head: Buffer) => number {
  const rootRe = new RegExp(`<([A-Za-z0-9_.-]+:)?${root}[\\s>]`);
  return (head) => {
    const s = head.toString('latin1');
    if (!/^(\uFEFF|\xEF\xBB\xBF)?\s*</.test(s)) return 0;
    if (s.includes(`urn:iso:std:iso:20022:tech:xsd:${namespace}`)) return 90;
    return rootRe.test(s) ? 80 : 0;
  };
}

function camtParser(id: string, label: string, root: string, namespace: string): StatementParser {
  return {
    id,
    label,
    detect: detector(root, namespace),
    parse: (path, options) => readCamt(path, options, id),
  };
}

/**
 * One reader serves all three messages (they share Ntry); each id detects its own message so
 * the import records what the file was. Any of them reads any camt message if forced by --format.
 */
export const camt053Parser = camtParser('camt053', 'CAMT.053 bank statement (ISO 20022)', 'BkToCstmrStmt', 'camt.053');
export const camt052Parser = camtParser('camt052', 'CAMT.052 account report (ISO 20022)', 'BkToCstmrAcctRpt', 'camt.052');
export const camt054Parser = camtParser(
  'camt054',
  'CAMT.054 debit/credit notification (ISO 20022)',
  'BkToCstmrDbtCdtNtfctn',
  'camt.054',
);
