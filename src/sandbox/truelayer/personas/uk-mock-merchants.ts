/** UK high-street merchants as the Mock bank reports them: raw description plus TrueLayer enrichment. */
export interface UkMerchant {
  description: string;
  pending: string;
  classification: string[];
  merchantName?: string;
  min: number;
  max: number;
  perDay: number;
  weekdaysOnly?: boolean;
}

export const UK_CURRENT_MERCHANTS: UkMerchant[] = [
  {
    description: 'TESCO STORES 3297',
    pending: 'TESCO STORES',
    classification: ['Shopping', 'Groceries'],
    merchantName: 'Tesco',
    min: 6,
    max: 78,
    perDay: 0.3,
  },
  {
    description: 'SAINSBURYS S/MKTS',
    pending: 'SAINSBURYS',
    classification: ['Shopping', 'Groceries'],
    merchantName: "Sainsbury's",
    min: 4,
    max: 64,
    perDay: 0.14,
  },
  {
    description: 'TFL TRAVEL CHARGE TFL.GOV.UK/CP',
    pending: 'TFL.GOV.UK',
    classification: ['Auto & Transport', 'Public transport'],
    merchantName: 'Transport for London',
    min: 2.8,
    max: 8.1,
    perDay: 0.8,
    weekdaysOnly: true,
  },
  {
    description: 'PRET A MANGER',
    pending: 'PRET A MANGER',
    classification: ['Food & Dining', 'Coffee shops'],
    merchantName: 'Pret A Manger',
    min: 2.95,
    max: 7.95,
    perDay: 0.3,
    weekdaysOnly: true,
  },
  // No enrichment on some rows, as in the 2021 Mock recording.
  { description: 'LAPTOP DIRECT LTD.', pending: 'LAPTOP DIRECT', classification: [], min: 5, max: 45, perDay: 0.01 },
];

export const UK_FALLBACK_MERCHANT: UkMerchant = {
  description: 'GREGGS PLC',
  pending: 'GREGGS',
  classification: ['Food & Dining', 'Fast food'],
  merchantName: 'Greggs',
  min: 1.5,
  max: 6.5,
  perDay: 1,
};

export const UK_CARD_MERCHANTS: UkMerchant[] = [
  {
    description: 'AMAZON.CO.UK*2K4HG7',
    pending: 'AMAZON.CO.UK',
    classification: ['Shopping', 'General'],
    merchantName: 'Amazon',
    min: 6,
    max: 90,
    perDay: 0.12,
  },
  {
    description: 'DELIVEROO',
    pending: 'DELIVEROO',
    classification: ['Food & Dining', 'Restaurants'],
    merchantName: 'Deliveroo',
    min: 14,
    max: 38,
    perDay: 0.07,
  },
  {
    description: 'UBER *TRIP',
    pending: 'UBER',
    classification: ['Auto & Transport', 'Taxi'],
    merchantName: 'Uber',
    min: 7,
    max: 29,
    perDay: 0.05,
  },
  {
    description: 'JOHN LEWIS',
    pending: 'JOHN LEWIS',
    classification: ['Shopping', 'Home'],
    merchantName: 'John Lewis',
    min: 12,
    max: 160,
    perDay: 0.02,
  },
  {
    description: 'TRAINLINE.COM',
    pending: 'TRAINLINE',
    classification: ['Auto & Transport', 'Rail'],
    merchantName: 'Trainline',
    min: 9,
    max: 85,
    perDay: 0.03,
  },
];

export const UK_PEOPLE = ['MR JOHN SMITH', 'MS A PATEL', 'J O CONNOR', 'MRS E WILLIAMS'];
export const UK_EMPLOYERS = ['NORTHWIND TRADING LTD', 'BLUEBELL ANALYTICS LTD', 'HARBOUR DIGITAL LTD'];
