/**
 * `npm run bench`: one JSON line per figure. Each figure carries a baseline measured in the same
 * process on the same machine, so the ratio means something on any hardware.
 */
import { ingestBench } from './ingest.js';

const figures = await ingestBench(Number(process.env.BENCH_ROWS ?? 1_000_000));
for (const f of figures) process.stdout.write(`${JSON.stringify(f)}\n`);
