import { readFileSync, statSync } from 'node:fs';
import { isMap, isSeq, LineCounter, parseDocument, stringify } from 'yaml';
import type { App } from '../../app.js';
import { TraxError, type Told } from '../../domain/errors.js';
import { inTransaction } from '../../store/db.js';
import { RuleSet, type RuleDef } from './engine.js';
import { rulesFile } from './schema.js';

/** Thousands of rules fit in a few hundred KB; a file past this is a mistake or an attack on memory. */
export const MAX_RULES_FILE_BYTES = 5 * 1024 * 1024;

const tooBig = (name: string) => new TraxError('usage', (m) => m.errRulesFileTooBig(name, MAX_RULES_FILE_BYTES / 1024 / 1024));

/**
 * Reads a rules file (`-` for stdin) without ever holding more than the limit: the file's size
 * is checked before it is read, and stdin stops being read once it passes the limit.
 */
export async function readRulesFile(file: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stdin) {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      size += b.length;
      if (size > MAX_RULES_FILE_BYTES) {
        if ('destroy' in stdin && typeof stdin.destroy === 'function') stdin.destroy();
        throw tooBig('stdin');
      }
      chunks.push(b);
    }
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    if (statSync(file).size > MAX_RULES_FILE_BYTES) throw tooBig(file);
    return readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof TraxError) throw e;
    throw new TraxError('usage', (m) => m.errCannotRead(file, (e as Error).message));
  }
}

/** User rules as a readable YAML file (JSON is valid YAML, so both import). */
export function exportRules(app: App): string {
  const slugs = new Map(app.categories.list().map((c) => [c.id, c.slug]));
  const rules = app.rules.raw().map((r) => ({
    ...(r.name ? { name: r.name } : {}),
    priority: r.priority,
    category: slugs.get(r.categoryId),
    when: r.conditions,
  }));
  return `# Trax categorization rules. Lower priority runs first; text matching ignores case and accents.\n${stringify({ version: 1, rules })}`;
}

/**
 * Imports a rules file all or nothing: every problem (unknown field, invalid or unsafe regex,
 * unknown category) is reported with its line, and nothing is written unless all rules pass.
 */
export function importRules(app: App, text: string, fileName: string): { imported: number } {
  if (Buffer.byteLength(text) > MAX_RULES_FILE_BYTES) throw tooBig(fileName);
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const lineOf = (path: ReadonlyArray<PropertyKey>): number => {
    for (let p = [...path]; p.length >= 0; p = p.slice(0, -1)) {
      const node = p.length ? doc.getIn(p as Array<string | number>, true) : doc.contents;
      const offset = (node as { range?: [number, number, number] } | null)?.range?.[0];
      if (offset !== undefined) return lines.linePos(offset).line;
      if (p.length === 0) break;
    }
    return 1;
  };
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    throw new TraxError('usage', (m) =>
      m.errRulesNotYaml(fileName, String(e.linePos?.[0]?.line ?? '?'), e.message.split('\n')[0]!),
    );
  }
  const data = doc.toJS() as unknown;
  const parsed = rulesFile.safeParse(data);
  // Told, not strings: each problem reaches the user in their language with its line.
  const problems: Told[] = [];
  const at = (line: number, e: unknown) => (m: Parameters<Told>[0]) =>
    m.errAtLine(line, e instanceof TraxError ? e.messageIn(m) : (e as Error).message);
  if (!parsed.success) {
    for (const issue of parsed.error.issues.slice(0, 10)) {
      const keys = issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : '';
      const line = lineOf(issue.path);
      problems.push((m) => m.errAtLine(line, `${issue.path.join('.') || 'file'}: ${issue.message}${keys}`));
    }
  } else {
    const defs: RuleDef[] = [];
    parsed.data.rules.forEach((r, i) => {
      let categoryId = 0;
      try {
        categoryId = app.categories.resolve(r.category).id;
      } catch (e) {
        problems.push(at(lineOf(['rules', i, 'category']), e));
      }
      try {
        new RuleSet([{ id: i, priority: r.priority, name: r.name ?? null, conditions: r.when, categoryId }], { strict: true });
      } catch (e) {
        problems.push(at(lineOf(['rules', i, 'when']), e));
      }
      defs.push({ id: i, priority: r.priority, name: r.name ?? null, conditions: r.when, categoryId });
    });
    if (!problems.length) {
      const raw = isMap(doc.contents) ? doc.get('rules') : null;
      const original = isSeq(raw) ? (raw.toJSON() as Array<{ when: unknown }>) : [];
      const now = app.now().toISOString();
      inTransaction(app.db, 'import rules', () => {
        defs.forEach((d, i) =>
          app.rules.add(
            { name: d.name, priority: d.priority, conditions: original[i]?.when ?? d.conditions, categoryId: d.categoryId },
            now,
          ),
        );
      });
      return { imported: defs.length };
    }
  }
  throw new TraxError('usage', (m) => m.errRulesNotImported(fileName, problems.map((p) => p(m)).join('\n  ')));
}
