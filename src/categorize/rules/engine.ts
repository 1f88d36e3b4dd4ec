import safeRegex from 'safe-regex2';
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
/** Regexes only ever see this much text: with safe patterns, matching time stays bounded. */
const MAX_TEXT = 512;

/**
 * A user regex, case- and accent-insensitive (it runs on folded text). Patterns that can
 * backtrack exponentially (nested repetition such as `(a+)+`) are refused up front: one such
 * pattern against a long statement line would hang every sync.
 */
export function compileRegex(pattern: string): RegExp {
  let re: RegExp;
  try {
    // Accents stripped like the text; case handled by the flag (lowercasing the pattern would
    // turn \W into \w).
    re = new RegExp(pattern.normalize('NFKD').replace(/\p{M}/gu, ''), 'iu');
  } catch (e) {
    throw new TraxError(
      'usage',
      `The regex /${pattern}/ is not valid: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}.`,
    );
  }
  if (!safeRegex(re)) {
    throw new TraxError(
      'usage',
      `The regex /${pattern}/ could take exponential time on some text (nested or overlapping repetition such as (a+)+); simplify it, e.g. use "contains".`,
    );
  }
  return re;
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

  constructor(defs: readonly RuleDef[]) {
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
        const t = textCheck(field, m);
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
