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
  // Banks page
  banksTitle: 'Banks',
  yourBanks: 'Your banks',
  linkWith: (provider: string) => `Link a bank with ${provider}`,
  importAFile: 'Import a file',
  noProvider1: 'No provider is configured. Put TrueLayer, Enable Banking or Plaid keys in',
  noProvider2: '(see the README), run',
  noProvider3: 'to try the built-in sandboxes, or import a statement file your bank lets you download.',
  noBanks: 'No banks linked yet. Use a button above to link one; Trax pulls its accounts and history straight away.',
  sandbox: 'sandbox',
  connectionStatus: (s: string) => (s === 'needs_reauth' ? 'needs relink' : s),
  consentUnknown: 'Consent expiry unknown',
  consentExpired: (day: string) => `Consent expired on ${day}`,
  consentExpiresSoon: (day: string, days: number) => `Consent expires ${day} (in ${days} day${days === 1 ? '' : 's'})`,
  consentValid: (day: string, days: number) => `Consent valid until ${day} (${days} days)`,
  fromFilesOnly: 'From statement files: no consent to renew.',
  lastSync: 'Last sync:',
  never: 'never',
  syncNow: 'Sync now',
  confirmDeleteSynced: (name: string, provider: string) => `Delete ${name}? Trax revokes its access at ${provider}.`,
  confirmDeleteImported: (name: string) => `Delete ${name}? Its imported history goes only if you tick the box.`,
  alsoDeleteHistory: 'also delete its history',
  delete: 'Delete',
  syncDone: (bank: string, added: number, changed: number, removed: number) =>
    `${bank}: ${added} new, ${changed} changed, ${removed} removed.`,
  syncFailed: 'sync failed',
  deleted: (bank: string) => `${bank} deleted.`,
  revokedAtProvider: 'Access revoked at the provider',
  notRevoked: (problem: string) => `Could not revoke at the provider (${problem}); revoke it there too`,
  noTokens: 'no tokens',
  historyDeleted: 'Its history was deleted.',
  historyKept: 'Its history is kept.',
  backToBanks: 'Back to your banks',
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
};

export type Messages = {
  [K in keyof typeof en]: (typeof en)[K] extends (...a: infer A) => string ? (...a: A) => string : string;
};
