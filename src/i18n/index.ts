import { de } from './messages/de.js';
import { en, type Messages } from './messages/en.js';
import type { Lang } from './lang.js';

export type { Lang } from './lang.js';
export type { Messages } from './messages/en.js';

const CATALOGUES: Record<Lang, Messages> = { en, de };

export function messages(lang: Lang): Messages {
  return CATALOGUES[lang];
}
