import { RE2JS, RE2JSException, RE2JSSyntaxException } from 're2js';
import { TraxError } from '../../domain/errors.js';
import { AhoCorasick } from './aho-corasick.js';
import { fold } from './fold.js';
import type { Conditions, TextMatch } from './schema.js';

export interface RuleDef {
  id: number;
  priority: number;
  name: string | null;
  conditions: Conditions;
  categoryId: number;
}

/** What rules look at in a transaction. */
export interface RuleInput {
  description: string;
  merchant: string | null;
  counterparty: string | null;
  counterpartyIban: string | null;
  providerCategory: string | null;
  amountMinor: number;
  accountId: number;
}

export interface RuleHit {
  rule: RuleDef;
  why: string;
}

type TextField = 'description' | 'merchant' | 'counterparty' | 'providerCategory';
const TEXT_FIELDS: TextField[] = ['description', 'merchant', 'counterparty', 'providerCategory'];
/** Regexes only ever see this much text: matching is linear, and this keeps the constant small. */
const MAX_TEXT = 512;

/** A compiled user regex; `test` runs in time linear in the text, whatever the pattern. */
export interface UserRegex {
  test(text: string): boolean;
}

/**
 * Constructs that need backtracking, with the sentence that names them. RE2 (linear time, no
 * backtracking) cannot express them, so they are refused by name rather than with a parser
 * message. Scanned here because RE2JS's translation would silently turn `\k<n>` into `k<n>`.
 */
function backtrackingConstruct(pattern: string): string | null {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\') {
      const next = pattern[i + 1] ?? '';
      if (!inClass && /[1-9]/.test(next)) return `a backreference (\\${next})`;
      if (!inClass && next === 'k' && pattern[i + 2] === '<') return 'a named backreference (\\k<…>)';
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      // A leading ] (or ^]) is a literal inside the class.
      if (pattern[i + 1] === '^') i++;
      if (pattern[i + 1] === ']') i++;
      continue;
    }
    if (ch !== '(' || pattern[i + 1] !== '?') continue;
    const head = pattern.slice(i + 2, i + 4);
    if (head.startsWith('=')) return 'a lookahead ((?=…))';
    if (head.startsWith('!')) return 'a negative lookahead ((?!…))';
    if (head === '<=') return 'a lookbehind ((?<=…))';
    if (head === '<!') return 'a negative lookbehind ((?<!…))';
    if (head.startsWith('>')) return 'an atomic group ((?>…))';
  }
  return null;
}

/**
 * A user regex, case- and accent-insensitive (it runs on folded text), on RE2's linear-time
 * engine: bank text is chosen by whoever sends the money, and a backtracking engine lets one
 * pattern such as `(a|aa)+$` and one long description stall every sync.
 */
export function compileRegex(pattern: string): UserRegex {
  const construct = backtrackingConstruct(pattern);
  if (construct) {
    throw new TraxError('usage', (m) => m.errRegexUnsupported(pattern, construct));
  }
  // Accents stripped like the text; case handled by the flag (lowercasing the pattern would
  // turn \W into \w). translateRegExp maps JavaScript-only spellings such as \u00e9 and (?<name>).
  const source = pattern.normalize('NFKD').replace(/\p{M}/gu, '');
  try {
    return RE2JS.compile(RE2JS.translateRegExp(source), RE2JS.CASE_INSENSITIVE);
  } catch (e) {
    if (!(e instanceof RE2JSException)) throw e;
    // RE2JS reports the case flag it added as part of the pattern; the user never wrote it.
    const at = e instanceof RE2JSSyntaxException && e.input ? ` at \`${e.input.replace(/^\(\?i\)/, '')}\`` : '';
    const reason = e instanceof RE2JSSyntaxException ? `${e.error}${at}` : e.message;
    throw new TraxError('usage', (m) => m.errRegexInvalid(pattern, reason));
  }
}

type Check = (t: FoldedInput) => boolean;

interface FoldedInput {
  description: string;
  merchant: string;
  counterparty: string;
  providerCategory: string;
  raw: RuleInput;
}

/**
 * Folded texts are padded with one space at each end, so a pattern's own leading or trailing
 * space means a word boundary ("shop4 " does not match "shop417"), and equals/startsWith
 * compare against the padded form.
 */
function textCheck(field: TextField, m: TextMatch): { check: Check; literal: string | null; says: string } {
  if (m.regex !== undefined) {
    const re = compileRegex(m.regex);
    return {
      check: (t) => re.test(t[field].slice(1, Math.min(t[field].length - 1, MAX_TEXT))),
      literal: null,
      says: `${field} matches /${m.regex}/`,
    };
  }
  if (m.equals !== undefined) {
    const v = ` ${fold(m.equals)} `;
    return { check: (t) => t[field] === v, literal: v, says: `${field} equals "${m.equals}"` };
  }
  if (m.startsWith !== undefined) {
    const v = ` ${fold(m.startsWith)}`;
    return { check: (t) => t[field].startsWith(v), literal: v, says: `${field} starts with "${m.startsWith}"` };
  }
  const v = foldPattern(m.contains!);
  return { check: (t) => t[field].includes(v), literal: v, says: `${field} contains "${m.contains}"` };
}

/** Like fold, but keeps a leading or trailing space: it is part of what the user asked for. */
function foldPattern(p: string): string {
  const core = fold(p);
  return `${/^\s/.test(p) ? ' ' : ''}${core}${/\s$/.test(p) ? ' ' : ''}`;
}

const pad = (s: string | null) => (s ? ` ${fold(s)} ` : '');

interface Compiled {
  def: RuleDef;
  checks: Check[];
  says: string;
}

/**
 * Rules in priority order, indexed: each rule's first literal text condition goes into an
 * Aho–Corasick automaton for its field, so only rules whose literal occurs are checked in full.
 * Rules without a literal (regex, amount or account only) are always checked.
 */
export class RuleSet {
  private readonly rules: Compiled[];
  private readonly automata = new Map<TextField, AhoCorasick>();
  private readonly unanchored: number[] = [];
  private readonly stamp: Uint32Array;
  private epoch = 0;
  /**
   * Stored rules this engine cannot run (a regex an older Trax accepted, e.g. a lookahead):
   * they never match instead of failing every sync, and `trax rules list` says why.
   */
  readonly unusable: Array<{ rule: RuleDef; reason: string }> = [];

  /** `strict` (adding or importing a rule) throws the reason instead of setting the rule aside. */
  constructor(defs: readonly RuleDef[], opts: { strict?: boolean } = {}) {
    const sorted = [...defs].sort((a, b) => a.priority - b.priority || a.id - b.id);
    const literals = new Map<TextField, Array<{ text: string; id: number }>>();
    this.rules = sorted.map((def, index) => {
      const c = def.conditions;
      const checks: Check[] = [];
      const says: string[] = [];
      let anchored = false;
      for (const field of TEXT_FIELDS) {
        const m = c[field];
        if (!m) continue;
        let t: ReturnType<typeof textCheck>;
        try {
          t = textCheck(field, m);
        } catch (e) {
          if (opts.strict || !(e instanceof TraxError)) throw e;
          this.unusable.push({ rule: def, reason: e.message });
          t = { check: () => false, literal: null, says: `${field} (unusable: ${e.message})` };
        }
        checks.push(t.check);
        says.push(t.says);
        if (t.literal && !anchored) {
          anchored = true;
          literals.set(field, [...(literals.get(field) ?? []), { text: t.literal, id: index }]);
        }
      }
      if (c.iban) {
        const iban = c.iban.replace(/\s+/g, '').toUpperCase();
        checks.push((t) => (t.raw.counterpartyIban ?? '').replace(/\s+/g, '').toUpperCase() === iban);
        says.push(`counterparty IBAN is ${iban}`);
      }
      if (c.sign) {
        checks.push(c.sign === 'out' ? (t) => t.raw.amountMinor < 0 : (t) => t.raw.amountMinor > 0);
        says.push(c.sign === 'out' ? 'money out' : 'money in');
      }
      if (c.amount?.min !== undefined) {
        const min = c.amount.min;
        checks.push((t) => t.raw.amountMinor >= min);
        says.push(`amount ≥ ${(min / 100).toFixed(2)}`);
      }
      if (c.amount?.max !== undefined) {
        const max = c.amount.max;
        checks.push((t) => t.raw.amountMinor <= max);
        says.push(`amount ≤ ${(max / 100).toFixed(2)}`);
      }
      if (c.account !== undefined) {
        const account = c.account;
        checks.push((t) => t.raw.accountId === account);
        says.push(`account ${account}`);
      }
      if (!anchored) this.unanchored.push(index);
      return { def, checks, says: says.join(' and ') };
    });
    for (const [field, pats] of literals) this.automata.set(field, new AhoCorasick(pats));
    this.stamp = new Uint32Array(this.rules.length);
  }

  get size(): number {
    return this.rules.length;
  }

  match(input: RuleInput): RuleHit | null {
    if (this.rules.length === 0) return null;
    const t: FoldedInput = {
      description: pad(input.description),
      merchant: pad(input.merchant),
      counterparty: pad(input.counterparty),
      providerCategory: pad(input.providerCategory),
      raw: input,
    };
    const epoch = ++this.epoch;
    const candidates: number[] = [];
    for (const [field, ac] of this.automata) {
      const text = t[field];
      if (!text) continue;
      ac.scan(text, (id) => {
        if (this.stamp[id] !== epoch) {
          this.stamp[id] = epoch;
          candidates.push(id);
        }
      });
    }
    if (this.epoch === 0xffffffff) {
      this.epoch = 0;
      this.stamp.fill(0);
    }
    candidates.sort((a, b) => a - b);
    // Merge the two ascending lists so the first full match is the highest-priority one.
    let i = 0;
    let j = 0;
    const u = this.unanchored;
    while (i < candidates.length || j < u.length) {
      const idx = j >= u.length || (i < candidates.length && candidates[i]! < u[j]!) ? candidates[i++]! : u[j++]!;
      const rule = this.rules[idx]!;
      if (rule.checks.every((check) => check(t))) {
        return { rule: rule.def, why: `${rule.def.name ? `"${rule.def.name}"` : `rule ${rule.def.id}`}: ${rule.says}` };
      }
    }
    return null;
  }
}
