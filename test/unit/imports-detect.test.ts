import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DETECT_HEAD_BYTES, detectFormat } from '../../src/imports/registry.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/imports');

/**
 * Every fixture through the one registry: formats are told apart by content alone, so a CSV preset
 * never claims an MT940 file and the catch-all mapped CSV never beats a bank's own layout.
 * (The two MT940 fragments without a :20: header are not statements; their parser test refuses them.)
 */
const EXPECTED: Array<[file: string, format: string]> = [
  ['camt/genkgo_camt052.v2.xml', 'camt052'],
  ['camt/genkgo_camt052.v8.xml', 'camt052'],
  ['camt/genkgo_camt053.v2.five.decimals.xml', 'camt053'],
  ['camt/genkgo_camt053.v2.minimal.xml', 'camt053'],
  ['camt/genkgo_camt053.v2.multi.statement.xml', 'camt053'],
  ['camt/genkgo_camt053.v2.with-party-ids.xml', 'camt053'],
  ['camt/genkgo_camt053.v2.wrong.xml', 'camt053'],
  ['camt/genkgo_camt053.v3.xml', 'camt053'],
  ['camt/genkgo_camt053.v4.xml', 'camt053'],
  ['camt/genkgo_camt053.v8.xml', 'camt053'],
  ['camt/genkgo_camt054.v2.xml', 'camt054'],
  ['camt/genkgo_camt054.v8.xml', 'camt054'],
  ['csv/bank2ynab/20171001-20171106.csv', 'csv:n26'],
  ['csv/bank2ynab/2018-04-14_10-52-13_bunq-transactieoverzicht.csv', 'csv:bunq'],
  ['csv/bank2ynab/20180226-1000594757-umsatz.CSV', 'csv:sparkasse-csv-mt940'],
  ['csv/bank2ynab/MonzoDataExport_February2018_2018-02-26_174335.csv', 'csv:monzo'],
  ['csv/bank2ynab/test_BOI_TransactionExport.csv', 'csv:bank-of-ireland'],
  ['csv/bank2ynab/umsatz-1234________1234-20180227.CSV', 'csv:dkb-credit-card'],
  ['csv/ing_de/ing-umsatzanzeige-old-format.iso8859-1.csv', 'ing-de-csv'],
  ['csv/ing_de/ing-umsatzanzeige-old-format.utf8.csv', 'ing-de-csv'],
  ['csv/ing_de/ing-umsatzanzeige-with-kategorie.iso8859-1.csv', 'ing-de-csv'],
  ['csv/ing_de/ing-umsatzanzeige-with-kategorie.utf8.csv', 'ing-de-csv'],
  ['csv/trax/sparkasse-csv-camt.windows-1252.csv', 'csv:sparkasse-csv-camt'],
  ['mt940/betterplace/amount_formats.sta', 'NONE'],
  ['mt940/betterplace/sepa_mt9401.sta', 'mt940'],
  ['mt940/betterplace/sepa_snippet.sta', 'mt940'],
  ['mt940/cmxl/mt940.sta', 'mt940'],
  ['mt940/jejik/abnamro.sta', 'mt940'],
  ['mt940/jejik/ing.sta', 'mt940'],
  ['mt940/jejik/knab.sta', 'mt940'],
  ['mt940/jejik/postfinance.sta', 'mt940'],
  ['mt940/jejik/rabobank.sta', 'mt940'],
  ['mt940/jejik/triodos.sta', 'mt940'],
  ['mt940/mBank/mt940.sta', 'mt940'],
  ['mt940/mBank/mt942.sta', 'mt942'],
  ['mt940/self-provided/february_30.sta', 'mt940'],
  ['mt940/self-provided/gv_codes.sta', 'mt940'],
  ['mt940/self-provided/malformed_details.sta', 'mt940'],
  ['mt940/self-provided/mt942.sta', 'mt942'],
  ['mt940/self-provided/raiffeisen-cmi.sta', 'mt940'],
  ['mt940/self-provided/sparkassen.sta', 'NONE'],
  ['ofx/anzcc.ofx', 'ofx'],
  ['ofx/bank_medium.ofx', 'ofx'],
  ['ofx/bank_small.ofx', 'ofx'],
  ['ofx/checking.ofx', 'ofx'],
  ['ofx/error_message.ofx', 'ofx'],
  ['ofx/fail_nice/date_missing.ofx', 'ofx'],
  ['ofx/fail_nice/decimal_error.ofx', 'ofx'],
  ['ofx/fail_nice/empty_balance.ofx', 'ofx'],
  ['ofx/fidelity-savings.ofx', 'ofx'],
  ['ofx/investment_401k.ofx', 'ofx'],
  ['ofx/multiple_accounts.ofx', 'ofx'],
  ['ofx/ofx-v102-empty-tags.ofx', 'ofx'],
  ['ofx/suncorp.ofx', 'ofx'],
  ['qif/quiffen_test.qif', 'qif'],
  ['qif/quiffen_test_category_inherit.qif', 'qif'],
  ['qif/quiffen_test_category_override.qif', 'qif'],
  ['qif/quiffen_test_clear_autoswitch.qif', 'qif'],
  ['qif/quiffen_test_nosymbol.qif', 'qif'],
  ['qif/quiffen_test_option_autoswitch.qif', 'qif'],
  ['qif/quiffen_test_oth_a.qif', 'qif'],
  ['qif/quiffen_test_split.qif', 'qif'],
  ['qif/quiffen_test_unknown_account_type.qif', 'qif'],
];

describe('format detection from content', () => {
  it.each(EXPECTED)('%s is read as %s', (file, format) => {
    const head = readFileSync(path.join(FIXTURES, file)).subarray(0, DETECT_HEAD_BYTES);
    expect(detectFormat(head)?.id ?? 'NONE').toBe(format);
  });

  it('does not depend on the file name: the same bytes under another name are read the same', () => {
    const bytes = readFileSync(path.join(FIXTURES, 'camt/genkgo_camt053.v8.xml'));
    expect(detectFormat(bytes)?.id).toBe('camt053');
  });

  it('finds no format in text that is not a statement', () => {
    expect(detectFormat(Buffer.from('Dear customer,\nyour statement is attached.\n'))).toBeNull();
    expect(detectFormat(Buffer.alloc(0))).toBeNull();
  });
});
