import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse, type CsvError } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { StatementFormatError } from '../types.js';

/** How much of a file detection and header sniffing look at (the registry's limit). */
export const HEAD_BYTES = 64 * 1024;

export type Delimiter = ';' | ',' | '\t' | '|';
export const DELIMITERS: readonly Delimiter[] = [';', ',', '\t', '|'];

export function delimiterName(d: string): string {
  return d === '\t' ? 'tab' : `"${d}"`;
}

/**
 * The file's encoding from its bytes: a BOM wins; otherwise text that is valid UTF-8 is UTF-8
 * (a Windows-1252 file with umlauts is practically never valid UTF-8); otherwise the bank's
 * 8-bit encoding. Windows-1252 rather than ISO-8859-1 by default because it is a superset for
 * every printable character and banks that say "ISO-8859-1" often mean it (the euro sign).
 */
export function detectEncoding(head: Buffer, eightBit = 'windows-1252'): string {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  try {
    // stream: true tolerates a multi-byte character cut by the end of the head.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return eightBit;
  }
}

/** The head as text, with a BOM and a possibly cut last line removed when the head is not the whole file. */
export function decodeHead(head: Buffer, eightBit?: string): { text: string; encoding: string } {
  const encoding = detectEncoding(head, eightBit);
  let text = iconv.decode(head, encoding);
  if (head.length >= HEAD_BYTES) {
    const cut = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
    if (cut > 0) text = text.slice(0, cut);
  }
  return { text, encoding };
}

export async function readHead(path: string): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Whether the file's last byte is a line break; a file that stops mid-line may be a cut-off download. */
export async function endsWithLineBreak(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    if (size === 0) return false;
    const buf = Buffer.alloc(2);
    const { bytesRead } = await fh.read(buf, 0, 2, Math.max(0, size - 2));
    const last = buf.subarray(0, bytesRead);
    // UTF-16LE puts a 0x00 after the line feed.
    return last.includes(0x0a) || last.includes(0x0d);
  } finally {
    await fh.close();
  }
}

/** First lines of the head as records, for detection (never throws on odd quoting). */
export function headRecords(text: string, delimiter: string, max = 60): string[][] {
  try {
    return parseSync(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      to_line: max,
    }) as string[][];
  } catch {
    return [];
  }
}

export interface CsvRecord {
  fields: string[];
  /** 1-based line the record starts on. */
  line: number;
  /** This is the file's last record. */
  last: boolean;
}

const LINE_BREAKS = /\r\n|\r|\n/g;

/**
 * Streams a delimited file as records with their line numbers. Tokenizing is csv-parse's and
 * decoding iconv-lite's; the line numbers are counted here because csv-parse's `info.lines`
 * counts a CRLF inside a quoted field twice. Empty lines come through as [''] so counting stays
 * exact; callers skip them.
 */
export async function* readRecords(
  path: string,
  options: { format: string; delimiter: string; encoding: string },
): AsyncGenerator<CsvRecord> {
  const checkUtf8 = options.encoding === 'utf-8';
  const parser = createReadStream(path)
    .pipe(iconv.decodeStream(options.encoding))
    .pipe(parse({ delimiter: options.delimiter, relax_column_count: true, relax_quotes: true }));
  let line = 1;
  let held: CsvRecord | null = null;
  try {
    for await (const fields of parser as AsyncIterable<string[]>) {
      const rec: CsvRecord = { fields, line, last: false };
      let breaks = 0;
      for (const f of fields) {
        if (f.includes('\n') || f.includes('\r')) breaks += f.match(LINE_BREAKS)?.length ?? 0;
        if (checkUtf8 && f.includes('\uFFFD')) {
          throw new StatementFormatError(
            options.format,
            line,
            'this line has bytes that are not UTF-8 although the file starts as UTF-8; the file was probably edited and saved in another encoding, so download it again from your bank',
          );
        }
      }
      line += 1 + breaks;
      if (held) yield held;
      held = rec;
    }
  } catch (err) {
    if (err instanceof StatementFormatError) throw err;
    const e = err as CsvError;
    if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
      throw new StatementFormatError(
        options.format,
        line,
        'a quoted field that starts here is never closed, so the file looks cut off or damaged; download it again from your bank',
      );
    }
    if (typeof e.code === 'string' && e.code.startsWith('CSV_')) {
      throw new StatementFormatError(
        options.format,
        line,
        `the CSV cannot be read here (${e.message}); download the file again from your bank`,
      );
    }
    throw err;
  }
  if (held) yield { ...held, last: true };
}

export function isBlank(fields: string[]): boolean {
  return fields.every((f) => f.trim() === '');
}
