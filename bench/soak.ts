/**
 * `npm run soak`: hundreds of kill -9 trials per provider plus the fault matrix, against the
 * built-in emulators. Prints a table and one JSON line per figure; exits 1 if any trial lost,
 * duplicated or changed a row, or left anything but whole pages. CI runs the fast subset
 * (test/integration/crash.test.ts).
 *
 *   npm run soak -- [--seed N] [--kills 100] [--fault-trials 5] [--only truelayer|plaid|enablebanking]
 */
import { parseArgs } from 'node:util';
import { FAULTS, faultTrial, killSchedule, killTrial, openWorld, PROVIDER_KINDS, type Diff } from './crash-trials.js';
import { Prng } from '../src/util/prng.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    kills: { type: 'string', default: '100' },
    'fault-trials': { type: 'string', default: '5' },
    only: { type: 'string' },
  },
});
// A fresh seed each run explores new kill points; the printed seed replays a run exactly.
const seed = values.seed !== undefined ? Number(values.seed) : Date.now() % 2 ** 31;
const kills = Number(values.kills);
const faultTrials = Number(values['fault-trials']);
const providers = PROVIDER_KINDS.filter((p) => !values.only || values.only === p);
if (providers.length === 0) throw new Error(`--only takes one of ${PROVIDER_KINDS.join(', ')}`);
const emit = (o: object) => process.stdout.write(`${JSON.stringify(o)}\n`);
const sum = (a: Diff, b: Diff): Diff => ({
  lost: a.lost + b.lost,
  duplicated: a.duplicated + b.duplicated,
  wrong: a.wrong + b.wrong,
});
const ZERO: Diff = { lost: 0, duplicated: 0, wrong: 0 };
const table: string[][] = [];
let bad = false;

process.stdout.write(`soak seed ${seed} (replay: npm run soak -- --seed ${seed})\n`);
for (const provider of providers) {
  const w = await openWorld(provider);
  try {
    const schedule = killSchedule(seed, kills, w);
    let midSync = 0;
    let broken = 0;
    let total = ZERO;
    for (const [i, kill] of schedule.entries()) {
      const o = await killTrial(w, kill);
      if (o.midSync) midSync++;
      total = sum(total, o.converged);
      if (o.broken || o.converged.lost + o.converged.duplicated + o.converged.wrong) {
        broken++;
        process.stdout.write(
          `  ✖ ${provider} trial ${i + 1} (${kill.kind} at ${kill.at}): ${o.broken ?? JSON.stringify(o.converged)}\n`,
        );
      }
    }
    emit({
      figure: 'soak_kill9',
      provider,
      seed,
      trials: kills,
      mid_sync: midSync,
      mid_sync_share: midSync / kills,
      broken,
      ...total,
    });
    table.push([
      provider,
      `kill -9 (${kills})`,
      `${Math.round((100 * midSync) / kills)} % mid-sync`,
      String(total.lost),
      String(total.duplicated),
      String(total.wrong),
    ]);
    bad ||= broken > 0 || midSync < kills / 2;

    const rng = new Prng(seed ^ 0x5eed);
    for (const fault of FAULTS[provider]) {
      let failed = 0;
      let resyncFailed = 0;
      let during = ZERO;
      let after = ZERO;
      for (let t = 0; t < faultTrials; t++) {
        const o = await faultTrial(w, fault, rng.int(1, w.dataRequests));
        failed += o.failed;
        resyncFailed += o.resyncFailed;
        during = sum(during, o.afterFault);
        after = sum(after, o.afterResync);
      }
      emit({
        figure: 'soak_fault',
        provider,
        fault: fault.name,
        seed,
        trials: faultTrials,
        syncs_failed: failed,
        resyncs_failed: resyncFailed,
        after_fault: during,
        ...after,
      });
      table.push([
        provider,
        fault.name,
        `${failed}/${faultTrials * w.app.connections.list().length} syncs failed`,
        String(after.lost),
        String(after.duplicated),
        String(after.wrong),
      ]);
      // Missing rows right after a failed sync are expected; a duplicate or a changed row never is.
      bad ||= resyncFailed > 0 || after.lost + after.duplicated + after.wrong + during.duplicated + during.wrong > 0;
    }
  } finally {
    await w.close();
  }
}

const head = ['provider', 'trial', 'outcome', 'lost', 'duplicated', 'wrong'];
const widths = head.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
for (const r of [head, ...table]) process.stdout.write(`${r.map((c, i) => c.padEnd(widths[i]!)).join('  ')}\n`);
process.exitCode = bad ? 1 : 0;
