import iconv from 'iconv-lite';
import { StatementFormatError } from '../types.js';

/**
 * OFX 1.x is SGML: aggregates have end tags, leaf elements usually do not (`<CODE>0<SEVERITY>INFO`).
 * OFX 2.x is XML, but real 2.x files (ANZ's, for one) still leave leaves unclosed under an XML
 * header, so a strict XML parser such as saxes would refuse files banks actually send. One small
 * tolerant tokenizer reads both: a leaf is an element with text, or one that is never closed.
 */
export interface OfxElement {
  name: string;
  /** Trimmed text of a leaf; '' for aggregates and empty leaves. */
  text: string;
  children: OfxElement[];
  /** 1-based line of the start tag, for messages. */
  line: number;
}

const FORMAT = 'ofx';

/** Decodes the file per its header: OFX 1.x says ENCODING/CHARSET, OFX 2.x says it in <?xml?>. */
export function decodeOfx(bytes: Buffer): string {
  const head = bytes.subarray(0, 4096).toString('latin1');
  const xmlEncoding = /<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1];
  const sgmlEncoding = /^\s*ENCODING:\s*(\S+)/im.exec(head)?.[1];
  const sgmlCharset = /^\s*CHARSET:\s*(\S+)/im.exec(head)?.[1];
  let encoding: string;
  if (xmlEncoding) encoding = xmlEncoding;
  else if (sgmlEncoding && /^UTF-?8$/i.test(sgmlEncoding)) encoding = 'utf-8';
  else if (sgmlCharset && !/^NONE$/i.test(sgmlCharset)) {
    // OFX 1.x names Windows code pages by number ("1252"); ISO names pass through.
    encoding = /^\d+$/.test(sgmlCharset) ? `windows-${sgmlCharset}` : sgmlCharset;
  } else encoding = sgmlEncoding || !isUtf8(bytes) ? 'windows-1252' : 'utf-8';
  // USASCII files routinely carry 1252 letters (é, ü); 1252 is a superset of ASCII, so it reads both.
  if (/^(us-?ascii|ascii)$/i.test(encoding)) encoding = 'windows-1252';
  if (!iconv.encodingExists(encoding)) {
    throw new StatementFormatError(
      FORMAT,
      null,
      `the OFX header names the character set "${encoding}", which Trax cannot read; export the file as UTF-8 or Windows-1252`,
    );
  }
  return iconv.decode(bytes, encoding, { stripBOM: true });
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes character references; an unknown `&name;` or a bare `&` (common in SGML files) stays as written. */
function unescape(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/**
 * Builds the element tree of the <OFX> body. Throws StatementFormatError for an end tag that
 * closes nothing open, for markup cut off mid-tag, and for a file that ends inside an aggregate
 * (a truncated download).
 */
export function parseOfxTree(source: string): OfxElement {
  const start = /<OFX\s*>/i.exec(source);
  if (!start) {
    throw new StatementFormatError(FORMAT, null, 'the file has no <OFX> element, so it is not an OFX statement');
  }
  let line = 1 + countNewlines(source, 0, start.index);
  const root: OfxElement = { name: '#document', text: '', children: [], line: 1 };
  /** Open elements; `closed` tracks whether the element is known to be an aggregate (it has children). */
  const stack: OfxElement[] = [root];
  let pos = start.index;
  let ofx: OfxElement | null = null;

  const top = (): OfxElement => stack[stack.length - 1]!;
  /** An element closed implicitly is a leaf: whatever it seemed to contain belongs to its parent. */
  const popUnclosed = (): void => {
    const el = stack.pop()!;
    if (el.children.length > 0) {
      const parent = top();
      parent.children.push(...el.children);
      el.children = [];
    }
  };

  while (pos < source.length) {
    const lt = source.indexOf('<', pos);
    const textEnd = lt < 0 ? source.length : lt;
    if (textEnd > pos) {
      addText(source.slice(pos, textEnd));
      line += countNewlines(source, pos, textEnd);
      pos = textEnd;
      continue;
    }
    if (source.startsWith('<![CDATA[', pos)) {
      const end = source.indexOf(']]>', pos);
      if (end < 0) throw new StatementFormatError(FORMAT, line, 'a CDATA section is never closed; the file looks truncated');
      addText(source.slice(pos + 9, end), true);
      line += countNewlines(source, pos, end);
      pos = end + 3;
      continue;
    }
    const skipTo = source.startsWith('<!--', pos) ? '-->' : source.startsWith('<?', pos) ? '?>' : null;
    if (skipTo) {
      const end = source.indexOf(skipTo, pos);
      if (end < 0) throw new StatementFormatError(FORMAT, line, 'a comment or processing instruction is never closed');
      line += countNewlines(source, pos, end);
      pos = end + skipTo.length;
      continue;
    }
    const gt = source.indexOf('>', pos);
    const tag = gt < 0 ? null : /^<(\/?)([A-Za-z][\w.]*)\s*(\/?)>$/.exec(source.slice(pos, gt + 1));
    if (!tag) {
      if (gt < 0)
        throw new StatementFormatError(FORMAT, line, 'the file ends inside a tag; it looks truncated — download it again');
      throw new StatementFormatError(FORMAT, line, `"${source.slice(pos, Math.min(gt + 1, pos + 40))}" is not an OFX tag`);
    }
    const [, slash, rawName, selfClose] = tag;
    const name = rawName!.toUpperCase();
    // A leaf that got its text is finished at the next tag, whether or not it is closed there.
    if (top().text !== '' && top() !== root) {
      if (slash && top().name === name) {
        stack.pop();
        pos = gt + 1;
        continue;
      }
      stack.pop();
    }
    if (slash) {
      let at = stack.length - 1;
      while (at > 0 && stack[at]!.name !== name) at--;
      if (at <= 0) throw new StatementFormatError(FORMAT, line, `</${name}> closes an element that is not open`);
      while (stack.length - 1 > at) popUnclosed();
      stack.pop();
      if (name === 'OFX' && stack.length === 1) {
        pos = gt + 1;
        break;
      }
    } else {
      const el: OfxElement = { name, text: '', children: [], line };
      top().children.push(el);
      if (name === 'OFX' && !ofx) ofx = el;
      if (!selfClose) stack.push(el);
    }
    pos = gt + 1;
  }
  while (stack.length > 1 && top().text !== '') stack.pop();
  if (stack.length > 1) {
    const open = stack.slice(1).filter((el) => el.children.length > 0 || el.name === 'OFX');
    const innermost = open.at(-1) ?? top();
    throw new StatementFormatError(
      FORMAT,
      null,
      `the file ends inside <${innermost.name}> (opened on line ${innermost.line}); it looks truncated — download it again`,
    );
  }
  return ofx!;

  function addText(chunk: string, verbatim = false): void {
    const value = verbatim ? chunk.trim() : unescape(chunk).trim();
    if (value === '') return;
    const el = top();
    if (el === root) return;
    if (el.children.length > 0) {
      throw new StatementFormatError(
        FORMAT,
        line,
        `text "${value.slice(0, 40)}" stands inside <${el.name}>, which holds other elements`,
      );
    }
    el.text = el.text === '' ? value : `${el.text} ${value}`;
  }
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i >= 0 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** The first descendant-or-self path match: `child(el, 'BANKACCTFROM', 'ACCTID')`. */
export function child(el: OfxElement | undefined, ...path: string[]): OfxElement | undefined {
  let cur = el;
  for (const name of path) cur = cur?.children.find((c) => c.name === name);
  return cur;
}

/** Text of a leaf by path, '' when absent. */
export function leaf(el: OfxElement | undefined, ...path: string[]): string {
  return child(el, ...path)?.text ?? '';
}

/** Every element named `name` below `el`, in document order. */
export function descendants(el: OfxElement, name: string): OfxElement[] {
  const out: OfxElement[] = [];
  const walk = (e: OfxElement): void => {
    for (const c of e.children) {
      if (c.name === name) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}
