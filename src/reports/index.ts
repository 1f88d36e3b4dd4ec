/**
 * Reports: the API the CLI (`trax report`, `budget`, `recurring`, `export`) and the web
 * dashboard build on. How every number is computed: docs/reports.md.
 */
export { buildReport, budgetLimit, project, type BudgetLine, type CategoryLine, type CurrencyReport, type Report, type ReportQuery } from './report.js';
export { monthlySeries, type CurrencySeries, type SeriesMonth, type SeriesQuery } from './series.js';
export { resolvePeriod, isDate, type Range, type ResolvedPeriod } from './period.js';
export { userTimezone, localDate } from './tz.js';
export { detectRecurring, type Cadence, type RecurringSeries } from './recurring.js';
export { EXPORT_FORMATS, exportTransactions, type ExportFormat, type ExportOptions } from './export/index.js';
export { reportCsv, reportJson, withDecimals } from './serialize.js';
