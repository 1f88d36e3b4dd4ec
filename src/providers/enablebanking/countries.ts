/**
 * Countries Enable Banking serves for account information (EEA and the UK), as its /aspsps
 * `country` filter takes them. Fixed here because /aspsps without a country returns every bank
 * of every country (thousands) just to learn the list.
 */
export const ENABLEBANKING_COUNTRIES = [
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GB',
  'GR',
  'HR',
  'HU',
  'IE',
  'IS',
  'IT',
  'LI',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'NO',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
] as const;

export function isEnableBankingCountry(cc: string): boolean {
  return (ENABLEBANKING_COUNTRIES as readonly string[]).includes(cc.toUpperCase());
}
