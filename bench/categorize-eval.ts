/**
 * Categorization quality and speed: Trax's learned classifier against a TF-IDF + LinearSVC
 * baseline (scikit-learn, run as a child process) on the same grouped cross-validation splits.
 * One figure per metric and data set; the baseline is missing (null, with a note) when python3
 * or scikit-learn is not installed. Also normalization and prediction throughput.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LearnedClassifier, type TrainOptions } from '../src/categorize/learned/index.js';
import type { ClassifierInput, LabeledExample } from '../src/categorize/learned/types.js';
import { csvField, groupedFolds, parseCsv, parseEvalCsv, scorePredictions, splitFold } from '../src/categorize/eval/index.js';
import { normalizeText } from '../src/categorize/normalize.js';

const FOLDS = 5;
// Development used seeds 1-8; the reported figures use these, never looked at while tuning.
const SEEDS = [11, 23, 37, 41, 53];
const BASELINE = 'tfidf_linear_svc';

interface Dataset {
  key: string;
  rows: LabeledExample[];
  group: string[];
  scheme: string;
}

interface Variant {
  name: string;
  opts: TrainOptions;
}

/**
 * The shipped model first; then the alternatives it was compared with (same features, other
 * learners) and ablations of the shipped model. Calibration does not change which category
 * wins, so the alternatives skip it to keep the bench short.
 */
export const VARIANTS: Variant[] = [
  { name: 'trax', opts: {} },
  { name: 'naive_bayes', opts: { model: 'nb', calibrate: false } },
  { name: 'averaged_perceptron', opts: { model: 'perceptron', calibrate: false } },
  { name: 'logistic_sgd', opts: { model: 'softmax', linear: { lambda: 1e-5 }, calibrate: false } },
  { name: 'trax_no_memory', opts: { memory: false, calibrate: false } },
  { name: 'trax_no_amount', opts: { features: { amountWeight: 0 }, calibrate: false } },
  {
    name: 'trax_raw_text',
    opts: { features: { compounds: 'whole', normalize: { dropLegalForms: false, keepDigitsUpTo: 99 } }, calibrate: false },
  },
];

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

function loadDatasets(root: string): { datasets: Dataset[]; notes: string[] } {
  const datasets: Dataset[] = [];
  const notes: string[] = [];
  const za = resolve(
    process.env.TRAX_CATEGORIZE_DATA ?? join(root, '..', 'shared', 'data', 'categorization'),
    'za-bank-transactions.csv',
  );
  if (existsSync(za)) {
    const rows = parseEvalCsv(readFileSync(za, 'utf8'), za).rows;
    // README: split by description, not by row (348 distinct descriptions for 451 rows).
    datasets.push({ key: 'za', rows, group: rows.map((r) => r.description.trim()), scheme: 'grouped by exact description' });
  } else {
    notes.push(`za data set not found at ${za}`);
  }
  const deukPath = join(root, 'test', 'fixtures', 'categorize', 'de-uk-statements.csv');
  if (existsSync(deukPath)) {
    const text = readFileSync(deukPath, 'utf8');
    const rows = parseEvalCsv(text, deukPath).rows;
    const [header = [], ...records] = parseCsv(text);
    const template = records.map((r) => r[header.indexOf('template')] ?? '');
    const brand = records.map((r) => r[header.indexOf('brand')] ?? '');
    if (template.length === rows.length) {
      datasets.push({
        key: 'deuk',
        rows,
        group: template,
        scheme: 'grouped by text template (merchant x variant x bank format)',
      });
      datasets.push({
        key: 'deuk_new_merchant',
        rows,
        group: brand,
        scheme: 'grouped by merchant (test merchants never seen in training)',
      });
    } else {
      notes.push(`${deukPath}: row count mismatch`);
    }
  } else {
    notes.push(`de/uk data set not found at ${deukPath}`);
  }
  return { datasets, notes };
}

interface Split {
  dataset: Dataset;
  seed: number;
  fold: number;
  train: LabeledExample[];
  test: LabeledExample[];
  testIndex: number[];
}

function makeSplits(d: Dataset): Split[] {
  const out: Split[] = [];
  const idx = d.rows.map((_, i) => i);
  for (const seed of SEEDS) {
    const folds = groupedFolds(idx, FOLDS, seed, (i) => d.group[i]!);
    for (let fold = 0; fold < FOLDS; fold++) {
      const { train, test } = splitFold(idx, folds, fold);
      out.push({
        dataset: d,
        seed,
        fold,
        train: train.map((i) => d.rows[i]!),
        test: test.map((i) => d.rows[i]!),
        testIndex: test,
      });
    }
  }
  return out;
}

/** Out-of-fold predictions for every row, once per seed. */
type Pooled = Map<number, (string | null)[]>;

function runTrax(d: Dataset, splits: Split[], opts: TrainOptions): { pooled: Pooled; confident: { n: number; right: number } } {
  const pooled: Pooled = new Map(SEEDS.map((s) => [s, new Array<string | null>(d.rows.length).fill(null)]));
  const confident = { n: 0, right: 0 };
  for (const s of splits) {
    const model = LearnedClassifier.train(s.train, opts);
    s.test.forEach((row, j) => {
      const p = model.predict(row);
      pooled.get(s.seed)![s.testIndex[j]!] = p?.category ?? null;
      if (p && p.confidence >= 0.6) {
        confident.n++;
        if (p.category === row.category) confident.right++;
      }
    });
  }
  return { pooled, confident };
}

function findPython(): { cmd: string; note?: string } | null {
  // TRAX_PYTHON picks the interpreter; otherwise the first python3 on PATH, then Debian's (a pyenv
  // python3 on PATH often lacks python3-sklearn).
  const candidates = process.env.TRAX_PYTHON ? [process.env.TRAX_PYTHON] : ['python3', '/usr/bin/python3'];
  for (const cmd of candidates) {
    const r = spawnSync(cmd, ['-c', 'import sklearn'], { encoding: 'utf8', timeout: 60_000 });
    if (r.status === 0) return { cmd };
  }
  return null;
}

function runBaseline(
  root: string,
  all: Split[],
): { pooled: Map<string, Pooled>; note?: string; sklearn?: string; checks: number[] } {
  const pooled = new Map<string, Pooled>();
  const python = findPython();
  if (!python)
    return {
      pooled,
      note: 'python3 with scikit-learn not found (apt-get install python3-sklearn); baseline not run',
      checks: [],
    };
  const script = [join(root, 'bench', 'baseline_svm.py'), join(dirname(fileURLToPath(import.meta.url)), 'baseline_svm.py')].find(
    existsSync,
  );
  if (!script) return { pooled, note: 'bench/baseline_svm.py not found; baseline not run', checks: [] };
  const dir = mkdtempSync(join(tmpdir(), 'trax-categorize-eval-'));
  try {
    const text = (r: LabeledExample) => [r.description, r.merchant ?? ''].join(' ').trim();
    const write = (path: string, rows: LabeledExample[]) =>
      writeFileSync(path, ['text,category', ...rows.map((r) => `${csvField(text(r))},${csvField(r.category)}`)].join('\n'));
    const runs = all.map((s, i) => {
      const train = join(dir, `${i}-train.csv`);
      const test = join(dir, `${i}-test.csv`);
      write(train, s.train);
      write(test, s.test);
      return { train, test, out: join(dir, `${i}-pred.json`) };
    });
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ runs }));
    const r = spawnSync(python.cmd, [script, join(dir, 'manifest.json')], {
      encoding: 'utf8',
      timeout: 30 * 60_000,
      maxBuffer: 64 << 20,
    });
    if (r.status !== 0)
      return {
        pooled,
        note: `baseline failed: ${(r.stderr || r.error?.message || '').trim().split('\n').slice(-1)[0]}`,
        checks: [],
      };
    const summary = JSON.parse(r.stdout.trim().split('\n').pop()!) as { sklearn: string; runs: Array<{ accuracy: number }> };
    const checks: number[] = [];
    all.forEach((s, i) => {
      const predicted = JSON.parse(readFileSync(runs[i]!.out, 'utf8')) as string[];
      let p = pooled.get(s.dataset.key);
      if (!p) {
        p = new Map(SEEDS.map((seed) => [seed, new Array<string | null>(s.dataset.rows.length).fill(null)]));
        pooled.set(s.dataset.key, p);
      }
      predicted.forEach((label, j) => (p!.get(s.seed)![s.testIndex[j]!] = label));
      // Our scorer against scikit-learn's on the same predictions: must agree.
      const ours = scorePredictions(
        s.test.map((t) => t.category),
        predicted,
      ).accuracy;
      checks.push(Math.abs(ours - summary.runs[i]!.accuracy));
    });
    return { pooled, sklearn: summary.sklearn, checks };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function meanScores(d: Dataset, pooled: Pooled): { accuracy: number; macro_f1: number } {
  const actual = d.rows.map((r) => r.category);
  let accuracy = 0;
  let macro = 0;
  for (const seed of SEEDS) {
    const r = scorePredictions(actual, pooled.get(seed)!);
    accuracy += r.accuracy;
    macro += r.macro_f1;
  }
  return { accuracy: accuracy / SEEDS.length, macro_f1: macro / SEEDS.length };
}

const r4 = (v: number) => Math.round(v * 10_000) / 10_000;

export function throughput(rows: LabeledExample[]): object[] {
  const texts = rows.map((r) => r.description);
  const N = 1_000_000;
  const run = (f: (s: string) => unknown) => {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < N; i++) f(texts[i % texts.length]!);
    return N / (Number(process.hrtime.bigint() - t0) / 1e9);
  };
  run(normalizeText); // warm up
  const normRate = run(normalizeText);
  const naiveRate = run((s) => s.toLowerCase().split(/[^a-z0-9]+/));
  const model = LearnedClassifier.train(rows);
  const rate = (count: number, input: (i: number) => ClassifierInput) => {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < count; i++) model.predict(input(i));
    return count / (Number(process.hrtime.bigint() - t0) / 1e9);
  };
  const row = (i: number) => rows[i % rows.length]!;
  // Repeated realistic strings: the raw-input cache answers.
  const cached = rate(500_000, row);
  // Known merchants with a new store / reference number each time: one normalization, then the normalized-text cache.
  const newNumbers = rate(200_000, (i) => ({ ...row(i), description: `${row(i).description} ${1_000_000 + i}` }));
  // Never-seen text every time (a new word): the whole model runs.
  const uncached = rate(50_000, (i) => ({ ...row(i), description: `${row(i).description} q${i.toString(36)}` }));
  const json = JSON.stringify(model.toJSON());
  return [
    {
      figure: 'categorize_normalize_per_s',
      value: Math.round(normRate),
      unit: 'strings/s',
      strings: N,
      baseline: 'toLowerCase + split',
      baseline_value: Math.round(naiveRate),
      ratio: r4(normRate / naiveRate),
      target: 333_333,
    },
    {
      figure: 'categorize_predict_per_s',
      value: Math.round(cached),
      unit: 'predictions/s',
      note: 'repeated realistic strings (raw-input cache)',
      target: 100_000,
    },
    {
      figure: 'categorize_predict_new_numbers_per_s',
      value: Math.round(newNumbers),
      unit: 'predictions/s',
      note: 'known merchants, new store/reference number each time (normalized-text cache)',
      target: 100_000,
    },
    {
      figure: 'categorize_predict_uncached_per_s',
      value: Math.round(uncached),
      unit: 'predictions/s',
      note: 'a never-seen word in every string: full feature extraction and scoring',
    },
    {
      figure: 'categorize_model_json_kb',
      value: Math.round(json.length / 1024),
      unit: 'KB',
      examples: rows.length,
      categories: model.categories.length,
    },
  ];
}

export async function categorizeEvalBench(): Promise<object[]> {
  const root = repoRoot();
  const { datasets, notes } = loadDatasets(root);
  const figures: object[] = notes.map((note) => ({ figure: 'categorize_eval_note', value: null, note }));
  const splits = datasets.map((d) => ({ d, s: makeSplits(d) }));
  const baseline = runBaseline(
    root,
    splits.flatMap((x) => x.s),
  );
  const worstCheck = baseline.checks.length > 0 ? Math.max(...baseline.checks) : null;
  for (const { d, s } of splits) {
    const base = baseline.pooled.get(d.key);
    const b = base ? meanScores(d, base) : null;
    for (const v of VARIANTS) {
      const { pooled, confident } = runTrax(d, s, v.opts);
      const m = meanScores(d, pooled);
      for (const metric of ['accuracy', 'macro_f1'] as const) {
        const name = v.name === 'trax' ? `categorize_eval_${d.key}_${metric}` : `categorize_eval_${d.key}_${metric}_${v.name}`;
        figures.push({
          figure: name,
          value: r4(m[metric]),
          baseline: BASELINE,
          baseline_value: b ? r4(b[metric]) : null,
          ratio: b && b[metric] > 0 ? r4(m[metric] / b[metric]) : null,
          folds: FOLDS,
          repeats: SEEDS.length,
          n: d.rows.length,
          categories: new Set(d.rows.map((r) => r.category)).size,
          scheme: d.scheme,
          ...(v.name === 'trax' && metric === 'accuracy'
            ? {
                precision_at_conf_0_6: confident.n > 0 ? r4(confident.right / confident.n) : null,
                coverage_at_conf_0_6: r4(confident.n / (d.rows.length * SEEDS.length)),
              }
            : {}),
          ...(b ? { sklearn: baseline.sklearn, metric_check_max_diff: worstCheck } : { note: baseline.note }),
        });
      }
    }
  }
  const deuk = datasets.find((d) => d.key === 'deuk') ?? datasets[0];
  if (deuk) figures.push(...throughput(deuk.rows));
  return figures;
}
