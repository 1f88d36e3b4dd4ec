/**
 * `npm run bench`: one JSON line per figure. Each figure carries a baseline measured in the same
 * process on the same machine, so the ratio means something on any hardware.
 */
import { cliBench } from './cli.js';
import { categorizeEvalBench } from './categorize-eval.js';
import { categorizePipelineBench } from './categorize-pipeline.js';
import { importBench } from './import.js';
import { ingestBench } from './ingest.js';
import { regexBench } from './regex.js';
import { reportsBench } from './reports.js';
import { reviewBench } from './review.js';
import { searchBench } from './search.js';
import { webPagesBench } from './web-pages.js';

const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const only = process.argv[2];
const print = (figures: object[]) => {
  for (const f of figures) process.stdout.write(`${JSON.stringify(f)}\n`);
};
// The import figures' baseline is this run's ingest figure, so keep it.
let ingest: object[] | undefined;
if (!only || only === 'ingest') print((ingest = await ingestBench(rows)));
if (!only || only === 'categorize') print(categorizePipelineBench(rows));
if (!only || only === 'eval') print(await categorizeEvalBench());
if (!only || only === 'reports') print(reportsBench(rows));
if (!only || only === 'web') print(await webPagesBench(rows));
if (!only || only === 'review') print(reviewBench(rows));
if (!only || only === 'search') print(searchBench(rows));
if (!only || only === 'regex') print(regexBench());

if (!only || only === 'cli') print(cliBench());
if (!only || only === 'import') print(await importBench(Number(process.env.BENCH_IMPORT_ROWS ?? rows), ingest));
