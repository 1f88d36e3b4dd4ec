/** The two banks the emulator offers, and how `providers=` groups map onto them. */

export interface ProviderDef {
  providerId: string;
  displayName: string;
  /** Name the data API puts in `provider` objects; the 2021 Mock recording spells it "MOCK". */
  dataDisplayName: string;
  logoUri: string;
  /** Value for /api/providers (that endpoint calls it logo_url). */
  listLogoUrl: string;
  groups: string[];
  country: string;
  scopes: string[];
  hasCards: boolean;
}

const ALL_SCOPES = ['info', 'accounts', 'balance', 'cards', 'transactions', 'direct_debits', 'standing_orders', 'offline_access'];

export const PROVIDERS: ProviderDef[] = [
  {
    providerId: 'mock',
    displayName: 'Mock',
    dataDisplayName: 'MOCK',
    logoUri: 'https://truelayer-client-logos.s3-eu-west-1.amazonaws.com/banks/banks-icons/mock-icon.svg',
    listLogoUrl: 'https://auth.truelayer.com/img/banks/banks-icons/mock-icon.svg',
    groups: ['uk-cs-mock', 'mock'],
    country: 'uk',
    scopes: ALL_SCOPES,
    hasCards: true,
  },
  {
    providerId: 'xs2a-ing-germany',
    displayName: 'ING',
    dataDisplayName: 'ING',
    logoUri: 'https://truelayer-provider-assets.s3.amazonaws.com/global/logos/ing.svg',
    listLogoUrl: 'https://truelayer-provider-assets.s3.amazonaws.com/global/logos/ing.svg',
    groups: ['de-xs2a-all', 'xs2a-ing-germany'],
    country: 'de',
    scopes: ALL_SCOPES.filter((s) => s !== 'cards'),
    hasCards: false,
  },
];

export const KNOWN_SCOPES = new Set(ALL_SCOPES);

export function providerById(id: string): ProviderDef | undefined {
  return PROVIDERS.find((p) => p.providerId === id);
}

/** Providers covered by a space-separated `providers` value (unknown groups are ignored, as TrueLayer does). */
export function resolveProviders(providersParam: string, enableMock = false): ProviderDef[] {
  const tokens = providersParam.split(/[\s+]+/).filter(Boolean);
  return PROVIDERS.filter((p) => p.groups.some((g) => tokens.includes(g)) || (enableMock && p.providerId === 'mock'));
}
