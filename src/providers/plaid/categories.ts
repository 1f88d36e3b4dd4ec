/**
 * Plaid's personal_finance_category (v1) mapped to Trax's taxonomy: detailed first, then primary
 * (an unknown detailed value, e.g. from v2, falls back to its primary). Only confident mappings:
 * a hint that could mean several things maps to nothing and the next stage decides.
 */
const PLAID_DETAILED: Record<string, string> = {
  INCOME_WAGES: 'salary',
  INCOME_DIVIDENDS: 'interest',
  INCOME_INTEREST_EARNED: 'interest',
  INCOME_TAX_REFUND: 'refunds',
  TRANSFER_IN_ACCOUNT_TRANSFER: 'transfers',
  TRANSFER_IN_SAVINGS: 'transfers',
  TRANSFER_OUT_ACCOUNT_TRANSFER: 'transfers',
  TRANSFER_OUT_SAVINGS: 'transfers',
  TRANSFER_OUT_WITHDRAWAL: 'cash',
  LOAN_PAYMENTS_CREDIT_CARD_PAYMENT: 'transfers',
  LOAN_PAYMENTS_MORTGAGE_PAYMENT: 'housing',
  ENTERTAINMENT_TV_AND_MOVIES: 'streaming',
  ENTERTAINMENT_MUSIC_AND_AUDIO: 'streaming',
  FOOD_AND_DRINK_GROCERIES: 'groceries',
  FOOD_AND_DRINK_COFFEE: 'coffee',
  GENERAL_MERCHANDISE_ONLINE_MARKETPLACES: 'online-shopping',
  GENERAL_MERCHANDISE_CLOTHING_AND_ACCESSORIES: 'clothing',
  GENERAL_MERCHANDISE_ELECTRONICS: 'electronics',
  GENERAL_MERCHANDISE_PET_SUPPLIES: 'pets',
  GENERAL_MERCHANDISE_GIFTS_AND_NOVELTIES: 'gifts',
  MEDICAL_PHARMACIES_AND_SUPPLEMENTS: 'pharmacy',
  MEDICAL_VETERINARY_SERVICES: 'pets',
  PERSONAL_CARE_GYMS_AND_FITNESS_CENTERS: 'fitness',
  GENERAL_SERVICES_INSURANCE: 'insurance',
  GENERAL_SERVICES_EDUCATION: 'education',
  GOVERNMENT_AND_NON_PROFIT_DONATIONS: 'gifts',
  GOVERNMENT_AND_NON_PROFIT_TAX_PAYMENT: 'taxes',
  TRANSPORTATION_GAS: 'fuel',
  TRANSPORTATION_PUBLIC_TRANSIT: 'public-transport',
  TRANSPORTATION_TAXIS_AND_RIDE_SHARES: 'taxi',
  TRANSPORTATION_PARKING: 'parking',
  TRANSPORTATION_TOLLS: 'parking',
  RENT_AND_UTILITIES_RENT: 'housing',
  RENT_AND_UTILITIES_GAS_AND_ELECTRICITY: 'energy',
  RENT_AND_UTILITIES_WATER: 'water',
  RENT_AND_UTILITIES_TELEPHONE: 'phone-internet',
  RENT_AND_UTILITIES_INTERNET_AND_CABLE: 'phone-internet',
};

const PLAID_PRIMARY: Record<string, string> = {
  INCOME: 'income',
  BANK_FEES: 'fees',
  ENTERTAINMENT: 'entertainment',
  FOOD_AND_DRINK: 'eating-out',
  GENERAL_MERCHANDISE: 'shopping',
  HOME_IMPROVEMENT: 'housing',
  MEDICAL: 'health',
  PERSONAL_CARE: 'drugstore',
  TRANSPORTATION: 'transport',
  TRAVEL: 'travel',
  RENT_AND_UTILITIES: 'utilities',
  GOVERNMENT_AND_NON_PROFIT: 'taxes',
};

export function plaidCategoryHint(h: { category: string | null; classification: string | null }): string | null {
  return (h.classification && PLAID_DETAILED[h.classification]) || (h.category && PLAID_PRIMARY[h.category]) || null;
}
