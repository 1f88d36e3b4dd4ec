/** The review inbox's reasons as its badges say them. */
const REVIEW_REASON: Record<string, string> = {
  new: 'new',
  uncategorized: 'no category',
  'low-confidence': 'not sure',
  transfer: 'transfer?',
  duplicate: 'duplicate?',
};

/** The example commands under a command's help: the same in every language. */
export const HELP_EXAMPLES = {
  reviewCategory: `  trax review category 1234 groceries
  trax review category 1234 "Eating out" --similar
  trax review category 1234 eating-out --similar --yes`,
  reviewNotDuplicate: `  trax review not-duplicate 3`,
  reviewNotTransfer: `  trax review not-transfer 1240
  trax review not-transfer 1240 shopping`,
  reviewDone: `  trax review done`,
  review: `  trax review
  trax review --json
  trax review accept 1234
  trax review category 1234 eating-out --similar --yes
  trax review not-transfer 1240
  trax review not-duplicate 3
  trax review done`,
  rules: `  trax rules add --category groceries --description-contains "rewe"
  trax rules add --category housing --counterparty-contains "hausverwaltung" --sign out --amount-max -500
  trax rules test "REWE SAGT DANKE 44261234"
  trax rules export --file rules.yaml && trax rules import rules.yaml`,
  import: `  trax import ~/Downloads/Umsatzanzeige_DE12500105170648489890_20261201.csv
  trax import --dry-run camt053_2025.xml
  trax import kontoauszug.csv --account 3 --map date=Buchungstag,amount=Betrag,description=Verwendungszweck,currencyCode=EUR
  trax import list
  trax import undo 4
  trax import review
  trax import review link 2 1187`,
  categorize: `  trax categorize --all
  trax categorize set 1234 groceries --similar
  trax categorize eval --train train.csv --test test.csv`,
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
  searchLabel: 'Search transactions',
  searchPlaceholder: 'Search: rewe >50 2026',
  relink: 'Relink',
  renew: 'Renew',
  // Dashboard
  dashboardTitle: 'Dashboard',
  dashboardTag: 'Tag',
  dashboardAllTags: 'All tags',
  dashboardSaved: 'Saved search',
  dashboardNoSaved: 'No saved search',
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
  recurringPayee: 'Payee',
  recurringCadence: 'Every',
  recurringNext: 'Next',
  recurringPerYear: 'Per year',
  priceRose: 'price rose',
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
  keptByHand: 'Kept by hand: no bank, no consent.',
  addABooking: 'Add a booking',
  cashLink: 'Cash: add an account or a booking by hand',
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
  // Login
  loginTitle: 'Log in',
  loginHeading: 'Log in to Trax',
  password: 'Password',
  logIn: 'Log in',
  wrongPassword: 'That password is not right.',
  tooManyGlobal: (wait: string) => `Too many wrong passwords were tried recently; wait ${wait} and try again.`,
  tooManyHere: (wait: string) => `Too many wrong passwords from this address; wait ${wait} and try again.`,
  waitFor: (s: number) => (s < 120 ? `${s} second${s === 1 ? '' : 's'}` : `${Math.ceil(s / 60)} minutes`),
  // Plaid's OAuth return
  finishingTitle: 'Finishing bank login',
  finishingHeading: 'Finishing your bank login…',
  finishingText: 'Your bank sent you back; Plaid Link is completing the connection.',
  // Import a file
  importTitle: 'Import a file',
  importIntro:
    "A statement your bank lets you download: ING CSV (Umsatzanzeige), other banks' CSV, CAMT.052/053/054, MT940/MT942, OFX/QFX or QIF. Trax reads the format from the content, matches the account by IBAN, and shows what it would add before anything is written. Up to 20 MB.",
  statementFile: 'Statement file',
  account: 'Account',
  accountFromFile: "the one with the file's IBAN (or a new one)",
  preview: 'Preview',
  importedFiles: 'Imported files',
  noImports: 'No files imported yet.',
  when: 'When',
  file: 'File',
  format: 'Format',
  countNew: 'New',
  countLinked: 'Already in Trax',
  countDuplicates: 'Imported before',
  countReview: 'To review',
  undoneOn: (day: string) => `undone ${day}`,
  confirmUndoImport: (rows: number, file: string) => `Remove the ${rows} rows ${file} added?`,
  undo: 'Undo',
  toReviewHeading: (n: number) => `To review (${n})`,
  importReviewHint: 'Each of these could be more than one booking Trax already has. Say which, or that it is its own.',
  fromSync: 'synced',
  fromFile: 'from a file',
  itIsThisOne: 'It is this one',
  ownBooking: 'It is a booking of its own',
  leaveOut: 'Leave it out',
  placement: (p: string) =>
    ({ new: 'new', linked: 'already in Trax', duplicate: 'imported before', review: 'to review' })[p] ?? p,
  imported: 'Imported',
  newOfflineAccount: (name: string) => `a new offline account "${name}"`,
  existingAccount: (name: string, id: number | null) => `${name} (account ${id})`,
  bookingsFromTo: (first: string, last: string) => `bookings ${first} to ${last}`,
  date: 'Date',
  amount: 'Amount',
  description: 'Description',
  seeAccountTransactions: "See the account's transactions",
  nToReview: (n: number) => `${n} to review`,
  importAnother: 'Import another file',
  importButton: 'Import',
  cancel: 'Cancel',
  columnsTitle: 'Which column is which',
  chooseColumn: 'choose a column',
  noColumn: '(none)',
  bookingDate: 'Booking date',
  payee: 'Payee / payer',
  // The sentences an import result is told in (web page and terminal)
  countsNew: (n: number) => `${n} new`,
  countsLinked: (n: number, from: string) => `${n} already in Trax${from ? ` (${from})` : ''}`,
  countsDuplicates: (n: number) => `${n} imported before`,
  countsReview: (n: number) => `${n} to review`,
  noBalances: 'The file states no opening and closing balance to check against.',
  balancesAddUp: (opening: string, entries: string, closing: string) => `Balances add up: ${opening} + ${entries} = ${closing}.`,
  balancesOff: (opening: string, entries: string, expected: string, closing: string, apart: string) =>
    `The statement's balances do not add up: opening ${opening} + entries ${entries} = ` +
    `${expected}, but the file states a closing balance of ${closing} ` +
    `(${apart} apart). The rows were still imported; the file may be cut short or the bank's export incomplete.`,
  importedFlash: (file: string, counts: string) => `Imported ${file}: ${counts}.`,
  undidImport: (file: string, removed: number, kept: number) =>
    `Undid the import of ${file}: ${removed} rows removed${kept ? `, ${kept} kept because a sync has brought them since` : ''}.`,
  noted: 'Noted.',
  chooseFileFirst: 'Choose the statement file to import first (it was empty or missing).',
  previewExpired: 'This preview has expired (or came from another browser); upload the file again.',
  noSuchImport: 'There is no such import.',
  // Transaction list
  transactionsTitle: 'Transactions',
  allAccounts: 'All accounts',
  category: 'Category',
  allCategories: 'All categories',
  searchText: 'Search text',
  search: 'Search',
  min: 'min',
  max: 'max',
  minAmount: 'Minimum amount',
  maxAmount: 'Maximum amount',
  filter: 'Filter',
  clear: 'Clear',
  noTransactions: 'No transactions here yet. Link a bank on the Banks page; its history arrives right after.',
  nothingMatches: 'Nothing matches these filters. Clear them to see everything.',
  showing: (first: number, last: number, total: number) => `Showing ${first}–${last} of ${total.toLocaleString('en')}`,
  pending: 'pending',
  categoryFrom: (source: string | null, bank: string | null) =>
    `from ${source ?? 'nothing yet'}${bank ? `; bank says ${bank}` : ''}`,
  uncategorized: 'Uncategorized',
  yours: 'yours',
  transfer: 'transfer',
  newer: '← Newer',
  older: 'Older →',
  notAMonth: (v: string) => `"${v}" is not a month; use YYYY-MM.`,
  notAnAmount: (v: string, field: string) => `"${v}" is not an amount for ${field}; write it like -12.50.`,
  // CLI read commands (`trax accounts`, `transactions`, `connections`, `report`); --json is never translated
  cliId: 'ID',
  cliBadMonth: (v: string) => `--month "${v}" is not a month; write it as YYYY-MM, e.g. 2026-10.`,
  cliBadAccount: (v: string) => `--account "${v}" is not an account id; see \`trax accounts\`.`,
  cliBadLimit: (v: string) => `--limit "${v}" must be a positive whole number.`,
  cliNoSuchAccount: (id: number) => `There is no account ${id}; run \`trax accounts\` to see the ids.`,
  cliJsonOrCsv: 'Choose one of --json or --csv.',
  cliReportOverSearch: (query: string) => `search "${query}"`,
  cliBank: 'Bank',
  cliAccount: 'Account',
  cliType: 'Type',
  cliIbanNumber: 'IBAN / number',
  cliBalance: 'Balance',
  cliAsOf: 'As of',
  cliNoAccounts: 'No accounts yet. Connect a bank with `trax connect truelayer`, then run `trax sync`.',
  cliDate: 'Date',
  cliDescription: 'Description',
  cliCategory: 'Category',
  cliAmount: 'Amount',
  cliPending: 'pending',
  cliPendingStale: (days: number) => `pending over ${days} days: may not book`,
  cliNoTransactionsIn: (month: string) => `No transactions in ${month}.`,
  cliNoTransactions: 'No transactions yet. Connect a bank with `trax connect truelayer`, then run `trax sync`.',
  cliShowingLatest: (n: number) => `Showing the latest ${n}; use --month or --limit for more.`,
  cliProvider: 'Provider',
  cliAccounts: 'Accounts',
  cliStatus: 'Status',
  cliConsentExpires: 'Consent expires',
  cliLastSync: 'Last sync',
  cliSandbox: ' (sandbox)',
  cliNoConsent: 'no consent (files)',
  cliNever: 'never',
  cliNoConnections: 'No banks connected yet. Run `trax connect truelayer` to link one, or `npm run demo` to try the sandbox.',
  cliExpiryUnknown: 'unknown',
  cliExpired: (day: string) => `${day} (expired)`,
  cliExpiresIn: (day: string, days: number) => `${day} (in ${days} day${days === 1 ? '' : 's'})`,
  cliStatusName: (s: string) => s,
  cliReportEmpty:
    'No transactions yet, so there is nothing to report. Connect a bank with `trax connect truelayer` (or link one in `trax serve`), run `trax sync`, then `trax report` shows where your money went.',
  cliAllAccounts: 'all accounts',
  cliAccountScope: (id: number, name: string) => `account ${id} (${name})`,
  cliNothingIn: (label: string, first: string, last: string, month: string) =>
    `Nothing was spent or earned in ${label}. Your transactions run from ${first} to ${last}; try \`trax report --month ${month}\`.`,
  cliComparedWith: (previous: string, label: string) =>
    `Compared with ${previous} and the average of the 6 periods before ${label}. Transfers and pending excluded unless asked; --json or --csv for scripts.`,
  cliSpending: (currency: string) => `Spending (${currency})`,
  cliSpent: 'Spent',
  cliShare: 'Share',
  cliTotal: 'Total',
  cliNew: 'new',
  cliIncomeLine: (income: string, net: string) => `Income ${income} · net saved ${net}`,
  cliSavingsRate: (rate: string) => ` · savings rate ${rate}`,
  cliTopMerchants: 'Top merchants: ',
  cliBudget: (currency: string) => `Budget (${currency})`,
  cliLimit: 'Limit',
  cliLeft: 'Left',
  cliProjected: 'Projected',
  cliVs: (what: string) => `vs ${what}`,
  cliVsPrevious: 'vs previous',
  cli6YrAvg: '6-yr avg',
  cli6MoAvg: '6-mo avg',
  cli6PeriodAvg: '6-period avg',
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
  reviewTotalPage: (total: number, capped: boolean, from: number, to: number) =>
    `${capped ? `At least ${total} entries` : total === 1 ? '1 entry' : `${total} entries`}${capped || total > to || from > 1 ? `; ${from}–${to} shown, newest first` : ''}.`,
  reviewPages: 'Review pages',
  reviewNewer: '← Newer',
  reviewOlder: 'Older →',
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
  // webedit: the transaction list's total, amount filter, inline notes and tags, saved searches, dashboard tag filter.
  filteredTotal: 'Total of all matching:',
  amountFilterHint: '50 compares the size (in or out); -50 or +50 the signed amount.',
  listKeysHint: 'Keys: j/k or arrows move, n note, t tag, c category, Esc closes.',
  listNoteLabel: 'Note (Enter saves, empty clears)',
  listTagLabel: 'Tag to add (+tag) or remove (-tag)',
  listSaved: 'Saved.',
  savedSearchesNav: 'Saved searches',
  // --- Rules, categories, budgets pages (web management) ---
  navManage: 'Rules & budgets',
  manageRules: 'Rules',
  manageCategories: 'Categories',
  manageBudgets: 'Budgets',
  rulesIntro: 'Your rules run after your own choices and before everything else, in this order.',
  rulesEmpty: 'No rules yet.',
  ruleAdd: 'Add a rule',
  ruleEditTitle: (id: number) => `Edit rule ${id}`,
  ruleOrder: 'Order',
  ruleName: 'Name',
  ruleWhen: 'When',
  ruleCategory: 'Category',
  ruleDecides: 'Rows it decides',
  ruleActions: 'Actions',
  ruleUp: 'Up',
  ruleDown: 'Down',
  ruleMoveUp: (id: number) => `Move rule ${id} up`,
  ruleMoveDown: (id: number) => `Move rule ${id} down`,
  ruleEdit: 'Edit',
  ruleDelete: 'Delete',
  rulePriority: 'Priority (lower runs first)',
  ruleDescription: 'Description',
  ruleMerchant: 'Merchant',
  ruleCounterparty: 'Counterparty contains',
  ruleIban: 'Counterparty IBAN',
  ruleAmountMin: 'Amount at least (signed, e.g. -100.00)',
  ruleAmountMax: 'Amount at most (signed, e.g. 0)',
  ruleSign: 'Money',
  ruleSignAny: 'in or out',
  ruleSignIn: 'in',
  ruleSignOut: 'out',
  ruleOp: (op: string) =>
    ({ contains: 'contains', equals: 'equals', startsWith: 'starts with', regex: 'matches regex (RE2)' })[op] ?? op,
  ruleFieldHow: (field: string) => `How the ${field.toLowerCase()} is matched`,
  rulePreviewButton: 'Preview',
  rulePreviewTitle: 'What this rule will change',
  rulePreviewCount: (matched: number, moves: number) =>
    `It matches ${matched} transactions; ${moves} would change category${moves > 0 ? ', for example:' : '.'}`,
  ruleApply: 'Apply',
  ruleBack: 'Change the rule',
  ruleAdded: (id: number, changed: number) => `Added rule ${id}; ${changed} transactions recategorized.`,
  ruleSaved: (id: number, changed: number) => `Saved rule ${id}; ${changed} transactions recategorized.`,
  ruleRemoved: (id: number, changed: number) => `Removed rule ${id}; ${changed} transactions recategorized.`,
  ruleMoved: (id: number, changed: number) => `Moved rule ${id}; ${changed} transactions recategorized.`,
  ruleUndo: 'Undo',
  ruleUndone: (summary: string, restored: number) => `Undid "${summary}": ${restored} transactions put back.`,
  ruleFromTxn: 'Make a rule from this transaction',
  ruleTestTitle: 'Test a statement line',
  ruleTestText: 'Statement text',
  ruleTestAmount: 'Amount (signed)',
  ruleTestButton: 'Test',
  ruleTestYours: 'Your rules',
  ruleTestLearned: 'Learned model',
  ruleTestBuiltIn: 'Built-in rules',
  ruleTestNoMatch: 'no match',
  ruleTestUntrained: 'not trained yet (it learns from your corrections)',
  ruleTestNoOpinion: 'no opinion',
  ruleTestLearnedAt: (category: string, percent: string, used: boolean) =>
    `${category} at ${percent} on held-out data (${used ? 'confident enough' : 'not confident enough, not used'})`,
  ruleTestLearnedUnearned: (category: string) => `${category} with no confidence earned on held-out data yet (not used)`,
  ruleTestWinner: (category: string, source: string) => `→ ${category} (from ${source})`,
  ruleSource: (s: string) =>
    ({
      user: 'your choice',
      rule: 'your rule',
      learned: 'the learned model',
      provider: "the bank's category",
      default: 'a built-in rule',
      transfer: 'a transfer',
      none: 'nothing: Uncategorized',
    })[s] ?? s,
  categoriesIntro: 'Rename, add or remove categories. A category that is in use is merged into another when removed.',
  categoryRows: 'Transactions',
  categoryKind: (k: string) => ({ expense: 'spending', income: 'income', transfer: 'transfer', uncategorized: '' })[k] ?? k,
  categoryAddTitle: 'Add a category',
  categoryNewName: 'Name',
  categoryParent: 'Inside',
  categoryTopLevel: '(top level)',
  categoryIncome: 'Money in (income)',
  categoryAddButton: 'Add',
  categoryRename: 'Rename',
  categoryRenameLabel: (name: string) => `New name for ${name}`,
  categoryRemove: 'Remove',
  categoryMergeInto: (name: string) => `Move what is in ${name} into`,
  categoryChooseInto: 'choose…',
  categoryAdded: (name: string) => `Added ${name}.`,
  categoryNeedsName: 'A category needs a name; nothing was changed.',
  categoryRenamed: (name: string) => `Renamed to ${name}.`,
  categoryMerged: (from: string, into: string, moved: number) => `Merged ${from} into ${into}: ${moved} transactions moved.`,
  categoryRemoved: (name: string) => `Removed ${name}.`,
  categoryInUse: (name: string, rows: number) =>
    `${name} still holds ${rows} transactions (or rules); choose the category to move them into.`,
  budgetsIntro: "Monthly limits per category, with this month's spent, left and month-end projection.",
  budgetsEmpty: 'No budgets yet.',
  budgetLimit: 'Budget',
  budgetSpentHead: 'Spent',
  budgetLeftHead: 'Left',
  budgetProjectedHead: 'Projected',
  budgetSetTitle: 'Set or change a budget',
  budgetAmount: 'Monthly limit',
  budgetCurrency: 'Currency',
  budgetSetButton: 'Set',
  budgetRemove: 'Remove',
  budgetRemoveLabel: (name: string) => `Remove the budget for ${name}`,
  budgetChange: 'Change',
  budgetChangeLabel: (name: string) => `New monthly limit for ${name}`,
  budgetSaved: (name: string, amount: string) => `Budget for ${name}: ${amount} a month.`,
  budgetRemoved: (name: string) => `Removed the budget for ${name}.`,
  // --- end of web management ---
  // CLI: trax tx (note, tag, split, hide, add, edit, delete)
  cliNotTxId: (v: string) => `"${v}" is not a transaction id; \`trax transactions\` and \`trax search\` show the ids.`,
  cliNotAccountId: (v: string) => `"${v}" is not an account id; \`trax accounts\` shows the ids.`,
  cliTagsWhich: 'Say which tags to add or remove, e.g. `trax tx tag 42 +urlaub -work`.',
  cliTxAdded: (id: number, day: string, amount: string, description: string, category: string) =>
    `Added transaction ${id}: ${day} ${amount} "${description}" (${category}).`,
  cliTxNowIs: (id: number, day: string, amount: string, description: string, category: string) =>
    `Transaction ${id} is now ${day} ${amount} "${description}" (${category}).`,
  cliTxDeleted: (id: number, day: string, description: string) => `Deleted transaction ${id} (${day} "${description}").`,
  cliTxHidden: (id: number) => `Transaction ${id} is hidden from reports.`,
  cliTxShown: (id: number) => `Transaction ${id} is counted in reports again.`,
  cliTxAlreadyHidden: (id: number) => `Transaction ${id} was already hidden; nothing changed.`,
  cliTxAlreadyShown: (id: number) => `Transaction ${id} was already shown; nothing changed.`,
  cliNoteCleared: (id: number) => `Cleared the note of transaction ${id}.`,
  cliNoted: (id: number, note: string) => `Noted on transaction ${id}: ${note}`,
  cliTagged: (id: number, tags: string) => `Transaction ${id} is tagged ${tags}.`,
  cliNoTags: (id: number) => `Transaction ${id} has no tags.`,
  cliSplitInto: (id: number, parts: number) => `Split transaction ${id} into ${parts} parts:`,
  cliPartNo: '#',
  cliNote: 'Note',
  cliUnsplit: (id: number, parts: number) => `Transaction ${id} is one booking again (${parts} parts removed).`,
  cliAccountAdded: (id: number, name: string, kind: string, currency: string, opening: string) =>
    `Added account ${id} "${name}" (${kind}, ${currency}), kept by hand, opening balance ${opening}.`,
  cliAccountAddHint: (id: number) =>
    `Add bookings with \`trax tx add --account ${id} --date YYYY-MM-DD --amount -4.20 --description "…"\`.`,
  // CLI: trax budget, recurring
  cliBudgetNoCurrency: 'Trax cannot tell your currency yet (no accounts or transactions); add --currency, e.g. --currency EUR.',
  cliBadCurrency: (v: string) => `--currency "${v}" is not an ISO 4217 currency code; use e.g. EUR, GBP or USD.`,
  cliBudgetBadAmount: (v: string, currency: string) =>
    `"${v}" is not an amount in ${currency}; write the monthly limit like 400 or 150.50.`,
  cliBudgetNotPositive: (ref: string) => `A budget must be more than zero; to drop one, run \`trax budget rm ${ref}\`.`,
  cliBudgetNotExpense: (name: string, income: boolean) =>
    `"${name}" is ${income ? 'an income' : 'a transfer'} category; budgets limit spending, so pick an expense category (see \`trax categories list\`).`,
  cliBudgetSet: (name: string, amount: string) => `Budget for ${name}: ${amount} a month.`,
  cliNoBudgets: 'No budgets yet. Set one with `trax budget set groceries 400` (a monthly limit in your main currency).',
  cliBudgetColumn: 'Budget',
  cliNoBudgetFor: (name: string, currency: string | null) =>
    `There is no budget for ${name}${currency ? ` in ${currency}` : ''}; see \`trax budget list\`.`,
  cliBudgetRemoved: (name: string) => `Removed the budget for ${name}.`,
  cliNoRecurring:
    'No recurring payments found. Trax needs a few months of history to see a pattern (three monthly payments, two yearly ones).',
  cliNoRecurringNoData:
    'No transactions yet. Connect a bank with `trax connect truelayer`, run `trax sync`, then `trax recurring` lists your subscriptions.',
  cliLast: 'Last',
  cliDue: (day: string) => `${day} (due)`,
  cliPriceRoseFrom: (amount: string) => `price rose from ${amount}`,
  cliPerYearTotal: (amounts: string) => `Per year in total: ${amounts}`,
  // CLI: trax sync, undo, disconnect, backup, restore
  cliSyncDone: (bank: string, id: string, added: number, changed: number, removed: number) =>
    `${bank} (${id}): ${added} new, ${changed} changed, ${removed} removed`,
  cliSyncSkipped: (bank: string, id: string, why: string) => `${bank} (${id}): skipped — ${why}`,
  cliSyncFailed: (bank: string, id: string, why: string | null) => `${bank} (${id}): ${why ?? 'failed'}`,
  cliSyncHistoryOrScheduled: '--history lists past syncs and --scheduled runs one; use one of them.',
  cliSyncNothingToSync:
    'No bank to sync: your accounts come from statement files or are kept by hand. Import newer statements with `trax import FILE`, or link a bank with `trax connect truelayer`.',
  cliSyncNoBanks: 'No banks connected yet. Run `trax connect truelayer`, or `npm run demo` to try the built-in sandbox.',
  cliSyncScheduledOne:
    '--scheduled syncs every bank the limits allow; leave out --connection, or drop --scheduled to sync one bank now.',
  cliSyncScheduledDone: (synced: number, skipped: number, failed: number) =>
    `Scheduled sync: ${synced} synced, ${skipped} skipped, ${failed} failed.`,
  cliSyncBadLimit: (v: string) => `--limit "${v}" is not a number of runs; use a whole number such as 10.`,
  cliNoSyncs: 'No syncs yet. Run `trax sync` to fetch your data.',
  cliSyncHistoryHead: ['Started (UTC)', 'Took', 'Status', 'Trigger', 'New', 'Changed', 'Removed', 'Error'].join('|'),
  cliNotAChange: (v: string) => `"${v}" is not a change number; \`trax undo --list\` shows them.`,
  cliNoBulk: 'No bulk recategorizations recorded yet.',
  cliUndoHead: ['Change', 'When', 'What', 'Rows', 'Undone'].join('|'),
  cliYes: 'yes',
  cliUndid: (summary: string, restored: number, rulesRemoved: number, kept: number) =>
    `Undid "${summary}": restored the categories of ${restored} transaction${restored === 1 ? '' : 's'}` +
    `${rulesRemoved ? `, removed ${rulesRemoved} rule${rulesRemoved === 1 ? '' : 's'}` : ''}.` +
    `${kept ? ` ${kept} changed again since and kept their newer category.` : ''}`,
  cliRevoked: (bank: string) => `Revoked Trax's access to ${bank} at the provider.`,
  cliNotRevoked: (problem: string) =>
    `Could not revoke at the provider: ${problem} Revoke it in your bank's or TrueLayer's settings too.`,
  cliTokensDeleted: (bank: string, id: string) => `Deleted the tokens for ${bank} (${id}).`,
  cliRemovedNoTokens: (bank: string, id: string) => `Removed ${bank} (${id}); there were no bank tokens to delete.`,
  cliPurged: 'Deleted its accounts and transaction history.',
  cliKeptHistory: 'Its accounts and transaction history are kept; use --purge to delete them.',
  cliBackedUp: (n: number, file: string, size: string) => `Backed up ${n} transactions to ${file} (${size}).`,
  cliKeepEnvKey:
    'Keep your TRAX_SECRET_KEY too: the bank tokens in the backup are encrypted with it, and without it every bank must be connected again.',
  cliKeepKeyFile: (file: string) =>
    `Keep ${file} too (or set TRAX_SECRET_KEY): the bank tokens in the backup are encrypted with it, and without it every bank must be connected again.`,
  cliRestored: (n: number, file: string) => `Restored ${n} transactions from ${file}.`,
  cliRestoredAside: (file: string) => `The database it replaced is kept as ${file}.`,
  cliRestoredOtherKey:
    'The bank tokens in this backup were encrypted with a different key; put back the secret.key (or TRAX_SECRET_KEY) from when it was made, or connect the banks again.',
  // CLI --help (commander's own words and the command summaries; the English summaries live in main.ts)
  cliHelpProgram: 'Your bank accounts in a local SQLite database you own: connect, sync, look.',
  cliHelpTitle: (title: string) => title,
  cliHelpFlag: 'display help for command',
  cliHelpCommand: 'display help for command',
  cliHelpVersion: 'output the version number',
  cliHelpAfterError: '(run with --help for usage)',
  cliHelpExamples: 'Examples:',
  cliCommandSummary: (_name: string, english: string) => english,
  cliHelpGettingStarted: `
Getting started:
  trax sandbox              run the built-in TrueLayer emulator and print the .env lines for it
  trax connect truelayer    link a bank (ING Germany and other TrueLayer banks)
  trax serve                the web app: link banks with Plaid or TrueLayer, relink, sync, delete
  trax sync                 fetch new transactions
  trax import FILE          add years of history from a bank's statement file (CSV, CAMT, MT940, OFX, QIF)
  trax transactions         see them
  trax report               where the money went last month
  trax backup trax.bak      a copy of the database (keep secret.key too)

Run \`trax <command> --help\` for a command's options and examples.
Configuration is read from .env in the current directory; see README.md.
Data lives in TRAX_DATA_DIR (default ./data): trax.sqlite, and secret.key unless TRAX_SECRET_KEY is set.`,
  // Web: the transaction detail page (split, hide, edit) and the cash page
  txDetailTitle: (id: number) => `Transaction ${id}`,
  backToTransactions: '← Transactions',
  source: 'Source',
  keptByHandSource: 'kept by hand',
  hiddenHint: 'Hidden: no report or budget counts it.',
  countAgain: 'Count it in reports again',
  hideFromReports: 'Hide from reports',
  splitHeading: 'Split',
  partNo: '#',
  note: 'Note',
  undoSplit: 'Undo the split',
  splitWhenBooked: 'Still pending: split it once it is booked.',
  partsMustAddUp: (amount: string) => `The parts must add up to ${amount} exactly; amounts go the booking's way.`,
  partN: (n: number) => `Part ${n}`,
  partCategory: (n: number) => `Part ${n} category`,
  partAmount: (n: number) => `Part ${n} amount`,
  partNote: (n: number) => `Part ${n} note`,
  changeSplit: 'Change the split',
  splitButton: 'Split',
  editBooking: 'Edit this booking',
  save: 'Save',
  deleteBooking: 'Delete this booking',
  notesTagsHeading: 'Note and tags',
  tagsField: 'Tags, separated by spaces',
  saveNoteTags: 'Save note and tags',
  notesTagsSaved: 'Saved the note and tags.',
  splitDone: (n: number) => `Split into ${n} parts.`,
  unsplitDone: 'One booking again.',
  hiddenDone: 'Hidden from reports.',
  countedDone: 'Counted in reports again.',
  savedDone: 'Saved.',
  bookingDeleted: (description: string, date: string) => `Deleted "${description}" (${date}).`,
  cashAccountAdded: (name: string) => `Added the account "${name}".`,
  cashTxAdded: (id: number) => `Added transaction ${id}.`,
  partNeedsCategory: (n: number) => `Part ${n} needs a category. Nothing was changed.`,
  partNeedsAmount: (n: number) => `Part ${n} needs an amount. Nothing was changed.`,
  chooseCashAccount: 'Choose an account. Nothing was changed.',
  bankRowHint: 'This row is as the bank or statement sent it: it can be split or hidden, not rewritten.',
  cashTitle: 'Cash',
  cashHeading: 'Cash and other accounts kept by hand',
  type: 'Type',
  balance: 'Balance',
  noCashAccounts: 'No account kept by hand yet. Add one for your purse below.',
  add: 'Add',
  addAnAccount: 'Add an account',
  name: 'Name',
  openingBalance: 'Opening balance',
  addAccount: 'Add account',
  // Error pages (404, 403, 413, 421, 500)
  errorTitle: (status: number) => (status === 403 ? 'Refused' : 'That did not work'),
  errorUnexpected: 'Something went wrong inside Trax. Nothing was half-saved; try again, and report it if it repeats.',
  // CLI: trax search
  cliSearchWhat: 'Write what to find, e.g. `trax search rewe` or `trax search "amazon >50 2026"`.',
  cliSearchNothingSearchable: (warnings: string) =>
    `${warnings} Nothing in the query could be searched; see \`trax search --help\` for what it understands.`,
  cliWarning: (w: string) => `Warning: ${w}`,
  cliSearchNoMatch: (query: string) => `No transactions match ${query}.`,
  cliSearchSome: (shown: number, total: number) => `${shown} of ${total} matches, newest first; --limit ${total} shows all.`,
  cliSearchMany: (shown: number, atLeast: number) =>
    `${shown} of more than ${atLeast} matches, newest first (counted up to ${atLeast}); a larger --limit shows more.`,
  cliSearchAll: (total: number) => `${total} ${total === 1 ? 'match' : 'matches'}.`,
  cliTags: 'Tags',
  cliSearchSaved: (name: string, query: string) => `Saved the search "${name}": ${query}`,
  cliSearchRunWith: (name: string) => `Run it with: trax search --saved "${name}"`,
  cliNoSavedSearches: 'No saved searches yet. Save one with `trax search save NAME QUERY`.',
  cliName: 'Name',
  cliQuery: 'Query',
  cliSearchDeleted: (name: string) => `Deleted the saved search "${name}".`,
  // CLI: trax banks
  cliNoBankList: (provider: string, listable: string) =>
    `${provider} has no bank list to show (its own login page offers the banks); use --provider ${listable}.`,
  cliUnknownProvider: (provider: string, listable: string) =>
    `"${provider}" is not a provider Trax knows; use --provider ${listable}.`,
  cliBadCountry: (v: string) => `--country "${v}" is not a two-letter country code such as DE.`,
  cliNoBanksListed: (country: string | null) => `No banks listed${country ? ` in ${country}` : ''} for personal accounts.`,
  cliBanksHead: ['Bank', 'Country', 'Max consent', 'PSU types'].join('|'),
  cliDays: (n: number) => `${n} days`,
  // CLI: trax review
  cliReviewBadId: (v: string, duplicate: boolean) =>
    `"${v}" is not a ${duplicate ? 'duplicate' : 'transaction'} id; \`trax review\` lists them.`,
  cliReviewBadLimit: (v: string) =>
    `--limit takes how many transactions to show, a whole number from 1 (e.g. --limit 50), not "${v}".`,
  cliReviewKept: (category: string, ids: string) => `Kept ${category} for ${ids} (your choice).`,
  cliReviewUncategorized: 'Uncategorized',
  cliCategorySource: (s: string) => s,
  cliReviewReason: (r: string) => r,
  cliReviewDuplicate: (id: number) => `Duplicate ${id}`,
  cliReviewSyncedRow: 'a synced row',
  cliReviewFileRow: 'a row from a file',
  cliReviewKeysDuplicate: 'd not a duplicate · s skip · q quit',
  cliReviewKeys: (canAccept: boolean, transfer: boolean) =>
    `${canAccept ? 'a accept · ' : ''}c CATEGORY change (add --similar for look-alikes)${transfer ? ' · t not a transfer' : ''} · s skip · q quit`,
  cliReviewOwnBooking: (id: number) => `Duplicate ${id} is a booking of its own.`,
  cliReviewNothingToAccept: 'It has no category to accept: type c and the category, e.g. `c groceries` (`trax categories list`).',
  cliReviewTypeCategory: 'Type c and the category, e.g. `c groceries` (`trax categories list`).',
  cliReviewStopped: (answered: number, skipped: number) =>
    `Stopped: ${answered} answered, ${skipped} skipped. \`trax review\` picks up where you left.`,
  cliReviewNotAnAnswer: (line: string, keys: string) => `"${line}" is not an answer here; ${keys}.`,
  cliReviewDone: (answered: number, skipped: number) =>
    `Done: ${answered} answered, ${skipped} skipped; what came in until now is no longer new.`,
  cliReviewMore: (n: number) => `… and ${n} more (--limit N)`,
  cliReviewAnswerWith:
    'Answer with `trax review accept ID`, `category ID CATEGORY [--similar]`, `not-transfer ID`, `not-duplicate ID`; `trax review done` when the rest is fine.',
  cliReviewDuplicateOwn: (id: number, day: string, description: string) =>
    `Duplicate ${id}: ${day} ${description} is a booking of its own.`,
  cliReviewedUpTo: (instant: string) => `Reviewed up to ${instant} UTC; only what comes in from now on is new.`,
  cliReviewNoTransaction: (id: number) => `There is no transaction ${id}; \`trax review --json\` lists the inbox.`,
  cliReviewNoCategoryToAccept: (id: number) =>
    `Transaction ${id} has no category to accept; choose one with \`trax review category ${id} CATEGORY\`.`,
  cliReviewNotSuggestedTransfer: (id: number) =>
    `Transaction ${id} is not a suggested transfer; change its category with \`trax review category ${id} CATEGORY\`.`,
  cliReviewIsTransferCategory: (name: string) => `"${name}" is the transfer category; pick the category the payment really is.`,
  cliReviewNoDuplicate: (id: number) => `There is no open duplicate ${id}; \`trax review\` lists the ones waiting.`,
  // CLI: how main.ts reports an error
  cliErrorLabel: 'Error:',
  cliUnexpectedError: 'Unexpected error:',
  cliUnexpectedBug: 'This is a bug in Trax; nothing was half-written. Please report it with the command you ran.',
  // CLI: trax categorize, categories (and "apply to similar", which trax review shares)
  cliSimilarRule: (rule: string, category: string) => `This creates a rule: ${rule} → ${category}.`,
  cliSimilarMatches: (matched: number, moves: number, category: string) =>
    `It matches ${matched} transaction${matched === 1 ? '' : 's'}; ${moves} other transaction${moves === 1 ? '' : 's'} would move to ${category}${moves > 0 ? ', for example:' : '.'}`,
  cliAndMore: (n: number) => `… and ${n} more`,
  cliUncategorized: 'Uncategorized',
  cliSimilarNeedsYes: (moves: number) =>
    `Nothing changed: --similar would move ${moves} transaction${moves === 1 ? '' : 's'}; pass --yes to apply it without asking.`,
  cliSimilarAsk: (id: number, category: string) => `Set transaction ${id} to ${category} and create this rule? [y/N] `,
  cliNothingChanged: 'Nothing changed.',
  cliChosen: (id: number, category: string) => `Transaction ${id} is now ${category} (your choice; it survives every sync).`,
  cliSimilarRuleCreated: (ruleId: number, similar: number) =>
    `Created rule ${ruleId}; it recategorized ${similar} similar transaction${similar === 1 ? '' : 's'}. See \`trax rules list\`; undo with \`trax undo\`.`,
  cliRetrained: (n: number) => `  retrained the learned model on ${n} examples`,
  cliExamined: (examined: number, changed: number) =>
    `Examined ${examined} transaction${examined === 1 ? '' : 's'}, changed ${changed}.`,
  cliTransferPairs: (n: number) => `  new transfer pairs: ${n}`,
  cliCategorizeUndo: (rows: number) =>
    `Undo with \`trax undo\` (puts back the ${rows} ${rows === 1 ? 'category' : 'categories'} this changed).`,
  cliCategorizeBadId: (v: string) => `"${v}" is not a transaction id; \`trax transactions --json\` shows them.`,
  cliCategoryKind: (k: string) => k,
  cliCategoryAdded: (name: string, slug: string) => `Added ${name} (${slug}).`,
  cliCategoryRenamed: (name: string) => `Renamed to ${name}.`,
  cliCategoryMerged: (from: string, into: string, moved: number, undo: boolean) =>
    `Merged ${from} into ${into}: ${moved} transaction${moved === 1 ? '' : 's'} moved.${undo ? ' Undo with `trax undo`.' : ''}`,
  // Errors the categorizer and the category store raise (CLI and web alike)
  condMerchantIs: (v: string) => `merchant is "${v}"`,
  condDescriptionContains: (v: string) => `description contains "${v}"`,
  condMoneyOut: 'money out',
  condMoneyIn: 'money in',
  errNoWordsForSimilar: (description: string) =>
    `"${description}" has no words to recognize similar transactions by; add a rule with \`trax rules add\` instead.`,
  errNoTransaction: (id: number) => `There is no transaction ${id}; \`trax transactions --json\` shows the ids.`,
  errNoCategory: (ref: string, examples: string) =>
    `There is no category "${ref}"; see \`trax categories list\` (e.g. ${examples}), or add it with \`trax categories add "${ref}"\`.`,
  errCategoryNameUnusable: (name: string) => `"${name}" is not a usable category name.`,
  errCategoryExists: (slug: string) => `A category "${slug}" already exists.`,
  errCategoryNested: (name: string) => `"${name}" is itself inside another category; categories nest one level only.`,
  errCategoryBuiltIn: (name: string) => `"${name}" is built in and cannot be removed.`,
  errCategoryInUse: (name: string, transactions: number, other: number, slug: string) =>
    `"${name}" is in use (${transactions} transactions, ${other} rules, choices, budgets or subcategories); merge it into another with \`trax categories merge ${slug} OTHER\`.`,
  errCategoryMergeSelf: 'A category cannot be merged into itself.',
  errCategoryMergeBuiltIn: (name: string) => `"${name}" is built in and cannot be merged away.`,
  // CLI: trax rules (and the errors the rule engine, rules files and rule changes raise)
  cliRulesHead: ['ID', 'Priority', 'Name', 'When', 'Category'].join('|'),
  cliNoRules:
    'No rules yet. Add one with `trax rules add --category SLUG --description-contains TEXT`, or use "apply to similar" when you correct a category.',
  cliRuleNeverMatches: (id: number, reason: string) =>
    `! rule ${id} never matches: ${reason} Remove it with \`trax rules rm ${id}\`.`,
  cliRuleAdded: (id: number, slug: string, hits: number, changed: number, undo: boolean) =>
    `Added rule ${id} → ${slug}; it now categorizes ${hits} transaction${hits === 1 ? '' : 's'} (${changed} changed).${undo ? ' Undo with `trax undo`.' : ''}`,
  cliRuleRemoved: (id: string, changed: number, undo: boolean) =>
    `Removed rule ${id}; ${changed} transaction${changed === 1 ? '' : 's'} recategorized.${undo ? ' Undo with `trax undo`.' : ''}`,
  cliRuleTestYours: 'your rules:',
  cliRuleTestLearned: 'learned model:',
  cliRuleTestBuiltIn: 'built-in rules:',
  cliRuleTestLearnedAt: (slug: string, percent: string, confident: boolean, min: string) =>
    `${slug} at ${percent} on held-out data (${confident ? 'confident enough' : `below ${min}, not used`})`,
  cliRuleWinnerSource: (s: string) => (s === 'none' ? 'nothing: Uncategorized' : s),
  cliRulesWrote: (n: number, file: string) => `Wrote ${n} rules to ${file}.`,
  cliRulesImported: (imported: number, changed: number, undo: boolean) =>
    `Imported ${imported} rule${imported === 1 ? '' : 's'}; ${changed} transaction${changed === 1 ? '' : 's'} recategorized.${undo ? ' Undo with `trax undo`.' : ''}`,
  errNoRule: (id: number | string) => `There is no rule ${id}; see \`trax rules list\`.`,
  errRuleInvalid: (where: string, problem: string) => `That rule is not valid: ${where}: ${problem}.`,
  errRulePriority: (v: string) => `The priority must be a whole number from 0 to 1000000, not "${v}".`,
  errRulesFileTooBig: (name: string, mb: number) =>
    `${name} is larger than ${mb} MB, more than any rules file needs; nothing was imported (check it is the file \`trax rules export\` wrote).`,
  errCannotRead: (file: string, why: string) => `Could not read ${file} (${why}).`,
  errRulesNotYaml: (file: string, line: string, why: string) =>
    `${file} line ${line}: not valid YAML or JSON (${why}); nothing was imported.`,
  errRulesNotImported: (file: string, problems: string) => `${file} was not imported:\n  ${problems}`,
  errAtLine: (line: number, problem: string) => `line ${line}: ${problem}`,
  errRegexUnsupported: (pattern: string, construct: string) =>
    `The regex /${pattern}/ uses ${construct}, which Trax's linear-time regex engine (RE2) cannot run; match the text directly or split it into two conditions.`,
  errRegexInvalid: (pattern: string, reason: string) =>
    `The regex /${pattern}/ is not valid: ${reason}; fix it or use "contains".`,
  // CLI: trax import (and the import pipeline's own refusals and progress)
  cliImportBadAccount: '--account takes an account id (a number); `trax accounts` lists them.',
  cliImportAccount: (what: string) => `Account: ${what}`,
  cliImportReplacedPending: (n: number) => `; ${n} pending rows of an earlier file replaced`,
  cliImportPlacement: (p: string) => (p === 'new' ? 'new' : p === 'linked' ? 'in Trax' : 'review'),
  cliImportedAs: (id: number) => `Imported as import ${id}; \`trax import undo ${id}\` takes it back.`,
  cliImportWaiting: (n: number) => `${n} rows wait for you in \`trax import review\`.`,
  cliImportNameFile: 'Name the statement file to import, e.g. `trax import ~/Downloads/Umsatzanzeige.csv`.',
  cliImportPendingBoth: '--booked-only and --include-pending contradict each other; keep one.',
  cliImportDryRun: 'Dry run: nothing was written. Run the same command without --dry-run to import.',
  cliNoImports: 'No files imported yet. Import one with `trax import FILE`.',
  cliImportsHead: ['Import', 'When', 'File', 'Format', 'Account', 'New', 'In Trax', 'Before', 'Review', 'Undone'].join('|'),
  cliImportUndoWhich: 'Name the import to undo by its number: `trax import undo 3` (`trax import list` shows them).',
  cliNoImport: (id: string) => `There is no import ${id}; \`trax import list\` shows them.`,
  cliImportAlreadyUndone: (id: string, file: string, day: string) => `Import ${id} (${file}) was already undone on ${day}.`,
  cliImportUndid: (id: number, file: string, removed: number) => `Undid import ${id} (${file}): ${removed} rows removed.`,
  cliImportKept: (n: number) => `${n} rows stay: a sync has brought them since, so they are now the bank's.`,
  cliImportReviewUsage:
    'Answer a review with `trax import review link REVIEW TRANSACTION`, `... add REVIEW` or `... skip REVIEW`.',
  cliImportReviewAnswered: (id: number, day: string, description: string, answer: string, transactionId: string) =>
    `Review ${id}: ${day} ${description} ${answer === 'link' ? `is transaction ${transactionId}` : answer === 'add' ? 'is a booking of its own' : 'stays out'}.`,
  cliImportNothingToReview: 'Nothing to review: every imported row found its place.',
  cliImportReviewId: (id: number) => `Review ${id}`,
  cliImportReviewFrom: (synced: boolean, accountId: number) =>
    `(${synced ? 'a synced row' : 'from a file'}, account ${accountId})`,
  cliImportCouldBe: (id: number) => `could be ${id}:`,
  cliImportReviewAnswerWith:
    'Answer with `trax import review link REVIEW TRANSACTION`, `add REVIEW` (its own booking) or `skip REVIEW` (keep it out).',
  importProgressRead: (rows: number) => `read ${rows.toLocaleString('en-GB')} rows`,
  importProgressWriting: 'writing',
  importProgressChecking: 'checking against your data',
  importProgressCategorizing: 'categorizing',
  errImportRefused: (file: string, sentence: string) => `${file}: ${sentence} Nothing was imported.`,
  errNoOpenReview: (id: number) => `There is no open review ${id}; \`trax import review\` lists the open ones.`,
  errNotACandidate: (transactionId: number, reviewId: number, candidates: string) =>
    `Transaction ${transactionId} is not one of review ${reviewId}'s candidates (${candidates}).`,
  errSyncedRowStays: (reviewId: number) => `Review ${reviewId} is about a synced row, which stays; answer link or add.`,
  errFileMissing: (file: string) => `${file} does not exist; check the path (the download folder, the file name).`,
  errFileUnreadable: (file: string, why: string) => `${file} cannot be read (${why}).`,
  errNotAFile: (file: string) => `${file} is not a file; give the path of a downloaded statement.`,
  errUnknownFormat: (format: string, formats: string) => `--format ${format} is not a format Trax reads; use one of: ${formats}.`,
  errCsvNoPreset: (columns: string) =>
    `this is a CSV Trax has no preset for (columns: ${columns}). Name its columns once with --map date=COLUMN,amount=COLUMN,description=COLUMN,currencyCode=EUR (or currency=COLUMN); Trax saves the mapping for the account and reuses it next time.`,
  errImportNoAccount: (id: number) => `There is no account ${id}; \`trax accounts\` lists them with their ids.`,
  errImportManyAccounts: (file: string, n: number) =>
    `${file} holds statements of ${n} accounts; leave out --account so each goes to its own. Nothing was imported.`,
  // Periods (report, export) and trax export
  errNotADate: (flag: string, v: string) => `${flag} "${v}" is not a date; write it as YYYY-MM-DD, e.g. 2026-10-01.`,
  errRangeOrder: (to: string, from: string, forExport: boolean) =>
    `--to ${to} must be after --from ${from} for ${forExport ? 'the export' : 'the period'} (--to is exclusive: --from 2026-10-01 --to 2026-11-01 is October).`,
  errOnePeriod: (given: string) => `Use one of --month, --year or --from/--to, not ${given}.`,
  errNotAYear: (v: string) => `--year "${v}" is not a year; write it as YYYY, e.g. 2026.`,
  errToNeedsFrom: '--to needs --from too, e.g. --from 2026-10-01 --to 2026-11-01 (--to is exclusive).',
  cliExportBadFormat: (v: string, formats: string) => `--format "${v}" is not one Trax writes; use one of ${formats}.`,
  cliExported: (n: number, file: string) => `Exported ${n} transaction${n === 1 ? '' : 's'} to ${file}.`,
  errCannotWrite: (file: string, why: string) =>
    `Cannot write ${file} (${why}); check that its directory exists and is writable.`,
  // trax schedule print
  cliScheduleOneKind: 'Choose one of --cron and --systemd.',
  schedHead: (expression: string, source: string, cron: boolean) =>
    `# Trax scheduled sync: ${expression} (${source}), local time.${cron ? ' Add it with `crontab -e`.' : ''}`,
  schedCronMissed: '# cron does not run missed jobs after the machine was off; systemd (--systemd) does.',
  schedSaveThen: '# Save the two files below, then run:',
  schedLinger: 'keep running while you are logged out',
  schedJournal: 'what the last runs did',
  schedSourceDefault: 'the nightly default for this installation; set TRAX_SYNC_SCHEDULE to change it',
  schedSourceEnv: 'from TRAX_SYNC_SCHEDULE',
  schedWarnNoBuild: (cli: string) => `# Warning: ${cli} does not exist yet; run \`npm run build\` first.`,
  schedWarnEnvUnreadable: (file: string) => `# Warning: ${file} could not be read; the scheduled sync needs it.`,
  schedWarnNoEnv: (cwd: string) =>
    `# Warning: there is no .env in ${cwd}; put your settings there, the scheduled sync sees no shell variables.`,
  schedWarnShellOnly: (names: string, n: number) =>
    `# Warning: ${names} ${n === 1 ? 'is' : 'are'} set in your shell but not in .env; the scheduled sync will not see ${n === 1 ? 'it' : 'them'}.`,
  // CLI: trax connect
  cliOr: 'or',
  cliConnectUnknownProvider: (provider: string, commands: string) =>
    `"${provider}" is not a provider Trax can connect; use ${commands}.`,
  cliConnectNameBank: 'Name the bank: `trax connect enablebanking --bank ING --country DE`.',
  cliConnectIgnored: (why: string) => `Ignored ${why}; still waiting for your login.`,
  cliConnectOpenLinkBank: (bank: string, country: string, url: string) =>
    `Open this link to log in to ${bank} (${country}):\n\n  ${url}\n`,
  cliConnectOpenLink: (url: string) => `Open this link to log in to your bank:\n\n  ${url}\n`,
  cliOpenedInBrowser: '(opened in your browser)',
  cliConnectWaiting: (url: string) => `Waiting for the bank to send you back to ${url} … (Ctrl-C to cancel)`,
  cliConnectLoginReceived: 'Login received; fetching accounts and history…',
  cliConnected: (bank: string, id: string, expiry: string | null) =>
    `Connected ${bank} as ${id}${expiry ? `; consent valid until ${expiry}` : ''}.`,
  cliConnectSeeThem: 'See them with `trax accounts` and `trax transactions`; run `trax sync` to update later.',
  cliConnectPlaidInBrowser:
    'Plaid banks are linked in the browser with Plaid Link: run `trax serve` and press "Link a bank". (For a sandbox test Item without a browser: `trax connect plaid --sandbox ins_109508`.)',
  cliConnectPlaidSandbox: (institution: string) => `Creating a Plaid sandbox Item at ${institution}…`,
  // CLI: trax serve, cert, sandbox
  cliBadPort: (v: string) => `--port "${v}" is not a port number.`,
  cliPortInUse: (port: number) => `Port ${port} is in use; pick another with --port.`,
  cliServeRunning: (url: string) => `Trax is running at ${url} — press Ctrl-C to stop.`,
  cliServeNextSync: (when: string) => `Next scheduled sync: ${when} (TRAX_SYNC_SCHEDULE; see docs/scheduling.md).`,
  /** `most`: every provider but the last, comma-separated; `last`: the last one. */
  cliServeNoProvider: (most: string, last: string) =>
    `No provider is configured yet: put ${most} or ${last} keys in .env (see README), or try \`npm run demo\`.`,
  cliCertCreated: (cert: string, key: string) => `Created ${cert} and ${key} (mode 0600).`,
  cliCertExists: (cert: string) => `A certificate already exists at ${cert}; use --force to replace it.`,
  cliCertServes:
    '`trax serve` now serves https://localhost:3000. Use https:// in TRUELAYER_REDIRECT_URI and PLAID_REDIRECT_URI too.',
  cliSandboxRunning: (url: string) => `TrueLayer sandbox running at ${url}\n\nPut these lines in .env (or export them):\n`,
  cliSandboxThen: '\nThen run `trax connect truelayer` in another terminal and log in as john / doe. Ctrl-C stops the sandbox.',
  cliSandboxStopping: 'Stopping the sandbox…',
  // CLI --help: an option's, argument's or subcommand's description (the English is the module's own)
  cliHelpText: (english: string) => english,
  /** Commander's own words inside a help line: "[options]", "(default: 10)". */
  cliHelpWords: (line: string) => line,
  // The database file and SQLite's failures (store/db.ts), and configuration (config/index.ts)
  errDbEmpty: (file: string) =>
    `The database ${file} is empty (0 bytes), so its data was lost (an interrupted copy or a full disk); restore your last backup with \`trax restore FILE\`, or delete the empty file to start afresh.`,
  errDbNotSqlite: (file: string) =>
    `The file ${file} is not a SQLite database, so it is not a Trax database; move it away and restore your last backup with \`trax restore FILE\`, or point TRAX_DATA_DIR at another directory.`,
  errDbNewer: (file: string, version: number, known: number) =>
    `The database ${file} was written by a newer version of Trax (schema ${version}, this one knows ${known}); update Trax, or restore a backup made with this version.`,
  errDbForeign: (file: string) =>
    `The file ${file} is a SQLite database of another program, not Trax's; move it away and restore your last backup with \`trax restore FILE\`, or point TRAX_DATA_DIR at another directory.`,
  errDbDamaged: (file: string, detail: string) =>
    `The database ${file} is damaged (SQLite: ${detail}); restore your last backup with \`trax restore FILE\`, which keeps the damaged file aside.`,
  errDbLocked: (doing: string) =>
    `Could not ${doing}: the database is locked by another Trax process; wait for it to finish (or stop it) and try again.`,
  errDiskFull: (doing: string) => `Could not ${doing}: the disk is full; nothing was written. Free some space and try again.`,
  errDbCorrupt: (doing: string, message: string) =>
    `Could not ${doing}: the database is damaged or not a Trax database (${message}); restore your last backup with \`trax restore FILE\`, or point TRAX_DATA_DIR elsewhere.`,
  errDbOther: (doing: string, message: string) => `Could not ${doing}: ${message}. Check that TRAX_DATA_DIR is writable.`,
  errEnvUnreadable: (file: string, reason: string) =>
    `Trax could not read ${file} (${reason}); check its permissions or remove it to run without one.`,
  errNoEnableBanking:
    'Enable Banking is not configured: set ENABLEBANKING_APP_ID, ENABLEBANKING_KEY_FILE and ENABLEBANKING_REDIRECT_URI in .env (see "Connect through Enable Banking" in the README).',
  errNoPlaid:
    'PLAID_CLIENT_ID and PLAID_SECRET are not set; create keys at dashboard.plaid.com (Developers → Keys) and put both in .env, with PLAID_ENV=sandbox to start.',
  errNoTrueLayer:
    'TRUELAYER_CLIENT_ID and TRUELAYER_CLIENT_SECRET are not set; create an app at console.truelayer.com and put both in .env, or run `trax sandbox` to try Trax against the built-in emulator.',
  // Bookings kept by hand (manual/), splits (splits/) and tags (store/notes-tags.ts)
  errAccountNeedsName: 'An account needs a name, e.g. "Bargeld". Nothing was changed.',
  errNameTooLong: (length: number, max: number) => `The name is ${length} characters; keep it under ${max}. Nothing was changed.`,
  errBadKind: (kind: string, kinds: string) => `--kind "${kind}" is not one of ${kinds}. Nothing was changed.`,
  errBadCurrencyCode: (v: string) => `--currency "${v}" is not a currency code such as EUR. Nothing was changed.`,
  errAccountExists: (name: string, currency: string, id: number) =>
    `There is already an account "${name}" in ${currency} kept by hand (id ${id}). Nothing was changed.`,
  errNoAccountManual: (id: number) => `There is no account ${id}; \`trax accounts\` lists them. Nothing was changed.`,
  errAccountFedBy: (id: number, name: string, bank: string | null, source: string) =>
    `Account ${id} (${name}${bank ? ` at ${bank}` : ''}) is fed by ${source}; its bookings come from there. ` +
    'Enter cash in an account kept by hand: `trax accounts add "Bargeld" --kind cash --currency EUR`. Nothing was changed.',
  errBookingNeeds: 'A booking needs --date, --amount and --description. Nothing was changed.',
  errSayWhatToChange: 'Say what to change: --date, --amount, --description or --category. Nothing was changed.',
  errEditSplit: (id: number) =>
    `Transaction ${id} is split; its parts add up to the old amount. Undo the split first (\`trax tx unsplit ${id}\`). Nothing was changed.`,
  errNotManual: (id: number, file: string | null, bank: string | null, source: string, deleting: boolean) =>
    `Transaction ${id} came from ${file !== null ? `an imported statement file (${file})` : `${bank ? `${bank} through ` : ''}${source}`}; it stays as it came and cannot be ${deleting ? 'deleted' : 'edited'}. ` +
    `To keep it out of reports, run \`trax tx hide ${id}\`. Nothing was changed.`,
  errManualDate: (v: string) => `"${v}" is not a date; write it as YYYY-MM-DD, e.g. 2026-11-30. Nothing was changed.`,
  errManualAmount: (v: string, currency: string) =>
    `"${v}" is not an amount in ${currency}; write e.g. -4.20 for money out or 20.00 for money in. Nothing was changed.`,
  errZeroBooking: 'A booking of 0 changes nothing; give an amount such as -4.20. Nothing was changed.',
  errNeedsDescription: 'A booking needs a description, e.g. --description "Wochenmarkt". Nothing was changed.',
  errDescriptionTooLong: (length: number, max: number) =>
    `The description is ${length} characters; keep it under ${max} (a note can say more). Nothing was changed.`,
  errPartShape: (spec: string) => `--part "${spec}" is not CATEGORY:AMOUNT[:NOTE], e.g. groceries:80.00.`,
  errPartNoteTooLong: (slug: string, length: number, max: number) =>
    `The note of part "${slug}" is ${length} characters; keep it under ${max}.`,
  errPartAmount: (spec: string, amount: string, currency: string) =>
    `--part "${spec}": "${amount}" is not an amount in ${currency}, e.g. 80.00.`,
  errPartZero: (spec: string) => `--part "${spec}" is zero; leave it out.`,
  errSplitTwoParts: 'A split needs at least two parts; to change the category of the whole booking, categorize it.',
  errPartsSum: (sum: string, booking: string, diff: string, missing: boolean) =>
    `parts add up to ${sum}, the booking is ${booking}: ${diff} ${missing ? 'missing' : 'too much'}. Nothing was changed.`,
  errSplitPending: (id: number) => `Transaction ${id} is still pending and may change; split it once it is booked.`,
  errPartNoCategory: (slug: string) => `There is no category "${slug}"; see \`trax categories list\`. Nothing was changed.`,
  errNotSplit: (id: number) => `Transaction ${id} is not split.`,
  errTagSpace: (v: string) => `The tag "${v}" has a space in it; a tag is one word, e.g. urlaub-sylt-2026.`,
  errNotATag: (v: string) =>
    `"${v}" is not a tag; a tag is one word of up to 64 letters, digits, "-", "_" or ".", e.g. urlaub-sylt-2026.`,
  errNoTransactionTx: (id: number) => `There is no transaction ${id}; \`trax transactions\` shows the ids.`,
  // The longer help under a command's options (its explanation and examples)
  cliHelpAfterReview: `
The inbox holds what came in since your last review, what has no category, categories the
categorizer is not sure of, possible duplicates from imports and syncs, and suggested transfers
between your own accounts. In a terminal \`trax review\` shows one at a time: a accept,
c CATEGORY change, d not a duplicate, t not a transfer, s skip, q quit. Piped, it lists them.

Examples:
${HELP_EXAMPLES.review}`,
  cliHelpAfterRules: `
Rules run after your own choices and before everything else, lowest priority first. Text
conditions ignore case and accents. Examples:
${HELP_EXAMPLES.rules}`,
  cliHelpAfterImport: `
The format is read from the file's content, not its name. Each file is matched to its account by
IBAN (or account number); rows Trax already has from a sync or an earlier import are linked, not
added again, and rows that could be more than one existing booking wait in \`trax import review\`.
A file is imported all or nothing; a malformed one is refused with its line and nothing is written.
Exit code 1 when any file was refused.

Examples:
${HELP_EXAMPLES.import}`,
  cliHelpAfterCategorize: `
Order of precedence: your own choice, your rules, the learned model (when confident), the
bank's category, built-in merchant rules, Uncategorized. Transfers between your own accounts are
paired and kept out of spending and income.

Examples:
${HELP_EXAMPLES.categorize}`,
  cliHelpAfterReviewAccept: `
The category stays as it is and becomes your choice: it survives every sync and teaches the
learned model. On a suggested transfer both halves are confirmed and stay paired.

Examples:
  trax review accept 1234        # the id is the #1234 that \`trax review\` shows`,
  cliHelpAfterReviewCategory: `
Your choice sticks across syncs and teaches the learned model. --similar also writes a rule for
look-alike transactions: it shows the rule and what it would move, and asks first (--yes skips
the question, for scripts; \`trax undo\` takes it back). On a suggested transfer, a category that
is not Transfers also says "not a transfer"; Transfers confirms the pair.

Examples:
${HELP_EXAMPLES.reviewCategory}`,
  cliHelpAfterReviewNotDuplicate: `
A row that fits more than one booking waits as "Duplicate N" in \`trax review\`. This keeps it
as a booking of its own. If it is one of the candidates, link it to that one instead:
\`trax import review link N ID\`.

Examples:
${HELP_EXAMPLES.reviewNotDuplicate}`,
  cliHelpAfterReviewNotTransfer: `
Both halves leave the pairing for good (remembered by the bank's identity of each row, so no
re-sync pairs them again) and are categorized as if never paired; a row the categorizer cannot
place becomes Uncategorized. With a category, that one becomes your choice for this row.

Examples:
${HELP_EXAMPLES.reviewNotTransfer}`,
  cliHelpAfterReviewDone: `
From now on only what arrives later counts as new. Uncategorized rows, doubtful categories,
possible duplicates and suggested transfers stay in the inbox until you answer them.

Examples:
${HELP_EXAMPLES.reviewDone}`,
};

export type Messages = {
  [K in keyof typeof en]: (typeof en)[K] extends (...a: infer A) => string ? (...a: A) => string : string;
};
