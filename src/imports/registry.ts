import { ingDeCsv } from './csv/ing-de.js';
import { mappedCsv } from './csv/mapping.js';
import { CSV_PRESETS } from './csv/presets.js';
import { presetParser } from './csv/table-reader.js';
import { camt052Parser, camt053Parser, camt054Parser } from './camt/index.js';
import { mt940Parser, mt942Parser } from './mt940/index.js';
import { ofxParser } from './ofx/index.js';
import { qifParser } from './qif/index.js';
import type { StatementParser } from './types.js';

/**
 * Every statement format Trax reads. Adding a format is one line here: its parser's detect()
 * decides from the file's first bytes, and the most specific (highest score) wins.
 */
export const PARSERS: readonly StatementParser[] = [
  camt053Parser,
  camt052Parser,
  camt054Parser,
  mt940Parser,
  mt942Parser,
  ofxParser,
  qifParser,
  ingDeCsv,
  ...CSV_PRESETS.map(presetParser),
  // Lowest score of all: any other delimited text, read with the user's --map.
  mappedCsv,
];

/** How many bytes of a file detect() is given. */
export const DETECT_HEAD_BYTES = 64 * 1024;

/** The parser for a file from its first bytes (at most DETECT_HEAD_BYTES), or null when none reads it. */
export function detectFormat(head: Buffer): StatementParser | null {
  const sample = head.subarray(0, DETECT_HEAD_BYTES);
  let best: StatementParser | null = null;
  let bestScore = 0;
  for (const parser of PARSERS) {
    const score = parser.detect(sample);
    if (score > bestScore) {
      best = parser;
      bestScore = score;
    }
  }
  return best;
}

/** The parser `--format NAME` names, or null. */
export function parserById(id: string): StatementParser | null {
  return PARSERS.find((p) => p.id === id) ?? null;
}
