/**
 * Statement-text normalization shared by the learned classifier, rule matching and
 * "similar transaction" detection. Two strings that name the same merchant should come out
 * equal: "REWE SAGT DANKE 44261234" and "Kartenzahlung REWE SAGT DANKE 44261877 12.03.2026"
 * both become "rewe sagt danke".
 *
 * Every step below was kept because it helped (or did not hurt) held-out accuracy on the
 * South African and German/UK evaluation sets; see docs/categorization-model.md.
 * It is a hot path (≥ 1M short strings in a few seconds), so it is a handful of regex passes
 * and one token loop, and ASCII input skips Unicode normalization entirely.
 */

export interface NormalizeOptions {
  /** Drop card-scheme and booking-type boilerplate ("pos purchase", "kartenzahlung", "visa"). */
  dropNoise?: boolean;
  /** Drop legal-form words (gmbh, ltd, plc, pty, ...). */
  dropLegalForms?: boolean;
  /** Split German compounds on known heads (supermarkt -> super markt). */
  splitCompounds?: boolean;
  /** Pure-digit tokens up to this length are kept ("4th" and "o2" are never digit-only). 0 drops all. */
  keepDigitsUpTo?: number;
}

const DEFAULTS: Required<NormalizeOptions> = {
  dropNoise: true,
  dropLegalForms: true,
  splitCompounds: true,
  keepDigitsUpTo: 0,
};

const MONTHS =
  'jan(?:uary|uar)?|feb(?:ruary|ruar)?|m(?:ar(?:ch)?|rz|aerz)|apr(?:il)?|ma[iy]|june?|juni|july?|juli|aug(?:ust)?|sept?(?:ember)?|o[ck]t(?:ober)?|nov(?:ember)?|de[cz](?:ember)?';

// One alternation, applied once: every match becomes a space. Order matters inside it
// (IBAN and masked PAN before plain digit runs; full dates before day-month).
const SCRUB = new RegExp(
  [
    // IBAN-like: two letters, two check digits, 10-30 more alphanumerics (optionally grouped by 4).
    String.raw`\b[a-z]{2}\d{2}(?: ?[a-z0-9]{4}){2,7}(?: ?[a-z0-9]{1,4})?\b`,
    // Masked card numbers: "xxxx1234", "****1234", "4921 81** **** 1234", "card no. 1234".
    String.raw`(?:\d{4,6}[ -]?)?(?:[x*#]{2,}[ -]?){1,4}\d{2,4}\b`,
    String.raw`\bcard no\.?(?: ?\d+)?`,
    // Dates: 12.03.2026, 12/03/26, 2026-03-12, 03/2026, 10/11/, 12.03.
    String.raw`\b\d{4}-\d{1,2}-\d{1,2}(?:t[\d:.]+z?)?`,
    String.raw`\b\d{1,2}[./-]\d{1,2}(?:[./-](?:\d{4}|\d{2})?)?(?!\d)`,
    String.raw`\b\d{1,2}[./]\d{4}\b`,
    // Day-month with optional year and an optional leading "on"/"am": "on 12 mar", "07 oct", "12mar26".
    String.raw`\b(?:on |am )?\d{1,2}(?:st|nd|rd|th)? ?(?:${MONTHS})\b(?: ?\d{2,4}\b)?`,
    String.raw`\b\d{1,2}(?:${MONTHS})\d{2,4}\b`,
    // Times: 14:32, 14:32:05, "um 14:32:05 uhr", 14.32 uhr.
    String.raw`\b(?:um |at )?\d{1,2}:\d{2}(?::\d{2})?\b(?: ?uhr\b)?`,
    String.raw`\b(?:um )?\d{1,2}[.:]\d{2} ?uhr\b`,
    // Amounts written into the text: "139.00", "fee-14.99", "( 4,00 )", "eur 12,50".
    String.raw`\d+[.,]\d{2}\b`,
  ].join('|'),
  'g',
);

// Booking-type and card-scheme boilerplate. Deliberately absent (they carry meaning):
// lastschrift, gutschrift, dauerauftrag, fee, atm, interest, refund, salary, rent.
const NOISE = new Set([
  'pos',
  'purchase',
  'kartenzahlung',
  'karte',
  'girocard',
  'visa',
  'mastercard',
  'maestro',
  'debitcard',
  'effec',
  'card',
  'payment',
  'to',
  'from',
  'ref',
  'reference',
  'nr',
  'no',
  'kd',
  'ec',
  'vpay',
  'contactless',
  'debitk',
  'debitkarte',
  'cd',
  'fil',
  'sagt',
  'danke',
  'ihr',
  'einkauf',
  'bei',
  'the',
  'at',
  'of',
  'und',
  'and',
  'fuer',
  'for',
  'mit',
  'via',
  'www',
  'com',
  'de',
  'uk',
  'co',
  'za',
]);

const LEGAL = new Set([
  'gmbh',
  'mbh',
  'ag',
  'kg',
  'ohg',
  'ug',
  'eg',
  'ev',
  'ltd',
  'limited',
  'plc',
  'llp',
  'pty',
  'inc',
  'llc',
  'corp',
  'bv',
  'nv',
  'sa',
  'sarl',
  'sas',
  'sca',
  'srl',
  'spa',
  'cie',
  'et',
]);

// German compound heads: "rundfunkbeitrag" -> "rundfunk beitrag", "stadtwerke" -> "stadt werke".
const HEADS = [
  'markt',
  'maerkte',
  'apotheke',
  'werke',
  'werk',
  'versicherung',
  'versicherungen',
  'beitrag',
  'beitraege',
  'tankstelle',
  'baeckerei',
  'backerei',
  'metzgerei',
  'drogerie',
  'kasse',
  'bank',
  'gebuehr',
  'gebuehren',
  'rechnung',
  'abschlag',
  'auszahlung',
  'zahlung',
  'miete',
  'ticket',
  'fahrschein',
  'reisen',
  'zentrum',
  'center',
  'shop',
  'laden',
  'handel',
  'bedarf',
  'moebel',
  'service',
  'verwaltung',
  'kaufhaus',
  'gutschrift',
  'ueberweisung',
  'schein',
  'karte',
  'steuer',
  'haus',
  'strom',
  'station',
  'dienst',
  'verlag',
  'praxis',
  'klinik',
  'garten',
  'hotel',
];
const HEAD_BY_END = new Map<string, string[]>();
for (const h of HEADS.sort((a, b) => b.length - a.length)) {
  const k = h.slice(-2);
  const list = HEAD_BY_END.get(k) ?? [];
  list.push(h);
  HEAD_BY_END.set(k, list);
}
const MIN_STEM = 3;

function splitCompound(tok: string, out: string[], depth = 0): void {
  if (tok.length >= MIN_STEM + 4 && depth < 3) {
    const heads = HEAD_BY_END.get(tok.slice(-2));
    if (heads) {
      for (const h of heads) {
        if (tok.length - h.length >= MIN_STEM && tok.endsWith(h)) {
          let stem = tok.slice(0, tok.length - h.length);
          // Fugen-s / Fugen-n: "versicherungs-beitrag", "kunden-karte" -> drop a linking s.
          if (stem.endsWith('s') && stem.length > MIN_STEM + 3) {
            const bare = stem.slice(0, -1);
            if (HEAD_BY_END.get(bare.slice(-2))?.some((x) => bare.endsWith(x))) stem = bare;
          }
          splitCompound(stem, out, depth + 1);
          out.push(h);
          return;
        }
      }
    }
  }
  out.push(tok);
}

const NON_ASCII = /[^\x00-\x7f]/;
// "H & M", "B & Q" -> "h&m", "b&q" (the same shop as "H&M"); single-letter pairs only.
const SPACED_AMP = /\b([a-z0-9]) & ([a-z0-9])\b/g;
const COMBINING = /[\u0300-\u036f]/g;
const TOKEN = /[a-z0-9]+(?:&[a-z0-9]+)?/g;
const GERMAN_LETTERS = /[äöüß]/g;
const GERMAN_MAP: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/** Lowercase and fold to ASCII: German umlauts as ae/oe/ue/ss (how German banks spell them in ASCII exports), other accents stripped. */
export function foldText(s: string): string {
  let t = s.toLowerCase();
  if (NON_ASCII.test(t)) {
    t = t
      .replace(GERMAN_LETTERS, (c) => GERMAN_MAP[c] ?? c)
      .normalize('NFKD')
      .replace(COMBINING, '');
  }
  return t;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Normalized tokens of a statement string (see module comment). */
export function tokens(s: string, options?: NormalizeOptions): string[] {
  const o = options ? { ...DEFAULTS, ...options } : DEFAULTS;
  let text = foldText(s);
  if (text.includes(' & ')) text = text.replace(SPACED_AMP, '$1&$2');
  text = text.replace(SCRUB, ' ');
  const out: string[] = [];
  for (const m of text.matchAll(TOKEN)) {
    let tok = m[0];
    if (tok.includes('&')) {
      // Keep "h&m", "m&s", "b&q", "1&1"; split longer "foo&bar".
      const [a = '', b = ''] = tok.split('&');
      if (a.length > 2 || b.length > 2) {
        pushToken(a, out, o);
        pushToken(b, out, o);
        continue;
      }
      out.push(tok);
      continue;
    }
    // Leading/trailing digit runs of 3+ on a word are store, terminal and mandate numbers:
    // "nr07235350" -> "nr", "discinsure4002840983" -> "discinsure"; "o2", "4th", "paddoc49" stay.
    let start = 0;
    let end = tok.length;
    while (end > 0 && isDigit(tok.charCodeAt(end - 1))) end--;
    if (end === 0) {
      if (tok.length <= o.keepDigitsUpTo) out.push(tok);
      continue;
    }
    while (start < end && isDigit(tok.charCodeAt(start))) start++;
    if (tok.length - end >= 3 || start >= 3) {
      tok = tok.slice(start >= 3 ? start : 0, tok.length - end >= 3 ? end : tok.length);
    }
    pushToken(tok, out, o);
  }
  return out;
}

function pushToken(tok: string, out: string[], o: Required<NormalizeOptions>): void {
  if (tok.length === 0) return;
  if (o.dropNoise && NOISE.has(tok)) return;
  if (o.dropLegalForms && LEGAL.has(tok)) return;
  if (o.splitCompounds) splitCompound(tok, out);
  else out.push(tok);
}

/** True for tokens the default normalization drops (booking boilerplate, legal forms). */
export function isBoilerplate(token: string): boolean {
  return NOISE.has(token) || LEGAL.has(token);
}

/** The parts of a German compound on known heads ("rundfunkbeitrag" -> ["rundfunk", "beitrag"]); [token] if none. */
export function compoundParts(token: string): string[] {
  const out: string[] = [];
  splitCompound(token, out);
  return out;
}

/** Space-joined normalized tokens: the canonical form for rule matching and similarity. */
export function normalizeText(s: string, options?: NormalizeOptions): string {
  return tokens(s, options).join(' ');
}
