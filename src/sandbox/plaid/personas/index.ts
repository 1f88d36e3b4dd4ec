import { institutionById } from '../institutions.js';
import { buildUkPersona } from './uk.js';
import { buildUsPersona } from './us.js';
import type { Persona, PersonaParams } from './types.js';

export type { AccountSpec, Persona, PersonaParams, TxnSpec } from './types.js';
export { HISTORY_DAYS, MARKUP_PROBE_NAME } from './types.js';

/** UK institutions get the GBP current account + card persona, US ones checking + savings. */
export function buildPersona(p: PersonaParams): Persona {
  const inst = institutionById(p.institutionId);
  if (!inst) throw new Error(`no persona for institution ${p.institutionId}`);
  return inst.country === 'GB' ? buildUkPersona(p) : buildUsPersona(p);
}
