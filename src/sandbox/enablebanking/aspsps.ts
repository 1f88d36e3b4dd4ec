/** The emulated bank catalogue, shaped like GET /aspsps entries. `persona` picks the ledger behind it. */
export interface AspspDef {
  name: string;
  country: string;
  bic: string;
  maximumConsentValidity: number;
  requiredPsuHeaders: string[];
  beta: boolean;
  /** Which generated household stands behind the bank. */
  persona: 'ing-de';
}

const DAYS = 86_400;

export const ASPSPS: AspspDef[] = [
  {
    name: 'ING',
    country: 'DE',
    bic: 'INGDDEFFXXX',
    maximumConsentValidity: 180 * DAYS,
    requiredPsuHeaders: ['Psu-Ip-Address', 'Psu-User-Agent'],
    beta: false,
    persona: 'ing-de',
  },
  {
    name: 'Mock ASPSP',
    country: 'DE',
    bic: 'MOCKDEXXXXX',
    maximumConsentValidity: 180 * DAYS,
    requiredPsuHeaders: [],
    beta: false,
    persona: 'ing-de',
  },
  {
    name: 'DKB',
    country: 'DE',
    bic: 'BYLADEM1001',
    maximumConsentValidity: 180 * DAYS,
    requiredPsuHeaders: [],
    beta: false,
    persona: 'ing-de',
  },
  {
    name: 'Trade Republic',
    country: 'DE',
    bic: 'TRBKDEBBXXX',
    maximumConsentValidity: 90 * DAYS,
    requiredPsuHeaders: [],
    beta: true,
    persona: 'ing-de',
  },
];

export function aspspJson(a: AspspDef, baseUrl: string): Record<string, unknown> {
  return {
    name: a.name,
    country: a.country,
    logo: `${baseUrl}/brands/${a.country}/${encodeURIComponent(a.name)}/`,
    psu_types: ['personal', 'business'],
    auth_methods: [
      {
        name: 'redirect',
        title: 'Online banking',
        psu_type: 'personal',
        approach: 'REDIRECT',
        hidden_method: false,
        credentials: [],
      },
    ],
    maximum_consent_validity: a.maximumConsentValidity,
    beta: a.beta,
    bic: a.bic,
    required_psu_headers: a.requiredPsuHeaders,
    sandbox: { users: [{ username: 'erika', password: 'sandbox', otp: null }] },
  };
}

export function findAspsp(catalogue: readonly AspspDef[], name: string, country: string): AspspDef | undefined {
  return catalogue.find((a) => a.name === name && a.country === country);
}
