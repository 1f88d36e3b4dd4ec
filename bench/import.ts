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
  balanceOk: boolean;
  readMs: number;
  totalMs: number;
  vmHwmKb: number;
}

function importInChild(file: string, dataDir: string, cwd: string): ChildResult {
  mkdirSync(dataDir);
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', TRAX_DATA_DIR: dataDir };
  const r = spawnSync(process.execPath, [RUNNER, file], { cwd, env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`import of ${path.basename(file)} exited ${r.status ?? r.signal}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as ChildResult;
}

type Figure = { figure: string; rows: number; value: number };
const ingestFigure = (figures: object[] | undefined, rows: number) =>
  figures?.find((x): x is Figure => (x as Figure).figure === 'ingest_truelayer_rows_per_s' && (x as Figure).rows === rows);

/** The sync ingest path's first-run rows/s over as many rows: main.ts's figure, or a run of its own. */
async function ingestRate(rows: number, figures?: object[]): Promise<number> {
  const f = ingestFigure(figures, rows) ?? ingestFigure(await ingestBench(rows), rows);
  if (!f) throw new Error('the ingest bench gave no ingest_truelayer_rows_per_s figure');
  return f.value;
}

export async function importBench(
  n = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000),
  ingestFigures?: object[],
): Promise<object[]> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'trax-bench-import-'));
  try {
    const baseline = await ingestRate(n, ingestFigures);
    const cases = [
      { name: 'camt053', file: path.join(scratch, 'camt053.xml'), write: writeCamt053, rssTarget: 300 },
      { name: 'ing_csv', file: path.join(scratch, 'Umsatzanzeige.csv'), write: writeIngCsv, rssTarget: undefined },
    ];
    const figures: object[] = [];
    for (const c of cases) {
      const expectedSum = await c.write(c.file, n);
      const r = importInChild(c.file, path.join(scratch, `data-${c.name}`), scratch);
      if (r.rows !== n || r.added !== n || r.sum !== expectedSum || !r.balanceOk) {
        throw new Error(
          `the ${c.name} import stored ${r.rows} rows summing to ${r.sum}; expected ${n} summing to ${expectedSum}`,
        );
      }
      const rate = Math.round(n / (r.totalMs / 1000));
      figures.push(
        {
          figure: `import_${c.name}_rows_per_s`,
          rows: n,
          file_mb: +(statSync(c.file).size / 1024 / 1024).toFixed(1),
          value: rate,
          unit: 'rows/s',
          baseline: 'sync ingest path (ingest_truelayer_rows_per_s) in the same run',
          baseline_value: baseline,
          ratio: +(rate / baseline).toFixed(3),
          read_and_stage_s: +(r.readMs / 1000).toFixed(1),
          place_write_categorize_s: +((r.totalMs - r.readMs) / 1000).toFixed(1),
        },
        {
          figure: `import_${c.name}_peak_rss_mb`,
          rows: n,
          value: Math.round(r.vmHwmKb / 1024),
          unit: 'MB',
          ...(c.rssTarget ? { target: c.rssTarget } : {}),
        },
      );
      rmSync(c.file, { force: true });
      rmSync(path.join(scratch, `data-${c.name}`), { recursive: true, force: true });
    }
    return figures;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const f of await importBench()) process.stdout.write(`${JSON.stringify(f)}\n`);
}
