import { DEFAULT_TAXONOMY } from '../categorize/taxonomy.js';
import type { Lang } from './lang.js';

/**
 * German names of the built-in categories. A category the user renamed (or made) keeps the
 * user's name in every language: only a name still equal to the built-in English one is
 * translated.
 */
const DE: Record<string, string> = {
  income: 'Einnahmen',
  salary: 'Gehalt',
  interest: 'Zinsen & Dividenden',
  refunds: 'Erstattungen',
  groceries: 'Lebensmittel',
  'eating-out': 'Essen gehen',
  coffee: 'Kaffee & Snacks',
  transport: 'Mobilität',
  'public-transport': 'ÖPNV',
  fuel: 'Tanken',
  taxi: 'Taxi & Fahrdienste',
  parking: 'Parken & Maut',
  housing: 'Wohnen & Miete',
  utilities: 'Nebenkosten',
  energy: 'Strom & Gas',
  water: 'Wasser',
  'phone-internet': 'Telefon & Internet',
  'tv-licence': 'Rundfunkbeitrag',
  insurance: 'Versicherungen',
  health: 'Gesundheit',
  pharmacy: 'Apotheke',
  fitness: 'Fitness',
  shopping: 'Einkäufe',
  'online-shopping': 'Online-Einkäufe',
  clothing: 'Kleidung',
  electronics: 'Elektronik',
  drugstore: 'Drogerie & Körperpflege',
  subscriptions: 'Abos',
  streaming: 'Streaming',
  entertainment: 'Freizeit',
  travel: 'Reisen',
  cash: 'Bargeld',
  fees: 'Gebühren',
  taxes: 'Steuern',
  education: 'Bildung',
  gifts: 'Geschenke & Spenden',
  pets: 'Haustiere',
  transfers: 'Umbuchungen',
  uncategorized: 'Ohne Kategorie',
};

const BUILT_IN = new Map(DEFAULT_TAXONOMY.map((c) => [c.slug, c.name]));

export function categoryName(slug: string, storedName: string, lang: Lang): string {
  if (lang === 'en' || BUILT_IN.get(slug) !== storedName) return storedName;
  return DE[slug] ?? storedName;
}

/** For the catalogue test: every built-in category has a German name. */
export const GERMAN_CATEGORY_SLUGS = Object.keys(DE);

/** Where only a slug is at hand (recurring payments): English shows the slug, German a built-in's German name. */
export function slugLabel(slug: string, lang: Lang): string {
  return lang === 'en' ? slug : (DE[slug] ?? slug);
}
