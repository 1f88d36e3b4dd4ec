import type { Prng } from '../../../util/prng.js';
import { germanIban } from './iban.js';

/** Card-style (girocard/VISA debit) merchants: booked 1–2 days after the purchase, pending before. */
export interface CardMerchant {
  description: (rng: Prng) => string;
  /** Shorter, raw text the bank shows while the payment is only reserved. */
  pending: string;
  counterParty: string;
  min: number;
  max: number;
  /** Probability per day; keeps monthly volume roughly realistic. */
  perDay: number;
  weekdaysOnly?: boolean;
  sunday?: boolean;
}

const REWE_STORES = ['44261234', '44261877', '44060512'];

export const ING_CARD_MERCHANTS: CardMerchant[] = [
  {
    description: (r) => `REWE SAGT DANKE ${r.pick(REWE_STORES)}`,
    pending: 'REWE SAGT DANKE',
    counterParty: 'REWE Markt GmbH',
    min: 9,
    max: 95,
    perDay: 0.22,
  },
  { description: () => 'EDEKA Hieber 20481', pending: 'EDEKA', counterParty: 'EDEKA', min: 4, max: 60, perDay: 0.07 },
  {
    description: (r) => `LIDL SAGT DANKE ${r.pick(['1432', '1517'])}`,
    pending: 'LIDL',
    counterParty: 'Lidl',
    min: 6,
    max: 48,
    perDay: 0.06,
  },
  {
    description: (r) => `dm-drogerie markt ${r.pick(['1822', '2240'])}`,
    pending: 'DM FIL.',
    counterParty: 'dm-drogerie markt',
    min: 3,
    max: 38,
    perDay: 0.08,
  },
  {
    description: () => 'Rhein-Apotheke Koeln',
    pending: 'RHEIN-APOTHEKE',
    counterParty: 'Rhein-Apotheke',
    min: 4.5,
    max: 32,
    perDay: 0.03,
  },
  {
    description: (r) => `ARAL Station ${r.pick(['28004011', '28004107'])}`,
    pending: 'ARAL',
    counterParty: 'Aral AG',
    min: 45,
    max: 82,
    perDay: 0.065,
    sunday: true,
  },
  {
    description: (r) => `AMZN Mktp DE ${r.pick(['302', '303', '304', '305'])}-${r.digits(7)}-${r.digits(7)}`,
    pending: 'AMZN MKTP DE',
    counterParty: 'Amazon',
    min: 8,
    max: 120,
    perDay: 0.09,
    sunday: true,
  },
  {
    description: (r) => `Lieferando.de ${r.digits(10)}`,
    pending: 'LIEFERANDO',
    counterParty: 'Lieferando',
    min: 17,
    max: 46,
    perDay: 0.06,
    sunday: true,
  },
  {
    description: () => 'IKEA Deutschland GmbH Koeln-Godorf',
    pending: 'IKEA',
    counterParty: 'IKEA',
    min: 35,
    max: 420,
    perDay: 0.01,
  },
  {
    description: () => 'MEDIAMARKT KOELN-MARSDORF',
    pending: 'MEDIA MARKT',
    counterParty: 'MediaMarkt',
    min: 25,
    max: 520,
    perDay: 0.008,
  },
  {
    description: (r) => `Booking.com ${r.digits(10)}`,
    pending: 'BOOKING.COM',
    counterParty: 'Booking.com',
    min: 180,
    max: 900,
    perDay: 0.006,
    sunday: true,
  },
  {
    description: () => 'Coffee Fellows Koeln Hbf',
    pending: 'COFFEE FELLOWS',
    counterParty: 'Coffee Fellows',
    min: 3.4,
    max: 3.4,
    perDay: 0.08,
    weekdaysOnly: true,
  },
];

/** Used when a day would otherwise have no card payment, so some reservation is always pending. */
export const ING_FALLBACK_MERCHANT: CardMerchant = {
  description: () => 'BACKWERK SAGT DANKE 0815',
  pending: 'BACKWERK',
  counterParty: 'BackWerk',
  min: 2.2,
  max: 9.8,
  perDay: 1,
};

export interface Person {
  name: string;
  iban: string;
  reasons: string[];
}

export const ING_PEOPLE: Person[] = [
  {
    name: 'Anna Schmidt',
    iban: germanIban('0087654321', '37040044'),
    reasons: ['Danke fürs Abendessen', 'Konzertkarten', 'Geschenk für Lisa'],
  },
  { name: 'Tobias Weber', iban: germanIban('1234509876', '10010010'), reasons: ['Tankrechnung Urlaub', 'Pizza', 'Kino'] },
  { name: 'Marie Koch', iban: germanIban('0655443322', '50010517'), reasons: ['WG Nebenkosten', 'Einkauf', 'Flohmarkt'] },
];
