#!/usr/bin/env node
/**
 * The audit behind docs/testing.md ("Tests of Trax, not of the emulators"): for every `it(...)`
 * / `test(...)` in the given files, which of Trax's surfaces its body (and the helpers the file
 * defines that it calls) touches. A heuristic over the source text, not a proof: it counts, and
 * lists the tests it cannot place, which are then read by hand.
 *
 *   node scripts/test-surfaces.mjs test/integration/*.ts test/contract/*.ts [--list]
 *
 * stored  reads Trax's SQLite file (app.db, count(), snapshot(), a store's list/get, a Database)
 * shown   CLI stdout/stderr/exit code, a Trax page or HTTP response, an error Trax raised
 * did     what the emulator recorded Trax doing (requestLog, sessions(), items(), fireWebhook)
 * call    calls Trax code imported from src/ (not src/sandbox) and asserts on what it returns
 * emulator-only: none of these; it calls only the emulator.
 */
import { readFileSync } from 'node:fs';

const SURFACES = {
  stored: /\.db\b|\bcount\(|\bsnapshot\(|new Database\(|\bapp\.\w+\.(list|get|find)\w*\(|\bstore\.read\(/,
  shown:
    /\brunCli\(|\brunTrax\(|\bcli\(|\.stdout\b|\.stderr\b|\.code\)|\bpage\.|\bweb\.|\bclient\.|\.toThrow|\.rejects|\.message\b/,
  did: /\brequestLog\b|\.sessions\(\)|\.items\(\)|\.credentialIds\(\)|\bfireWebhook\(/,
};

/** Test blocks by bracket matching from each `it(` / `test(` (template literals and comments are rare enough here). */
function blocks(src) {
  const out = [];
  const re = /^\s*(it|test)(\.each\([\s\S]*?\)\))?\(\s*(['"`])((?:\\.|(?!\3).)*)\3/gm;
  for (let m; (m = re.exec(src));) {
    const open = m.index + m[0].length;
    let depth = 1;
    let j = open;
    for (; j < src.length && depth > 0; j++) {
      if (src[j] === '(') depth++;
      else if (src[j] === ')') depth--;
    }
    out.push({ line: src.slice(0, m.index).split('\n').length + 1, name: m[4], body: src.slice(open, j) });
  }
  return out;
}

/** Names the file imports from Trax's own code (src/, not the emulators under src/sandbox; bench/). */
function traxImports(src) {
  const names = new Set();
  // bench/ holds the crash-trial driver, which runs the real CLI and reads its rows.
  const re = /import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'(?:\.\.\/)+(?:src\/(?!sandbox\/)|bench\/)[^']+'/g;
  for (let m; (m = re.exec(src));) {
    if (/^\s*import\s+type/.test(m[0])) continue;
    for (const part of m[1].split(',')) {
      const name = part
        .replace(/^\s*type\s+/, '')
        .split(/\s+as\s+/)
        .pop()
        .trim();
      if (name && !part.trim().startsWith('type ')) names.add(name);
    }
  }
  return names;
}

/** Top-level helpers the file defines, mapped to the surfaces their own bodies touch. */
function helperSurfaces(src, imports) {
  const helpers = new Map();
  const re = /^(?:export\s+)?(?:async\s+)?(?:function\s+(\w+)|const\s+(\w+)\s*=)/gm;
  const starts = [];
  for (let m; (m = re.exec(src));) starts.push({ name: m[1] ?? m[2], at: m.index });
  starts.forEach((s, i) => {
    const text = src.slice(s.at, starts[i + 1]?.at ?? src.length).split(/^(?:describe|it|test)\(/m)[0];
    helpers.set(s.name, surfacesOf(text, imports, new Map()));
  });
  return helpers;
}

function surfacesOf(body, imports, helpers) {
  const found = new Set(Object.entries(SURFACES).flatMap(([k, r]) => (r.test(body) ? [k] : [])));
  for (const name of imports) if (new RegExp(`\\b${name}\\b`).test(body)) found.add('call');
  for (const [name, s] of helpers) if (new RegExp(`\\b${name}\\b`).test(body)) s.forEach((x) => found.add(x));
  return found;
}

const list = process.argv.includes('--list');
const files = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const totals = { tests: 0, stored: 0, shown: 0, did: 0, call: 0, 'stored or shown': 0, 'emulator-only': 0 };
for (const file of files) {
  const src = readFileSync(file, 'utf8');
  const imports = traxImports(src);
  const helpers = helperSurfaces(src, imports);
  for (const b of blocks(src)) {
    const s = surfacesOf(b.body, imports, helpers);
    totals.tests++;
    for (const k of s) totals[k]++;
    if (s.has('stored') || s.has('shown')) totals['stored or shown']++;
    if (s.size === 0) totals['emulator-only']++;
    if (list || s.size === 0) console.log(`${file}:${b.line}\t${[...s].join(',') || 'EMULATOR-ONLY'}\t${b.name}`);
  }
}
console.log(JSON.stringify(totals));
