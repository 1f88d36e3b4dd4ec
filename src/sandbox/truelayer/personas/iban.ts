/** ISO 13616 check digits, so generated IBANs pass the mod-97 validation real clients run. */
export function ibanCheckDigits(country: string, bban: string): string {
  const rearranged = `${bban}${country}00`.toUpperCase();
  let numeric = '';
  for (const ch of rearranged) {
    numeric += /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
  }
  let remainder = 0;
  for (const digit of numeric) remainder = (remainder * 10 + Number(digit)) % 97;
  return String(98 - remainder).padStart(2, '0');
}

export function makeIban(country: string, bban: string): string {
  return `${country}${ibanCheckDigits(country, bban)}${bban}`;
}

export function isValidIban(iban: string): boolean {
  const country = iban.slice(0, 2);
  return ibanCheckDigits(country, iban.slice(4)) === iban.slice(2, 4);
}

/** German BBAN = 8-digit Bankleitzahl + 10-digit account number. ING's BLZ is 50010517. */
export function germanIban(accountNumber: string, blz = '50010517'): string {
  return makeIban('DE', `${blz}${accountNumber.padStart(10, '0')}`);
}

/** UK BBAN = 4-letter bank code + 6-digit sort code + 8-digit account number. */
export function ukIban(bankCode: string, sortCode: string, accountNumber: string): string {
  return makeIban('GB', `${bankCode}${sortCode.replace(/-/g, '')}${accountNumber}`);
}
