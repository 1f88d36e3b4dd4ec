import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openApp } from '../src/app.js';
import { loadConfig } from '../src/config/index.js';
import { importFile } from '../src/imports/pipeline/index.js';
import { en } from '../src/i18n/messages/en.js';

/**
 * One import in a process of its own, for bench/import.ts: `node dist/bench/import-run.js FILE`
 * with TRAX_DATA_DIR set. The whole of importFile is timed (read and stage, place and write in
 * one transaction, categorize), and the phase boundaries come from its progress messages. The
 * peak RSS is the kernel's high-water mark for this process (VmHWM), read at the very end, so
 * the figure is what a user's `trax import` would need, free of the parent's own heap.
 */
function vmHwmKb(): number {
  const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) : Math.round(process.resourceUsage().maxRSS);
}

export async function runOneImport(file: string): Promise<object> {
  const app = openApp(loadConfig());
  try {
    const t0 = performance.now();
    let readMs = 0;
    let categorizeFrom: number | null = null;
    const results = await importFile(app, file, {
      onProgress: (say) => {
        const m = say(en);
        if (m === en.importProgressWriting) readMs = performance.now() - t0;
        if (m === en.importProgressCategorizing) categorizeFrom = performance.now();
      },
    });
    const end = performance.now();
    const totalMs = end - t0;
    const categorizeMs = categorizeFrom === null ? 0 : end - categorizeFrom;
    const rows = app.db.prepare('SELECT count(*) FROM transactions').pluck().get() as number;
    const sum = app.db.prepare('SELECT coalesce(sum(amount_minor), 0) FROM transactions').pluck().get() as number;
    return {
      rows,
      sum,
      added: results.reduce((n, r) => n + r.added, 0),
      duplicates: results.reduce((n, r) => n + r.duplicates, 0),
      balanceOk: results.every((r) => r.balanceCheck?.ok === true),
      readMs,
      categorizeMs,
      totalMs,
      vmHwmKb: vmHwmKb(),
    };
  } finally {
    app.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: node dist/bench/import-run.js FILE (with TRAX_DATA_DIR set)');
  process.stdout.write(`${JSON.stringify(await runOneImport(file))}\n`);
}
