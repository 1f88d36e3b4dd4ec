import type { Channel, Confidence, CounterpartyType } from './types.js';

/** Everyday spending: how often a merchant shows up, for how much, and how Plaid enriches it. */
export interface SpendMerchant {
  account: string;
  /** Statement text; `#` is replaced by a digit so store numbers vary. */
  name: string;
  pending?: string;
  merchant: string | null;
  website: string | null;
  detailed: string;
  confidence?: Confidence;
  channel: Channel;
  code?: string;
  counterpartyType?: CounterpartyType;
  min: number;
  max: number;
  perDay: number;
  weekdaysOnly?: boolean;
  /** Card purchases are pending for 1–3 days before they post. */
  card: boolean;
}

export const UK_SPEND: SpendMerchant[] = [
  { account: 'current', name: 'TESCO STORES 3012', pending: 'TESCO STORES', merchant: 'Tesco', website: 'tesco.com', detailed: 'FOOD_AND_DRINK_GROCERIES', channel: 'in store', code: 'purchase', min: 6, max: 78, perDay: 0.3, card: true },
  { account: 'current', name: 'SAINSBURYS S/MKTS', pending: 'SAINSBURYS', merchant: "Sainsbury's", website: 'sainsburys.co.uk', detailed: 'FOOD_AND_DRINK_GROCERIES', channel: 'in store', code: 'purchase', min: 4, max: 64, perDay: 0.14, card: true },
  { account: 'current', name: 'TFL TRAVEL CH', pending: 'TFL.GOV.UK/CP', merchant: 'Transport for London', website: 'tfl.gov.uk', detailed: 'TRANSPORTATION_PUBLIC_TRANSIT', channel: 'in store', code: 'purchase', min: 2.8, max: 8.1, perDay: 0.8, weekdaysOnly: true, card: true },
  { account: 'current', name: 'PRET A MANGER', merchant: 'Pret A Manger', website: 'pret.co.uk', detailed: 'FOOD_AND_DRINK_FAST_FOOD', channel: 'in store', code: 'purchase', min: 2.95, max: 7.95, perDay: 0.35, weekdaysOnly: true, card: true },
  { account: 'current', name: 'GREGGS PLC', pending: 'GREGGS', merchant: 'Greggs', website: 'greggs.co.uk', detailed: 'FOOD_AND_DRINK_FAST_FOOD', channel: 'in store', code: 'purchase', min: 1.5, max: 6.5, perDay: 0.1, card: true },
  { account: 'current', name: 'BOOTS 1146', pending: 'BOOTS', merchant: 'Boots', website: 'boots.com', detailed: 'MEDICAL_PHARMACIES_AND_SUPPLEMENTS', confidence: 'HIGH', channel: 'in store', code: 'purchase', min: 3, max: 28, perDay: 0.05, card: true },
  { account: 'current', name: 'CASH NOTEMACHINE HIGH ST', merchant: null, website: null, detailed: 'TRANSFER_OUT_WITHDRAWAL', channel: 'in store', code: 'atm', min: 2, max: 6, perDay: 0.04, card: false },
  { account: 'card', name: 'AMAZON.CO.UK*2K4HG7', pending: 'AMAZON.CO.UK', merchant: 'Amazon', website: 'amazon.co.uk', detailed: 'GENERAL_MERCHANDISE_ONLINE_MARKETPLACES', channel: 'online', code: 'purchase', counterpartyType: 'marketplace', min: 6, max: 90, perDay: 0.12, card: true },
  { account: 'card', name: 'DELIVEROO', merchant: 'Deliveroo', website: 'deliveroo.co.uk', detailed: 'FOOD_AND_DRINK_RESTAURANT', confidence: 'HIGH', channel: 'online', code: 'purchase', min: 14, max: 38, perDay: 0.07, card: true },
  { account: 'card', name: 'UBER *TRIP', pending: 'UBER', merchant: 'Uber', website: 'uber.com', detailed: 'TRANSPORTATION_TAXIS_AND_RIDE_SHARES', channel: 'online', code: 'purchase', min: 7, max: 29, perDay: 0.05, card: true },
  { account: 'card', name: 'JOHN LEWIS', merchant: 'John Lewis', website: 'johnlewis.com', detailed: 'GENERAL_MERCHANDISE_DEPARTMENT_STORES', channel: 'in store', code: 'purchase', min: 12, max: 160, perDay: 0.02, card: true },
  { account: 'card', name: 'TRAINLINE.COM', pending: 'TRAINLINE', merchant: 'Trainline', website: 'thetrainline.com', detailed: 'TRANSPORTATION_PUBLIC_TRANSIT', confidence: 'HIGH', channel: 'online', code: 'purchase', min: 9, max: 85, perDay: 0.03, card: true },
];

export const US_SPEND: SpendMerchant[] = [
  { account: 'checking', name: 'STARBUCKS STORE 08817', pending: 'STARBUCKS', merchant: 'Starbucks', website: 'starbucks.com', detailed: 'FOOD_AND_DRINK_COFFEE', channel: 'in store', min: 3.5, max: 8.5, perDay: 0.5, weekdaysOnly: true, card: true },
  { account: 'checking', name: 'UBER *TRIP HELP.UBER.COM', pending: 'UBER *TRIP', merchant: 'Uber', website: 'uber.com', detailed: 'TRANSPORTATION_TAXIS_AND_RIDE_SHARES', channel: 'online', min: 9, max: 34, perDay: 0.1, card: true },
  { account: 'checking', name: 'WHOLEFDS MKT 10234', pending: 'WHOLEFDS MKT', merchant: 'Whole Foods Market', website: 'wholefoodsmarket.com', detailed: 'FOOD_AND_DRINK_GROCERIES', channel: 'in store', min: 18, max: 140, perDay: 0.25, card: true },
  { account: 'checking', name: 'SHELL OIL 57444213', pending: 'SHELL OIL', merchant: 'Shell', website: 'shell.us', detailed: 'TRANSPORTATION_GAS', channel: 'in store', min: 30, max: 65, perDay: 0.1, card: true },
  { account: 'checking', name: 'AMAZON MKTPL*2K4HG7', pending: 'AMAZON MKTPL', merchant: 'Amazon', website: 'amazon.com', detailed: 'GENERAL_MERCHANDISE_ONLINE_MARKETPLACES', channel: 'online', counterpartyType: 'marketplace', min: 8, max: 95, perDay: 0.12, card: true },
  { account: 'checking', name: 'CHIPOTLE 2231', pending: 'CHIPOTLE', merchant: 'Chipotle Mexican Grill', website: 'chipotle.com', detailed: 'FOOD_AND_DRINK_FAST_FOOD', channel: 'in store', min: 9, max: 18, perDay: 0.08, card: true },
  { account: 'checking', name: 'CVS/PHARMACY #02148', pending: 'CVS/PHARMACY', merchant: 'CVS Pharmacy', website: 'cvs.com', detailed: 'MEDICAL_PHARMACIES_AND_SUPPLEMENTS', confidence: 'HIGH', channel: 'in store', min: 4, max: 42, perDay: 0.05, card: true },
  { account: 'checking', name: 'TARGET T-1234', pending: 'TARGET', merchant: 'Target', website: 'target.com', detailed: 'GENERAL_MERCHANDISE_SUPERSTORES', channel: 'in store', min: 12, max: 110, perDay: 0.06, card: true },
];

export const UK_EMPLOYERS = ['NORTHWIND TRADING LTD', 'BLUEBELL ANALYTICS LTD', 'HARBOUR DIGITAL LTD'];
export const UK_LANDLORDS = ['HOLLOWAY LETTINGS', 'CAMDEN ESTATES LTD', 'FOXTONS RENT'];
export const UK_FRIENDS = ['J SMITH', 'A PATEL', 'E WILLIAMS', 'O CONNOR'];
export const US_EMPLOYERS = ['ACME ROBOTICS INC', 'BLUE HARBOR ANALYTICS', 'NORTHWIND TRADERS LLC'];
export const US_LANDLORDS = ['JORDAN LEE', 'MARIA GONZALEZ', 'PARKSIDE PROPERTY MGMT'];
