import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCamt053, writeIngCsv } from './import-files.js';
import { ingestBench } from './ingest.js';

/**
 * `import` (issue 10, item 9): a 1,000,000-entry CAMT.053 file and a 1,000,000-row ING CSV,
 * each imported into a fresh data dir by a `node` process of its own (bench/import-run.ts), the
 * way `trax import FILE` runs. Figures: rows/s of the whole import against the sync ingest path's
 * rows/s measured in the same `npm run bench` run (bench/ingest.ts), and the child's peak RSS
 * (target under 300 MB for the CAMT file). BENCH_IMPORT_ROWS sets a smaller file for quick runs.
 */
const RUNNER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'import-run.js');

interface ChildResult {
  rows: number;
  sum: number;
  added: number;
  duplicates: number;
  balanceOk: boolean;
  readMs: number;
  categorizeMs: number;
  totalMs: number;
  vmHwmKb: number;
}

function importInChild(file: string, dataDir: string, cwd: string): ChildResult {
  mkdirSync(dataDir, { recursive: true });
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', TRAX_DATA_DIR: dataDir };
  const r = spawnSync(process.execPath, [RUNNER, file], { cwd, env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`import of ${path.basename(file)} exited ${r.status ?? r.signal}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as ChildResult;
}

type Figure = { figure: string; rows: number; value: number };
const figureOf = (figures: object[] | undefined, name: string, rows: number) =>
  figures?.find((x): x is Figure => (x as Figure).figure === name && (x as Figure).rows === rows);

/**
 * The sync ingest path's rows/s over as many rows, first run (every row new) and second (every
 * row already there): main.ts's figures from this run, or a run of its own.
 */
async function ingestRates(rows: number, figures?: object[]): Promise<{ fresh: number; again: number }> {
  let fresh = figureOf(figures, 'ingest_truelayer_rows_per_s', rows);
  let again = figureOf(figures, 'ingest_truelayer_duplicates_rows_per_s', rows);
  if (!fresh || !again) {
    const own = await ingestBench(rows);
    fresh = figureOf(own, 'ingest_truelayer_rows_per_s', rows);
    again = figureOf(own, 'ingest_truelayer_duplicates_rows_per_s', rows);
  }
  if (!fresh || !again) throw new Error('the ingest bench gave no ingest_truelayer_rows_per_s figures');
  return { fresh: fresh.value, again: again.value };
}

const perS = (rows: number, ms: number) => Math.round(rows / (ms / 1000));

export async function importBench(
  n = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000),
  ingestFigures?: object[],
): Promise<object[]> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'trax-bench-import-'));
  try {
    const ingest = await ingestRates(n, ingestFigures);
    const cases = [
      { name: 'camt053', file: path.join(scratch, 'camt053.xml'), write: writeCamt053, rssTarget: 300, again: true },
      { name: 'ing_csv', file: path.join(scratch, 'Umsatzanzeige.csv'), write: writeIngCsv, rssTarget: undefined, again: false },
    ];
    const figures: object[] = [];
    for (const c of cases) {
      const expectedSum = await c.write(c.file, n);
      const dataDir = path.join(scratch, `data-${c.name}`);
      const r = importInChild(c.file, dataDir, scratch);
      if (r.rows !== n || r.added !== n || r.sum !== expectedSum || !r.balanceOk) {
        throw new Error(
          `the ${c.name} import stored ${r.rows} rows summing to ${r.sum}; expected ${n} summing to ${expectedSum}`,
        );
      }
      // Up to the commit, as the ingest figure is (the sync categorizes afterwards too).
      const written = perS(n, r.totalMs - r.categorizeMs);
      const endToEnd = perS(n, r.totalMs);
      figures.push(
        {
          figure: `import_${c.name}_rows_per_s`,
          rows: n,
          file_mb: +(statSync(c.file).size / 1024 / 1024).toFixed(1),
          value: written,
          unit: 'rows/s',
          baseline: 'sync ingest path in the same run (ingest_truelayer_rows_per_s: validate, map, upsert; no categorization)',
          baseline_value: ingest.fresh,
          ratio: +(written / ingest.fresh).toFixed(3),
          read_and_stage_s: +(r.readMs / 1000).toFixed(1),
          place_and_write_s: +((r.totalMs - r.readMs - r.categorizeMs) / 1000).toFixed(1),
          categorize_s: +(r.categorizeMs / 1000).toFixed(1),
          with_categorize_rows_per_s: endToEnd,
          with_categorize_ratio: +(endToEnd / ingest.fresh).toFixed(3),
        },
        {
          figure: `import_${c.name}_peak_rss_mb`,
          rows: n,
          value: Math.round(r.vmHwmKb / 1024),
          unit: 'MB',
          ...(c.rssTarget ? { target: c.rssTarget } : {}),
        },
      );
      if (c.again) {
        // The same file again: every row is found as already imported, nothing is written.
        const again = importInChild(c.file, dataDir, scratch);
        if (again.rows !== n || again.duplicates !== n || again.added !== 0) {
          throw new Error(`re-importing ${c.name} gave ${again.added} new rows and ${again.duplicates} duplicates`);
        }
        const rate = perS(n, again.totalMs);
        figures.push({
          figure: `import_${c.name}_again_rows_per_s`,
          rows: n,
          value: rate,
          unit: 'rows/s',
          baseline: 'sync ingest path, every row already there (ingest_truelayer_duplicates_rows_per_s)',
          baseline_value: ingest.again,
          ratio: +(rate / ingest.again).toFixed(3),
          read_and_stage_s: +(again.readMs / 1000).toFixed(1),
          peak_rss_mb: Math.round(again.vmHwmKb / 1024),
        });
      }
      rmSync(c.file, { force: true });
      rmSync(dataDir, { recursive: true, force: true });
    }
    return figures;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const f of await importBench()) process.stdout.write(`${JSON.stringify(f)}\n`);
}
