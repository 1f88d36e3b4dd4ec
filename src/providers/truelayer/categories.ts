/** TrueLayer classification words (UK/IE/FR model), primary or secondary. */
const TRUELAYER_CLASS: Record<string, string> = {
  groceries: 'groceries',
  'coffee shops': 'coffee',
  'fast food': 'eating-out',
  restaurants: 'eating-out',
  'food & dining': 'eating-out',
  'public transport': 'public-transport',
  'gas & fuel': 'fuel',
  fuel: 'fuel',
  taxi: 'taxi',
  parking: 'parking',
  'auto & transport': 'transport',
  'bills and utilities': 'utilities',
  'mobile phone': 'phone-internet',
  internet: 'phone-internet',
  television: 'tv-licence',
  'pension and insurances': 'insurance',
  'buildings and contents insurance': 'insurance',
  'health & fitness': 'health',
  pharmacy: 'pharmacy',
  gym: 'fitness',
  clothing: 'clothing',
  'electronics & software': 'electronics',
  pets: 'pets',
  shopping: 'shopping',
  entertainment: 'entertainment',
  'movies & dvds': 'streaming',
  music: 'streaming',
  travel: 'travel',
  hotel: 'travel',
  'air travel': 'travel',
  'bank charges': 'fees',
  taxes: 'taxes',
  education: 'education',
  'gifts & donations': 'gifts',
  charity: 'gifts',
};

const TRUELAYER_CATEGORY: Record<string, string> = {
  ATM: 'cash',
  CASH: 'cash',
  FEE_CHARGE: 'fees',
  INTEREST: 'interest',
  DIVIDEND: 'interest',
};

/** TrueLayer's transaction_classification (finest word first) or transaction_category, as a taxonomy slug. */
export function truelayerCategoryHint(h: { category: string | null; classification: string | null }): string | null {
  if (h.classification) {
    const parts = h.classification.split(' > ').map((p) => p.trim().toLowerCase());
    for (const p of [...parts].reverse()) {
      const slug = TRUELAYER_CLASS[p];
      if (slug) return slug;
    }
  }
  return (h.category && TRUELAYER_CATEGORY[h.category]) || null;
}
