/**
 * Bank text is untrusted wherever it is shown. Bidi controls (embeddings, overrides, isolates
 * and the invisible direction marks) can make "moc.knab" read as "bank.com" or reorder an
 * amount next to a description, so every surface that shows bank text neutralizes them the
 * same way: each becomes a plain space, which keeps word boundaries and cannot reorder anything.
 */
const BIDI_CLASS = '\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
const BIDI = new RegExp(`[${BIDI_CLASS}]`, 'g');
// C0 and C1 controls too for terminals: an escape sequence in a payee name can rewrite the screen.
const CONTROL_AND_BIDI = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f${BIDI_CLASS}]`, 'g');

/** For HTML: bidi controls become spaces; newlines and tabs are harmless there and kept. */
export function neutralizeBidi(s: string): string {
  return s.replace(BIDI, ' ');
}

/** For the terminal: control characters and bidi controls become spaces. */
export function clean(s: string | null | undefined): string {
  return (s ?? '').replace(CONTROL_AND_BIDI, ' ');
}
