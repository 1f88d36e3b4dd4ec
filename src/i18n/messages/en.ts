/** The review inbox's reasons as its badges say them. */
const REVIEW_REASON: Record<string, string> = {
  new: 'new',
  uncategorized: 'no category',
  'low-confidence': 'not sure',
  transfer: 'transfer?',
  duplicate: 'duplicate?',
};

/**
 * The English catalogue, and the shape every other catalogue must have: a key is a string or a
 * function of its parameters, so a missing key, a renamed parameter or a typo is a compile
 * error, not a blank on a page. Why not i18next or FormatJS: both load at runtime (the CLI's
 * read commands must start in a blink, issue 9), both find missing keys only when the page is
 * shown, and Trax has two languages and plain sentences; Intl does the number and date work.
 */
export const en = {
  // Navigation and layout
  navDashboard: 'Dashboard',
  navTransactions: 'Transactions',
  navBanks: 'Banks',
  navImport: 'Import',
  navHistory: 'Sync history',
  relink: 'Relink',
  renew: 'Renew',
  // Dashboard
  dashboardTitle: 'Dashboard',
  dashboardHeading: 'Where the money went',
  month: 'Month',
  currency: 'Currency',
  show: 'Show',
  dashboardEmpty: (period: string) =>
    `No transactions in ${period} yet. Link a bank on the Banks page (or run npm run demo); its history shows up here right after.`,
  spentIn: (period: string) => `Spent in ${period}`,
  income: 'Income',
  netSaved: 'Net saved',
  savingsRate: 'Savings rate',
  last12Months: 'Last 12 months by category',
  last12MonthsChart: 'Spending per month, stacked by category',
  categoriesIn: (period: string) => `Categories in ${period}`,
  vsPrevious: 'vs previous month',
  vsTrailing: 'vs 6-month average',
  incomeVsSpending: 'Income vs spending',
  incomeVsSpendingChart: 'Income and spending per month',
  topMerchants: 'Top merchants',
  budgets: 'Budgets',
  noBudgets: 'No budgets yet. Set one with',
  budgetLine: (spent: string, limit: string) => `${spent} of ${limit}`,
  budgetOver: (amount: string) => `${amount} over`,
  budgetLeft: (amount: string) => `${amount} left`,
  budgetProjected: (amount: string) => `projected ${amount}`,
  recurringPayments: 'Recurring payments',
  noRecurring: 'No recurring payments found yet; they show up after a few months of history.',
  priceRose: 'price rose',
  nextOn: (day: string) => `next ${day}`,
  perYear: (amount: string) => `${amount}/yr`,
  cadence: (c: string) => c,
  // Sync history
  historyTitle: 'Sync history',
  historyEmpty: 'No syncs yet. Link a bank; its first sync runs right away, then on the schedule.',
  started: 'Started',
  bank: 'Bank',
  trigger: 'Trigger',
  status: 'Status',
  duration: 'Duration',
  addedChangedRemoved: 'Added / changed / removed',
  error: 'Error',
  triggerName: (t: string) => t,
  runStatus: (s: string) => s,
  // Review inbox (/review)
  reviewNav: 'Review',
  reviewTitle: 'Review',
  reviewHint: (since: string | null) =>
    `What came in since your last review${since ? ` (${since} UTC)` : ''}, what has no category, categories Trax is not sure of, possible duplicates and suggested transfers. Each answer is your choice and teaches the categorizer.`,
  reviewEmpty: 'Nothing to review.',
  reviewTotal: (total: number, shown: number) =>
    `${total === 1 ? '1 entry' : `${total} entries`}${total > shown ? `, the newest ${shown} shown` : ''}.`,
  reviewReason: (r: string) => REVIEW_REASON[r] ?? r,
  reviewSource: (s: string) => s,
  reviewAccept: 'Accept',
  reviewChange: 'Change',
  reviewAndSimilar: 'and similar',
  reviewCategoryFor: (id: number) => `Category for ${id}`,
  reviewNotTransfer: 'Not a transfer',
  reviewNotDuplicate: 'Not a duplicate',
  reviewMarkDone: 'Mark the rest reviewed',
  reviewSyncedRow: 'A synced row',
  reviewFileRow: 'A row from a file',
  reviewCouldBe: (id: number) => `could be #${id}:`,
  reviewLinkBefore: 'If it is one of these, link it on the',
  reviewLinkAfter: 'page.',
  reviewPairedWith: (id: number, account: string) => `paired with #${id} on ${account}:`,
  reviewOwnAccount: 'paid to one of your own accounts',
  reviewSimilarTitle: 'Apply to similar',
  reviewSimilarRule: (rule: string, category: string, matched: number) =>
    `This creates a rule: ${rule} → ${category}. It matches ${matched} transactions;`,
  reviewSimilarMoves: (category: string) => `other transactions would move to ${category}.`,
  reviewApply: 'Apply',
  reviewCancel: 'Cancel',
  reviewChooseFirst: 'Choose a category first.',
  reviewKept: (category: string, ids: string) => `Kept ${category} for ${ids}.`,
  reviewNowIn: (id: number, category: string, similar: number | null) =>
    `#${id} is now ${category}${similar !== null ? `; a rule moved ${similar} similar transactions (Undo with \`trax undo\`)` : ''}.`,
  reviewUnpaired: (rows: string) => `Not a transfer: ${rows}.`,
  reviewRowIs: (id: number, category: string) => `#${id} is ${category}`,
  reviewOwnBooking: (day: string, description: string) => `${day} ${description} is a booking of its own.`,
  reviewMarked: 'Marked reviewed: only what comes in from now on is new.',
  reviewAnd: 'and',
};

export type Messages = {
  [K in keyof typeof en]: (typeof en)[K] extends (...a: infer A) => string ? (...a: A) => string : string;
};
