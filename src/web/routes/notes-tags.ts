import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { TraxError } from '../../domain/errors.js';
import { NotesTagsStore } from '../../store/notes-tags.js';
import type { Context } from 'hono';
import { factory } from '../env.js';
import { errorText } from '../i18n.js';

/**
 * Inline note and tag editing from the transaction list. The same store calls as `trax tx note`
 * and `trax tx tag`, so a bad tag or an oversized note is refused with the CLI's sentence and
 * nothing is written. JSON only (the page's script sends it with the CSRF header).
 */
export const notesTags = factory.createApp();

/** Notes are posted to one fixed path so it can have a body limit above a 10 KB note's (see create-app). */
export const NOTE_PATH = '/transactions/note';
/** Room for a 100 KB note to reach the store and be refused there with the CLI's sentence. */
export const NOTE_BODY_LIMIT = 512 * 1024;

const noteBody = z.object({ id: z.number().int().positive(), text: z.string() });
const tagBody = z.object({ id: z.number().int().positive(), tag: z.string() });

function refused(c: Context, e: unknown) {
  if (e instanceof TraxError) return { error: errorText(c, e), status: e.code === 'not_found' ? (404 as const) : (400 as const) };
  throw e;
}

notesTags.post(NOTE_PATH, async (c) => {
  const body = noteBody.safeParse(await c.req.json().catch(() => null));
  if (!body.success) throw new HTTPException(400, { message: 'Send {"id": number, "text": string}.' });
  const { app } = c.get('deps');
  try {
    const note = new NotesTagsStore(app.db).setNote(body.data.id, body.data.text, app.now());
    return c.json({ note });
  } catch (e) {
    const r = refused(c, e);
    return c.json({ error: r.error }, r.status);
  }
});

/** One tag per request, as one word of `trax tx tag`: "urlaub" or "+urlaub" adds, "-work" removes. */
notesTags.post('/transactions/tag', async (c) => {
  const body = tagBody.safeParse(await c.req.json().catch(() => null));
  if (!body.success) throw new HTTPException(400, { message: 'Send {"id": number, "tag": string}.' });
  const { app } = c.get('deps');
  const word = body.data.tag.trim();
  const remove = word.startsWith('-');
  const tag = remove || word.startsWith('+') ? word.slice(1) : word;
  try {
    const tags = new NotesTagsStore(app.db).changeTags(body.data.id, remove ? [] : [tag], remove ? [tag] : [], app.now());
    return c.json({ tags });
  } catch (e) {
    const r = refused(c, e);
    return c.json({ error: r.error }, r.status);
  }
});
