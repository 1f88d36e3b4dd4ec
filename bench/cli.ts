/**
 * How fast the CLI answers: each read command on the demo's data, run as a user runs it (a new
 * `node` process), against `node -e 0` measured in the same loop so machine load hits both alike.
 * Target (issue 9): within 2x `node -e 0` and under 80 MB peak RSS.
 *
 * Figures: cli_<command>_ms_median (wall time, with baseline and ratio, plus CPU time and its
 * ratio) and cli_<command>_peak_rss_mb (the highest maxRSS over the runs). Both come from the
 * child's own getrusage, reported at exit by a preloaded module, so no /usr/bin/time is needed.
 * cli_<command>_extra_builtins lists the Node builtins the command loads that `node -e 0` does not.
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
    // Every run, the baseline's too, preloads a probe that reports the child's own getrusage at
    // exit: CPU time is a steadier figure than wall time on a shared machine, maxRSS is the peak.
    const probe = path.join(scratch, 'rusage.cjs');
    writeFileSync(
      probe,
      `process.on('exit', () => { const u = process.resourceUsage(); const mods = process.moduleLoadList.filter((m) => m.startsWith('NativeModule ') && !m.includes('internal/')).map((m) => m.slice(13)); process.stderr.write('\\nTRAX_RUSAGE=' + (u.userCPUTime + u.systemCPUTime) + ',' + u.maxRSS + ',' + mods.join(' ') + '\\n'); });\n`,
    );
    const run = (args: string[]) => {
      const t = performance.now();
      const r = spawnSync(process.execPath, ['--require', probe, ...args], { cwd: scratch, env, encoding: 'utf8' });
      const ms = performance.now() - t;
      const usage = /TRAX_RUSAGE=(\d+),(\d+),(.*)/.exec(r.stderr);
      if (r.status !== 0 || !usage) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
      return { ms, cpuMs: Number(usage[1]) / 1000, rssMb: Number(usage[2]) / 1024, builtins: usage[3]!.split(' ') };
    };
    type Run = ReturnType<typeof run>;

    const baseline: Run[] = [];
    const runsOf = new Map<string, Run[]>(COMMANDS.map((c) => [c.join(' '), []]));
    // The first CLI run prints the daily reminder banner and warms the page cache; not counted.
    for (const c of COMMANDS) run([CLI, ...c]);
    // Interleaved, so a burst of load elsewhere on the machine hits the baseline and the commands alike.
    for (let i = 0; i < runs; i++) {
      baseline.push(run(['-e', '0']));
      for (const c of COMMANDS) runsOf.get(c.join(' '))!.push(run([CLI, ...c]));
    }

    const baseMs = median(baseline.map((r) => r.ms));
    const baseCpu = median(baseline.map((r) => r.cpuMs));
    const baseRss = Math.max(...baseline.map((r) => r.rssMb));
    const figures: object[] = [];
    for (const c of COMMANDS) {
      const name = c.join(' ').replace(/^--/, '');
      const rs = runsOf.get(c.join(' '))!;
      const ms = median(rs.map((r) => r.ms));
      const cpu = median(rs.map((r) => r.cpuMs));
      figures.push({
        figure: `cli_${name}_ms_median`,
        value: round(ms),
        unit: 'ms',
        runs,
        baseline: 'node -e 0',
        baseline_value: round(baseMs),
        ratio: round(ms / baseMs),
        target_ratio: 2,
        cpu_ms_median: round(cpu),
        baseline_cpu_ms_median: round(baseCpu),
        cpu_ratio: round(cpu / baseCpu),
      });
      figures.push({
        figure: `cli_${name}_peak_rss_mb`,
        value: round(Math.max(...rs.map((r) => r.rssMb))),
        unit: 'MB',
        baseline: 'node -e 0',
        baseline_value: round(baseRss),
        target: 80,
      });
      // Which public Node builtins the command loads beyond a bare `node -e 0` (net, crypto and
      // child_process each cost ms at start): the list says what to make lazy next.
      const base = new Set(baseline[0]!.builtins);
      const extra = rs[0]!.builtins.filter((b) => !base.has(b));
      figures.push({
        figure: `cli_${name}_extra_builtins`,
        value: extra.length,
        unit: 'modules',
        baseline: 'node -e 0',
        modules: extra,
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
