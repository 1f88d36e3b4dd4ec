/**
 * Field :86: (Mehrzweckfeld). German banks structure it as a three-digit GV code followed by
 * ?NN subfields (ZKA/DFÜ-Abkommen): ?00 booking text, ?10 prima nota, ?20–?29 and ?60–?63 the
 * Verwendungszweck, ?30 BLZ/BIC, ?31 account/IBAN, ?32/?33 name, ?34 return reason. SEPA puts tags
 * (EREF+, MREF+, CRED+, SVWZ+, ...) into the Verwendungszweck; a tag may be split across two
 * subfields ("S?25VWZ+"), so the subfields are joined before the tags are split. Other banks
 * write free text, kept as it is.
 */
export interface Details {
  gvCode: string | null;
  postingText: string | null;
  primaNota: string | null;
  /** SVWZ+ text, else the untagged Verwendungszweck, else the free text. */
  purpose: string;
  name: string | null;
  iban: string | null;
  /** ?31 when it is not an IBAN (an old Kontonummer). */
  accountNumber: string | null;
  /** ?30: BLZ or BIC of the other party's bank. */
  bankCode: string | null;
  tags: Record<string, string>;
  returnReason: string | null;
}

const TAGS = ['EREF', 'KREF', 'MREF', 'CRED', 'DEBT', 'SVWZ', 'ABWA', 'ABWE', 'IBAN', 'BIC', 'COAM', 'OAMT', 'PURP'];
const TAG_RE = new RegExp(`(${TAGS.join('|')})\\+`, 'g');
const IBAN_RE = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();
const orNull = (s: string | undefined): string | null => {
  const t = s === undefined ? '' : collapse(s);
  return t ? t : null;
};

/**
 * `lines` are the field's lines as in the file. Structured details are joined without a
 * separator (lines are cut at a fixed width, mid-word); free text lines are joined with a space
 * unless the line was full (65 characters), which is where banks wrap mid-word.
 */
export function parseDetails(lines: string[]): Details {
  const joined = lines.join('');
  const structured = /^(\d{3})([?>])\d{2}/.exec(joined);
  if (!structured) {
    let free = '';
    for (const [i, l] of lines.entries()) free += i === 0 || lines[i - 1]!.length >= 65 ? l : ` ${l}`;
    return {
      gvCode: null,
      postingText: null,
      primaNota: null,
      purpose: collapse(free),
      name: null,
      iban: null,
      accountNumber: null,
      bankCode: null,
      tags: {},
      returnReason: null,
    };
  }
  const sep = structured[2]!;
  const fields = new Map<string, string>();
  const body = joined.slice(3);
  const re = new RegExp(`\\${sep}(\\d{2})`, 'g');
  const marks = [...body.matchAll(re)];
  for (const [i, m] of marks.entries()) {
    const end = i + 1 < marks.length ? marks[i + 1]!.index : body.length;
    const key = m[1]!;
    fields.set(key, (fields.get(key) ?? '') + body.slice(m.index + m[0].length, end));
  }
  const keys = (from: number, to: number): string =>
    Array.from({ length: to - from + 1 }, (_, k) => fields.get(String(from + k).padStart(2, '0')) ?? '').join('');
  const zweck = keys(20, 29) + keys(60, 63);
  const tags: Record<string, string> = {};
  const found = [...zweck.matchAll(TAG_RE)];
  for (const [i, m] of found.entries()) {
    const end = i + 1 < found.length ? found[i + 1]!.index : zweck.length;
    const value = collapse(zweck.slice(m.index + m[0].length, end));
    tags[m[1]!] = tags[m[1]!] ? `${tags[m[1]!]} ${value}` : value;
  }
  const untagged = found.length ? zweck.slice(0, found[0]!.index) : zweck;
  const f31 = collapse(fields.get('31') ?? '')
    .replace(/\s+/g, '')
    .toUpperCase();
  return {
    gvCode: structured[1]!,
    postingText: orNull(fields.get('00')),
    primaNota: orNull(fields.get('10')),
    purpose: collapse(tags.SVWZ ?? (untagged.trim() ? untagged : zweck)),
    name: orNull(keys(32, 33)),
    iban: IBAN_RE.test(f31) ? f31 : null,
    accountNumber: f31 && !IBAN_RE.test(f31) ? f31 : null,
    bankCode: orNull(fields.get('30')),
    tags,
    returnReason: orNull(fields.get('34')),
  };
}
