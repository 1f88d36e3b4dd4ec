import { discLogoPng } from './png.js';

/** The Sandbox institutions the emulator knows, with their real ids and names. */

export type Region = 'GB' | 'US';

export interface InstitutionDef {
  institutionId: string;
  name: string;
  country: Region;
  oauth: boolean;
  primaryColor: string;
  url: string;
  routingNumbers: string[];
  products: string[];
  /** Consent lifetime for OAuth banks that impose one (UK open banking); null = no expiry. */
  consentDays: number | null;
}

const US_PRODUCTS = ['assets', 'auth', 'balance', 'identity', 'investments', 'liabilities', 'transactions'];
const GB_PRODUCTS = ['assets', 'balance', 'identity', 'payment_initiation', 'transactions'];

export const INSTITUTIONS: readonly InstitutionDef[] = [
  {
    institutionId: 'ins_109508',
    name: 'First Platypus Bank',
    country: 'US',
    oauth: false,
    primaryColor: '#1f1f1f',
    url: 'https://www.plaid.com',
    routingNumbers: ['011401533', '021200339', '052001633'],
    products: US_PRODUCTS,
    consentDays: null,
  },
  {
    institutionId: 'ins_127287',
    name: 'Platypus OAuth Bank',
    country: 'US',
    oauth: true,
    primaryColor: '#0a3d62',
    url: 'https://www.plaid.com',
    routingNumbers: ['061000227'],
    products: US_PRODUCTS,
    consentDays: null,
  },
  {
    institutionId: 'ins_116834',
    name: 'Flexible Platypus Open Banking',
    country: 'GB',
    oauth: true,
    primaryColor: '#00a28a',
    url: 'https://www.plaid.com',
    routingNumbers: [],
    products: GB_PRODUCTS,
    consentDays: 90,
  },
  {
    institutionId: 'ins_117650',
    name: 'Royal Bank of Plaid',
    country: 'GB',
    oauth: true,
    primaryColor: '#1a3a6b',
    url: 'https://www.plaid.com',
    routingNumbers: [],
    products: GB_PRODUCTS,
    consentDays: 90,
  },
];

export function institutionById(id: string): InstitutionDef | undefined {
  return INSTITUTIONS.find((i) => i.institutionId === id);
}

const logoCache = new Map<string, string>();

/** Generated once per institution; the PNG is deterministic. */
export function institutionLogo(inst: InstitutionDef): string {
  let logo = logoCache.get(inst.institutionId);
  if (logo === undefined) {
    logo = discLogoPng(inst.primaryColor);
    logoCache.set(inst.institutionId, logo);
  }
  return logo;
}
