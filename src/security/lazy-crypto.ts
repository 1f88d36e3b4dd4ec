import { createRequire } from 'node:module';

/**
 * node:crypto, loaded on first use rather than at import. Every command opens the vault and reads
 * the key file, but read commands (`trax accounts`, `report`, ...) never seal or open a token nor
 * make a key, and loading crypto was ~6 ms of their start-up (issue 9's "answers in a blink").
 */
const requireBuiltin = createRequire(import.meta.url);
export const crypto = (): typeof import('node:crypto') => requireBuiltin('node:crypto') as typeof import('node:crypto');
