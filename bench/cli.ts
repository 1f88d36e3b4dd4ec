/**
 * How fast the CLI answers: each read command on the demo's data, run as a user runs it (a new
 * `node` process), against `node -e 0` measured in the same loop so machine load hits both alike.
 * Target (issue 9): within 2x `node -e 0` and under 80 MB peak RSS.
 *
 * Figures: cli_<command>_ms_median (with baseline and ratio) and cli_<command>_peak_rss_mb.
 * Peak RSS is the child's own getrusage maxRSS, reported at exit by a preloaded module, so no
 * /usr/bin/time is needed; those runs are separate from the timed ones.
 *
 * BENCH_CLI_RUNS (default 15) sets the runs; BENCH_CLI_DATA reuses a demo data dir.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'dist/src/cli/main.js');
const DEMO = path.join(ROOT, 'dist/src/demo/main.js');

const COMMANDS: string[][] = [['--help'], ['accounts'], ['transactions'], ['report'], ['connections']];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round = (x: number) => Math.round(x * 10) / 10;

export function cliBench(runs = Number(process.env.BENCH_CLI_RUNS ?? 15)): object[] {
  const scratch = mkdtempSync(path.join(tmpdir(), 'trax-bench-cli-'));
  try {
    const dataDir = process.env.BENCH_CLI_DATA ?? path.join(scratch, 'data');
    // A clean environment without .env (cwd is the scratch dir) and without colour codes.
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', TRAX_DATA_DIR: dataDir };
    if (!process.env.BENCH_CLI_DATA) {
      const demo = spawnSync(process.execPath, [DEMO, '--once'], { cwd: scratch, env, encoding: 'utf8' });
      if (demo.status !== 0) throw new Error(`npm run demo -- --once failed: ${demo.stderr}`);
    }
    const run = (args: string[]) => {
      const t = performance.now();
      const r = spawnSync(process.execPath, args, { cwd: scratch, env, encoding: 'utf8' });
      const ms = performance.now() - t;
      if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
      return { ms, stderr: r.stderr };
    };

    const baseline: number[] = [];
    const times = new Map<string, number[]>(COMMANDS.map((c) => [c.join(' '), []]));
    // The first CLI run prints the daily reminder banner and warms the page cache; not timed.
    for (const c of COMMANDS) run([CLI, ...c]);
    for (let i = 0; i < runs; i++) {
      baseline.push(run(['-e', '0']).ms);
      for (const c of COMMANDS) times.get(c.join(' '))!.push(run([CLI, ...c]).ms);
    }

    const rssProbe = path.join(scratch, 'rss.cjs');
    writeFileSync(
      rssProbe,
      `process.on('exit', () => process.stderr.write('\\nTRAX_MAX_RSS_KB=' + process.resourceUsage().maxRSS + '\\n'));\n`,
    );
    const peakRssMb = (args: string[]) => {
      const kb = [0, 1, 2].map(() => Number(/TRAX_MAX_RSS_KB=(\d+)/.exec(run(['--require', rssProbe, ...args]).stderr)?.[1]));
      return round(Math.max(...kb) / 1024);
    };

    const base = median(baseline);
    const figures: object[] = [];
    const baselineRss = peakRssMb(['-e', '0']);
    for (const c of COMMANDS) {
      const name = c.join(' ').replace(/^--/, '');
      const ms = median(times.get(c.join(' '))!);
      figures.push({
        figure: `cli_${name}_ms_median`,
        value: round(ms),
        unit: 'ms',
        runs,
        baseline: 'node -e 0',
        baseline_value: round(base),
        ratio: round(ms / base),
        target_ratio: 2,
      });
      figures.push({
        figure: `cli_${name}_peak_rss_mb`,
        value: peakRssMb([CLI, ...c]),
        unit: 'MB',
        baseline: 'node -e 0',
        baseline_value: baselineRss,
        target: 80,
      });
    }
    return figures;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const f of cliBench()) process.stdout.write(`${JSON.stringify(f)}\n`);
}
