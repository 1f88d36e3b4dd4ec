import type { Confidence, Pfc } from './types.js';

/** Plaid's PFC v1 primaries; `detailed` is always `<PRIMARY>_<SUB>`. */
const PRIMARIES = [
  'INCOME',
  'TRANSFER_IN',
  'TRANSFER_OUT',
  'LOAN_PAYMENTS',
  'BANK_FEES',
  'ENTERTAINMENT',
  'FOOD_AND_DRINK',
  'GENERAL_MERCHANDISE',
  'HOME_IMPROVEMENT',
  'MEDICAL',
  'PERSONAL_CARE',
  'GENERAL_SERVICES',
  'GOVERNMENT_AND_NON_PROFIT',
  'TRANSPORTATION',
  'TRAVEL',
  'RENT_AND_UTILITIES',
] as const;

export function pfc(detailed: string, confidence: Confidence = 'VERY_HIGH'): Pfc {
  const primary = PRIMARIES.find((p) => detailed.startsWith(`${p}_`));
  if (!primary) throw new Error(`not a PFC v1 detailed category: ${detailed}`);
  return { primary, detailed, confidence_level: confidence };
}
