import { z } from 'zod';
import { TraxError } from '../domain/errors.js';

const notifyEnv = z.object({
  TRAX_NOTIFY_WEBHOOK: z
    .url({ protocol: /^https?$/, message: 'must be a full http(s) URL such as https://ntfy.sh/my-trax-topic' })
    .optional(),
});

/** TRAX_NOTIFY_WEBHOOK, validated; null when notifications are off. */
export function notifyWebhookUrl(env: NodeJS.ProcessEnv = process.env): string | null {
  const raw = env.TRAX_NOTIFY_WEBHOOK?.trim();
  const parsed = notifyEnv.safeParse({ TRAX_NOTIFY_WEBHOOK: raw || undefined });
  if (!parsed.success) {
    throw new TraxError(
      'config_invalid',
      `TRAX_NOTIFY_WEBHOOK ${parsed.error.issues[0]!.message}. Fix it in .env or your environment, or remove it to turn notifications off.`,
    );
  }
  return parsed.data.TRAX_NOTIFY_WEBHOOK ?? null;
}

/** What may appear in logs: the URL may carry a secret token in its path or query. */
export function redactUrl(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'the notify webhook';
  }
}
