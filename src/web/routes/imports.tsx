import { HTTPException } from 'hono/http-exception';
import { TraxError } from '../../domain/errors.js';
import { listCsvColumns } from '../../imports/csv/mapping.js';
import { readHead } from '../../imports/csv/text.js';
import { importFile } from '../../imports/pipeline/index.js';
import { resolveReview } from '../../imports/pipeline/review.js';
import { countsSentence } from '../../imports/pipeline/summary.js';
import { detectFormat } from '../../imports/registry.js';
import type { App } from '../../app.js';
import type { Context } from 'hono';
import { factory, type WebEnv } from '../env.js';
import { routeI18n, errorText } from '../i18n.js';
import { Uploads, type PendingUpload } from '../imports/uploads.js';
import { ColumnPickerPage, ImportPage, ImportPreviewPage } from '../views/imports.js';
import type { Session } from '../session.js';

/** The upload route takes statement files; every other form stays under the 64 KB limit. */
export const IMPORT_UPLOAD_PATH = '/import/preview';

const accountParam = (v: unknown): number | undefined => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined);

function importPage(app: App, session: Session, accountId?: number, error?: string) {
  const reviews = app.imports.openReviews().map((r) => ({ ...r, rows: app.transactions.list({ ids: r.candidates }) }));
  return (
    <ImportPage
      session={session}
      accounts={app.accounts.list()}
      accountId={accountId}
      history={app.imports.list()}
      reviews={reviews}
      error={error}
    />
  );
}

/** "Import a file": upload → the same preview `trax import --dry-run` shows → Import → the result; history with Undo. */
export function importRoutes() {
  const routes = factory.createApp();
  let uploads: Uploads | undefined;
  const pending = (app: App) => (uploads ??= new Uploads(() => app.now().getTime()));

  routes.get('/import', (c) => {
    const { app } = c.get('deps');
    return c.html(importPage(app, c.get('session'), accountParam(c.req.query('account'))));
  });

  /** A dry run of the upload; an unknown CSV gets the column picker, a refused file its sentence (nothing kept). */
  async function preview(c: Context<WebEnv>, u: PendingUpload) {
    const { app } = c.get('deps');
    const session = c.get('session');
    try {
      const results = await importFile(app, u.file, { dryRun: true, accountId: u.accountId, map: u.map, previewLimit: 15 });
      return c.html(<ImportPreviewPage session={session} token={u.token} name={u.name} results={results} done={false} />);
    } catch (e) {
      if (!(e instanceof TraxError)) throw e;
      const head = await readHead(u.file);
      if (!u.map && detectFormat(head)?.id === 'csv:mapped') {
        const columns = listCsvColumns(head)?.columns ?? [];
        return c.html(
          <ColumnPickerPage session={session} token={u.token} name={u.name} columns={columns} message={errorText(c, e)} />,
        );
      }
      pending(app).done(u.token);
      return c.html(importPage(app, session, u.accountId, errorText(c, e)), 422);
    }
  }

  routes.post(IMPORT_UPLOAD_PATH, async (c) => {
    const { app } = c.get('deps');
    const session = c.get('session');
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File) || file.size === 0) {
      return c.html(importPage(app, session, accountParam(form.account), routeI18n(c).m.chooseFileFirst), 422);
    }
    const u = pending(app).add(session.csrf, file.name, new Uint8Array(await file.arrayBuffer()), accountParam(form.account));
    return preview(c, u);
  });

  const upload = (c: Context<WebEnv>, token: unknown) => {
    const app = c.get('deps').app;
    const u = typeof token === 'string' ? pending(app).get(c.get('session').csrf, token) : undefined;
    if (!u) throw new HTTPException(410, { message: routeI18n(c).m.previewExpired });
    return u;
  };

  routes.post('/import/map', async (c) => {
    const form = await c.req.parseBody();
    const u = upload(c, form.token);
    const map: Record<string, string> = {};
    for (const [k, v] of Object.entries(form))
      if (k.startsWith('map_') && typeof v === 'string' && v.trim()) map[k.slice(4)] = v.trim();
    u.map = map;
    return preview(c, u);
  });

  routes.post('/import/commit', async (c) => {
    const { app } = c.get('deps');
    const session = c.get('session');
    const form = await c.req.parseBody();
    const u = upload(c, form.token);
    try {
      const results = await importFile(app, u.file, { accountId: u.accountId, map: u.map, previewLimit: 0 });
      const { m } = routeI18n(c);
      session.flash = { kind: 'ok', text: m.importedFlash(u.name, results.map((r) => countsSentence(r, m)).join('; ')) };
      return c.html(<ImportPreviewPage session={session} token="" name={u.name} results={results} done={true} />);
    } catch (e) {
      if (!(e instanceof TraxError)) throw e;
      return c.html(importPage(app, session, u.accountId, errorText(c, e)), 422);
    } finally {
      pending(app).done(u.token);
    }
  });

  routes.post('/import/cancel', async (c) => {
    const { app } = c.get('deps');
    const form = await c.req.parseBody();
    if (typeof form.token === 'string') pending(app).done(form.token);
    return c.redirect('/import', 303);
  });

  routes.post('/import/:id{[0-9]+}/undo', (c) => {
    const { app } = c.get('deps');
    const rec = app.imports.get(Number(c.req.param('id')));
    const { m } = routeI18n(c);
    if (!rec) throw new HTTPException(404, { message: m.noSuchImport });
    if (!rec.undoneAt) {
      const r = app.imports.undo(rec.id, app.now().toISOString());
      c.get('session').flash = { kind: 'ok', text: m.undidImport(rec.fileName, r.removed, r.kept) };
    }
    return c.redirect('/import', 303);
  });

  routes.post('/import/review/:id{[0-9]+}', async (c) => {
    const { app } = c.get('deps');
    const form = await c.req.parseBody();
    const answer = form.answer;
    const id = Number(c.req.param('id'));
    if (answer === 'link') resolveReview(app, id, { kind: 'link', transactionId: Number(form.transaction) });
    else if (answer === 'add' || answer === 'skip') resolveReview(app, id, { kind: answer });
    else throw new HTTPException(400, { message: 'Answer with link, add or skip.' });
    c.get('session').flash = { kind: 'ok', text: routeI18n(c).m.noted };
    return c.redirect('/import', 303);
  });

  return routes;
}
