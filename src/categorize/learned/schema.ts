/** The persisted shape of a LearnedClassifier (JSON text in SQLite), validated on load. */
import { z } from 'zod';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const int = z.number().int();
const sparseRows = z.array(z.tuple([int.nonnegative(), z.array(finite)]));

const normalizeOptions = z.object({
  dropNoise: z.boolean().optional(),
  dropLegalForms: z.boolean().optional(),
  splitCompounds: z.boolean().optional(),
  keepDigitsUpTo: int.nonnegative().optional(),
});

const featureConfig = z.object({
  dimBits: int.min(8).max(30),
  wordWeight: finite,
  bigramWeight: finite,
  charWeight: finite,
  charMin: int.min(1).max(10),
  charMax: int.min(1).max(10),
  merchantWeight: finite,
  amountWeight: finite,
  idf: z.boolean(),
  compounds: z.enum(['split', 'whole', 'both']),
  normalize: normalizeOptions,
});

export const classifierStateSchema = z.object({
  format: z.literal('trax-learned-classifier'),
  version: int,
  settings: z.object({
    model: z.enum(['perceptron', 'hinge', 'softmax', 'nb']),
    features: featureConfig,
    linear: z.object({
      epochs: int.nonnegative(),
      lambda: finite,
      eta0: finite,
      margin: finite,
      temperature: finite,
      seed: int,
    }),
    nb: z.object({ alpha: finite.refine((a) => a > 0, 'must be > 0'), temperature: finite, complement: z.boolean() }),
    memory: z.boolean(),
    calibrate: z.boolean(),
  }),
  classes: z.array(z.string().min(1)),
  size: int.nonnegative(),
  docs: int.nonnegative(),
  df: z.array(z.tuple([int.nonnegative(), int.nonnegative()])),
  calibration: z.object({ a: finite, b: finite }).nullable(),
  /** Per class: [held-out predictions, right ones]; absent in models saved before it existed. */
  heldOut: z.array(z.tuple([int.nonnegative(), int.nonnegative()])).optional(),
  memory: z.array(z.tuple([z.string(), z.array(int.nonnegative()), int.nonnegative()])),
  model: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('linear'), nClasses: int.nonnegative(), bias: z.array(finite), rows: sparseRows }),
    z.object({
      kind: z.literal('nb'),
      nClasses: int.nonnegative(),
      docs: z.array(finite),
      totals: z.array(finite),
      rows: sparseRows,
    }),
  ]),
});

export type ClassifierState = z.infer<typeof classifierStateSchema>;
