import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { TraxError, type Told } from '../../domain/errors.js';
import { fingerprintBase } from '../../identity/fingerprint.js';
import type { ImportStage } from '../../store/import-stage.js';
import { listCsvColumns, parseCsvMap } from '../csv/mapping.js';
import { readHead } from '../csv/text.js';
import { detectFormat, parserById, PARSERS } from '../registry.js';
import {
  StatementFormatError,
  type ParseOptions,
  type StatedBalance,
  type StatementAccount,
  type StatementParser,
} from '../types.js';

/** What reading a file gave, before anything is matched against the database. */
export interface ReadStatement {
  index: number;
  account: StatementAccount;
  /** Identity of the statement's account inside the file (statements of one account share it). */
  accountKey: string;
  opening: StatedBalance | null;
  closing: StatedBalance | null;
  rows: number;
  entriesMinor: number;
  currency: string | null;
  firstDate: string | null;
  lastDate: string | null;
}

export interface ReadFile {
  file: string;
  fileName: string;
  sha256: string;
  bytes: number;
  parser: StatementParser;
  /** The column mapping used for an unknown CSV, and its header columns (to save it per account). */
  mapping: { map: Record<string, string>; columns: string[]; savedFor?: number } | null;
  statements: ReadStatement[];
}

export interface ReadOptions {
  format?: string;
  /** A --map string or an already-parsed mapping (the web's column picker). */
  map?: string | Record<string, string>;
  /** Mappings saved earlier for this CSV's header, tried when no --map is given. */
  savedMapping?: (columns: string[]) => { accountId: number; mapping: Record<string, string> } | null;
  includePending?: boolean;
  dateFormat?: string;
  currency?: string;
}

/** One sentence for a file Trax cannot read, with what it found and what to do. */
function refuse(file: string, sentence: string | Told): TraxError {
  const name = path.basename(file);
  if (typeof sentence === 'string') return new TraxError('import_refused', `${name}: ${sentence} Nothing was imported.`);
  return new TraxError('import_refused', (m) => m.errImportRefused(name, sentence(m)));
}

async function sha256(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) h.update(chunk);
  return h.digest('hex');
}

function describeUnknown(head: Buffer): string {
  if (head.length === 0) return 'the file is empty (0 bytes); download the statement from your bank again.';
  const binary = head.subarray(0, 4096).some((b) => b === 0);
  if (binary) {
    const zip = head[0] === 0x50 && head[1] === 0x4b;
    const pdf = head.subarray(0, 5).toString('latin1') === '%PDF-';
    const kind = pdf ? 'a PDF' : zip ? 'a ZIP or spreadsheet (.xlsx) file' : 'a binary file';
    return `this is ${kind}, not a statement export; download the CSV, CAMT (XML), MT940, OFX or QIF file from your bank instead.`;
  }
  const text = head.toString('latin1').trimStart();
  if (text.startsWith('<')) {
    return 'this is XML but not a CAMT.052/053/054 or OFX 2 statement (no BkToCstmrStmt, BkToCstmrAcctRpt, BkToCstmrDbtCdtNtfctn or OFX element); check that you downloaded the account statement.';
  }
  return `this matches none of the formats Trax reads (${PARSERS.filter((p) => !p.id.startsWith('csv:')).length} statement formats and the CSV presets); try --format NAME (see \`trax import --help\`) or, for a CSV, name its columns with --map.`;
}

/** Picks the parser: --format, then the file's content; an unknown CSV gets --map or a saved mapping. */
async function chooseParser(
  file: string,
  head: Buffer,
  opts: ReadOptions,
): Promise<{ parser: StatementParser; mapping: ReadFile['mapping'] }> {
  const layout = () => listCsvColumns(head);
  if (opts.map !== undefined) {
    let map: Record<string, string>;
    try {
      map = typeof opts.map === 'string' ? parseCsvMap(opts.map) : opts.map;
    } catch (e) {
      throw new TraxError('usage', (e as Error).message);
    }
    return { parser: parserById('csv:mapped')!, mapping: { map, columns: layout()?.columns ?? [] } };
  }
  if (opts.format) {
    const parser = parserById(opts.format);
    if (!parser) {
      const format = opts.format;
      throw new TraxError('usage', (m) => m.errUnknownFormat(format, PARSERS.map((p) => p.id).join(', ')));
    }
    return { parser, mapping: null };
  }
  const parser = detectFormat(head);
  if (!parser) throw refuse(file, describeUnknown(head));
  if (parser.id === 'csv:mapped') {
    const columns = layout()?.columns ?? [];
    const saved = opts.savedMapping?.(columns) ?? null;
    if (saved) return { parser, mapping: { map: saved.mapping, columns, savedFor: saved.accountId } };
    throw refuse(file, (m) => m.errCsvNoPreset(columns.join(', ')));
  }
  return { parser, mapping: null };
}

const STAGE_BATCH = 5000;

/**
 * Reads a statement file into the stage: detects (or is told) the format, streams the parser's
 * rows into the temp table with their fingerprints, and sums each statement for the balance
 * check. A malformed file throws one sentence with the line or element; nothing is written to
 * the database by this step.
 */
export async function readStatementFile(
  file: string,
  stage: ImportStage,
  opts: ReadOptions,
  onProgress?: (rows: number) => void,
): Promise<ReadFile> {
  let info;
  try {
    info = await stat(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new TraxError('not_found', (m) =>
      code === 'ENOENT' ? m.errFileMissing(file) : m.errFileUnreadable(file, code ?? String(e)),
    );
  }
  if (!info.isFile()) throw new TraxError('import_refused', (m) => m.errNotAFile(file));
  const head = await readHead(file);
  const { parser, mapping } = await chooseParser(file, head, opts);
  const parseOptions: ParseOptions = {
    includePending: opts.includePending ?? false,
    ...(mapping ? { csvMapping: mapping.map } : {}),
    ...(opts.dateFormat ? { dateFormat: opts.dateFormat } : {}),
    ...(opts.currency ? { currency: opts.currency } : {}),
  };
  const statements: ReadStatement[] = [];
  let batch: Array<{ statement: number; account: string; base: string; data: string }> = [];
  let total = 0;
  try {
    for await (const e of parser.parse(file, parseOptions)) {
      if (e.kind === 'statement') {
        const a = e.account;
        statements.push({
          index: statements.length,
          account: a,
          accountKey: `${a.iban ?? ''}|${a.accountNumber ?? ''}|${a.currency ?? ''}`,
          opening: null,
          closing: null,
          rows: 0,
          entriesMinor: 0,
          currency: a.currency,
          firstDate: null,
          lastDate: null,
        });
        continue;
      }
      const s = statements.at(-1);
      if (!s) throw new StatementFormatError(parser.id, null, 'the file has entries before any statement header');
      if (e.kind === 'balances') {
        s.opening = e.opening ?? s.opening;
        s.closing = e.closing ?? s.closing;
        continue;
      }
      const r = e.row;
      s.rows++;
      s.currency ??= r.currency;
      if (!r.pending) s.entriesMinor += r.amountMinor;
      if (!s.firstDate || r.bookingDate < s.firstDate) s.firstDate = r.bookingDate;
      if (!s.lastDate || r.bookingDate > s.lastDate) s.lastDate = r.bookingDate;
      const text = [r.counterpartyName, r.description].filter(Boolean).join(' ');
      batch.push({
        statement: s.index,
        account: s.accountKey,
        base: fingerprintBase({
          bookingDate: r.bookingDate,
          amountMinor: r.amountMinor,
          currency: r.currency,
          description: text,
        }),
        data: JSON.stringify(r),
      });
      if (batch.length >= STAGE_BATCH) {
        stage.add(batch);
        total += batch.length;
        batch = [];
        onProgress?.(total);
      }
    }
  } catch (e) {
    if (e instanceof StatementFormatError) {
      const where = e.position === null ? '' : ` ${/xml|camt|ofx/i.test(parser.id) ? 'entry or line' : 'line'} ${e.position}:`;
      throw refuse(file, `${parser.label}:${where} ${e.reason}.`.replace(/\.\.$/, '.'));
    }
    throw e;
  }
  stage.add(batch);
  total += batch.length;
  onProgress?.(total);
  if (statements.length === 0) throw refuse(file, `${parser.label}: the file holds no statement.`);
  stage.numberTwins();
  return {
    file,
    fileName: path.basename(file),
    sha256: await sha256(file),
    bytes: info.size,
    parser,
    mapping,
    statements,
  };
}
