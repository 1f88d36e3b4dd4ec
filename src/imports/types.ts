/**
 * The one interface every statement-file parser implements. Parsers turn a bank's file into
 * domain rows and nothing else: no SQL, no provider knowledge, no matching against the database.
 * What happens to the rows (account matching, identity, dedupe, preview, the write) belongs to
 * the import pipeline, so a new format is one module here and one line in ./registry.ts.
 */

/** The account a file says it belongs to, as far as the file tells. */
export interface StatementAccount {
  /** Normalized: upper case, no spaces. */
  iban: string | null;
  /** A non-IBAN account number (UK sort code + number, US account id, MT940 :25:), as printed. */
  accountNumber: string | null;
  /** ISO 4217; null when the file does not say (QIF). */
  currency: string | null;
  /** The bank's name for the account ("Girokonto"), when the file has one. */
  name: string | null;
  bic: string | null;
}

/** A balance a statement states, used only for the opening + entries = closing check. */
export interface StatedBalance {
  minor: number;
  currency: string;
  /** YYYY-MM-DD the balance refers to, when the file says. */
  date: string | null;
}

/** One booking as the file has it, already in Trax's conventions (negative = money out). */
export interface StatementRow {
  /** YYYY-MM-DD as the bank booked it. */
  bookingDate: string;
  valueDate: string | null;
  amountMinor: number;
  currency: string;
  /** The text a person recognizes: remittance info / Verwendungszweck / memo, whitespace collapsed. */
  description: string;
  counterpartyName: string | null;
  counterpartyIban: string | null;
  /** SEPA end-to-end id (CAMT EndToEndId, MT940 ?20 EREF+), 'NOTPROVIDED' mapped to null. */
  endToEndId: string | null;
  mandateId: string | null;
  creditorId: string | null;
  /** The bank's own reference for the booking (CAMT AcctSvcrRef, OFX FITID, MT940 bank reference). */
  bankReference: string | null;
  /** The bank's booking-type text (ING "Buchungstext", CAMT BkTxCd, MT940 GV code), free text. */
  bookingText: string | null;
  /** A category the file carries (ING "Kategorie", QIF L), free text; a hint, never authoritative. */
  fileCategory: string | null;
  /** Booked rows are the default; pending (CAMT Sts PDNG, MT942) only when asked for. */
  pending: boolean;
  /** This entry reverses an earlier one (CAMT RvslInd, MT940 RC/RD). The amount is already signed. */
  reversal: boolean;
  /** 1-based line (text formats) or entry number (XML) in the file, for messages. */
  position: number;
  /** The piece of the file this row came from (JSON-able), kept for reprocessing and for batch parts. */
  raw: unknown;
}

/**
 * What a parser yields, in file order. A file may hold several statements (several accounts or
 * days in CAMT and MT940): each starts with a `statement` event; its rows and its balances follow
 * (MT940 states the closing balance after the entries, CAMT before). Streaming events instead of
 * returning arrays keeps a 1,000,000-entry CAMT file within a small heap.
 */
export type StatementEvent =
  | { kind: 'statement'; account: StatementAccount }
  | { kind: 'row'; row: StatementRow }
  | { kind: 'balances'; opening: StatedBalance | null; closing: StatedBalance | null };

/** A whole statement, for small files and tests (see collectStatements in ./collect.ts). */
export interface ParsedStatement {
  account: StatementAccount;
  opening: StatedBalance | null;
  closing: StatedBalance | null;
  rows: StatementRow[];
}

export interface ParseOptions {
  /** Include pending / not-booked entries (CAMT Sts other than BOOK, MT942). Default false. */
  includePending?: boolean;
  /** Column mapping for an unknown CSV (`--map date=Buchungstag,amount=Betrag,...`). */
  csvMapping?: Record<string, string>;
  /** Day order for formats whose dates are ambiguous (QIF `02/01/2018`): 'DMY', 'MDY' or 'YMD' (`--date-format`). */
  dateFormat?: string;
  /** ISO 4217 currency for formats that do not state one (QIF), from `--currency` or the matched account. */
  currency?: string;
}

/** What a parser says when a file is malformed: the line/element and the reason, in one sentence. */
export class StatementFormatError extends Error {
  constructor(
    readonly format: string,
    /** 1-based line or element number; null when the whole file is the problem (empty, truncated). */
    readonly position: number | null,
    readonly reason: string,
  ) {
    super(position === null ? reason : `line ${position}: ${reason}`);
    this.name = 'StatementFormatError';
  }
}

export interface StatementParser {
  /** Stable id used by `--format` and recorded with each import: 'ing-de-csv', 'camt053', 'mt940', 'ofx', 'qif', 'csv:<preset>'. */
  id: string;
  /** For people: "ING Germany CSV (Umsatzanzeige)". */
  label: string;
  /**
   * Whether this parser reads the file, from its first bytes (at most 64 KiB), never its name.
   * Returns a score (0 = no, higher = more specific) so a generic reader loses to a specific one.
   */
  detect(head: Buffer): number;
  /**
   * Reads the file at `path` as events. Large formats (CAMT, CSV) stream the file instead of
   * reading it whole. A malformed input throws a StatementFormatError from the iterator; the
   * caller writes inside one transaction, so whatever was yielded before is rolled back.
   */
  parse(path: string, options: ParseOptions): AsyncIterable<StatementEvent>;
}
