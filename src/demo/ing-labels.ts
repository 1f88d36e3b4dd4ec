import type { GenTxn } from '../sandbox/truelayer/personas/types.js';

/**
 * The two labels ING's CSV adds to a booking: Buchungstext (its booking type, which the API
 * hands over transliterated as meta.provider_transaction_category) and Kategorie (ING's own
 * spending category, only in the CSV).
 */

// The API's ASCII spellings back to what the CSV prints.
const BOOKING_TEXT: Record<string, string> = {
  Ueberweisung: 'Überweisung',
  'Dauerauftrag/Terminueberw.': 'Dauerauftrag/Terminüberweisung',
};

export function ingBookingText(t: GenTxn): string {
  const raw = t.meta.provider_transaction_category ?? '';
  return BOOKING_TEXT[raw] ?? raw;
}

// By counterparty first: one merchant is one category at ING.
const BY_COUNTERPARTY: Array<[RegExp, string]> = [
  [/^(REWE|EDEKA|Lidl|BackWerk)/i, 'Lebensmittel'],
  [/^dm-drogerie/i, 'Drogerie'],
  [/Apotheke/i, 'Gesundheit'],
  [/^(Aral|DB Vertrieb)/i, 'Mobilität'],
  [/^(Amazon|IKEA|MediaMarkt|PayPal)/i, 'Shopping'],
  [/^(Lieferando|Coffee Fellows)/i, 'Restaurants und Cafés'],
  [/^Booking\.com/i, 'Reisen'],
  [/^(Netflix|McFit)/i, 'Freizeit'],
  [/^Vodafone/i, 'Telefon und Internet'],
  [/^(Stadtwerke|Hausverwaltung|Immobilienverwaltung)/i, 'Wohnen und Energie'],
  [/^(Rundfunk|HUK-COBURG)/i, 'Versicherungen und Abgaben'],
];

export function ingCategory(t: GenTxn): string {
  switch (t.category) {
    case 'CREDIT':
      return 'Gehalt';
    case 'ATM':
      return 'Bargeld';
    case 'INTEREST':
      return 'Zinsen';
    default:
      break;
  }
  const name = t.meta.counter_party_preferred_name ?? '';
  for (const [re, category] of BY_COUNTERPARTY) if (re.test(name)) return category;
  // The holder's own transfers between Girokonto and Extra-Konto.
  if (t.category === 'TRANSFER' && /Umbuchung|Sparen/.test(t.description)) return 'Umbuchung';
  return 'Sonstiges';
}
