import { z } from 'zod';
import { HINT } from './config.js';

/**
 * The ENABLEBANKING_* rules in zod: the specification config.ts's hand-written check is held to by
 * test/property/enablebanking-config.test.ts. Only that test imports it, so no command pays for zod.
 */
export const enableBankingEnvSchema = z.object({
  ENABLEBANKING_APP_ID: z.string().trim().min(1, 'is empty'),
  ENABLEBANKING_KEY_FILE: z.string().trim().min(1, 'is empty'),
  ENABLEBANKING_REDIRECT_URI: z.url({ protocol: /^https?$/, error: 'is not an http(s) URL' }),
  ENABLEBANKING_BASE_URL: z.url({ protocol: /^https?$/, error: 'is not an http(s) URL' }).optional(),
});

/** What the zod schema says, in the shape checkEnableBankingVariables answers. */
export function specVerdict(env: Record<string, string | undefined>): { ok: true; v: unknown } | { ok: false; message: string } {
  const parsed = enableBankingEnvSchema.safeParse(env);
  if (parsed.success) return { ok: true, v: parsed.data };
  const issue = parsed.error.issues[0]!;
  const name = String(issue.path[0]);
  const problem = issue.code === 'invalid_type' ? 'is not set' : issue.message;
  return { ok: false, message: `${name} ${problem}; ${HINT[name] ?? 'set it in .env'}.` };
}
