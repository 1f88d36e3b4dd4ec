/**
 * Web forms for splits, hiding and bookings kept by hand: a transaction's own page and the Cash
 * page. Every form posts with the session's CSRF token (middleware/csrf.ts) and goes through the
 * same services as `trax tx …`, so a refusal is the CLI's sentence and nothing is written.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { TraxError } from '../../domain/errors.js';
import {
  addManualAccount,
  addManualTransaction,
  deleteManualTransaction,
  editManualTransaction,
  isManualRow,
  type ManualInput,
} from '../../manual/entries.js';
import { splitTransaction, unsplitTransaction } from '../../splits/split-transaction.js';
import { ManualStore } from '../../store/manual.js';
import { SplitStore } from '../../store/splits.js';
import { factory, type WebEnv } from '../env.js';
import { formFields } from '../form-fields.js';
import { routeI18n, errorText } from '../i18n.js';
import { NotesTagsStore } from '../../store/notes-tags.js';
import { CashPage, PART_ROWS, TransactionDetailPage } from '../views/manual.js';

export const manual = factory.createApp();

type Problem = { text: string; form: Record<string, string> } | null;

function idOf(c: Context<WebEnv>): number {
  const id = c.req.param('id') ?? '';
  if (!/^\d+$/.test(id)) throw new HTTPException(404, { message: 'There is no such transaction.' });
  return Number(id);
}

function detail(c: Context<WebEnv>, id: number, problem: Problem = null) {
  const { app } = c.get('deps');
  const row = app.transactions.list({ ids: [id] })[0];
  if (!row) throw new HTTPException(404, { message: `There is no transaction ${id}.` });
  const splits = new SplitStore(app.db);
  const notesTags = new NotesTagsStore(app.db);
  return c.html(
    <TransactionDetailPage
      session={c.get('session')}
      row={row}
      accountName={app.accounts.get(row.account_id)?.name ?? ''}
      categories={app.categories.list()}
      parts={splits.get(id)}
      hidden={splits.isHidden(id)}
      manual={isManualRow(app, id)}
      note={notesTags.notesOf([id]).get(id) ?? ''}
      tags={notesTags.tagsOf([id]).get(id) ?? []}
      problem={problem}
    />,
    problem ? 422 : 200,
  );
}

function cash(c: Context<WebEnv>, problem: Problem = null) {
  const { app } = c.get('deps');
  return c.html(
    <CashPage
      session={c.get('session')}
      accounts={new ManualStore(app.db).accounts()}
      categories={app.categories.list()}
      problem={problem}
    />,
    problem ? 422 : 200,
  );
}

/**
 * Runs a change; a refusal re-renders the form with its sentence and what was typed (422),
 * success goes where `done` says with a flash.
 */
async function attempt(
  c: Context<WebEnv>,
  run: (form: Record<string, string>) => { to: string; text: string },
  again: (problem: Problem) => Response | Promise<Response>,
): Promise<Response> {
  const form = await formFields(c);
  try {
    const { to, text } = run(form);
    c.get('session').flash = { kind: 'ok', text };
    return c.redirect(to, 303);
  } catch (e) {
    if (!(e instanceof TraxError)) throw e;
    return again({ text: errorText(c, e), form });
  }
}

const manualInput = (form: Record<string, string>): ManualInput => ({
  date: form.date,
  amount: form.amount,
  description: form.description,
  // The select's empty choice leaves the category as it is (or to the categorizer).
  ...(form.category ? { category: form.category } : {}),
});

manual.get('/transactions/:id', (c) => detail(c, idOf(c)));

manual.post('/transactions/:id/split', async (c) => {
  const id = idOf(c);
  const { app } = c.get('deps');
  return attempt(
    c,
    (form) => {
      const specs: string[] = [];
      for (let n = 1; n <= PART_ROWS; n++) {
        const slug = (form[`category${n}`] ?? '').trim();
        const amount = (form[`amount${n}`] ?? '').trim();
        const note = (form[`note${n}`] ?? '').trim();
        if (!slug && !amount && !note) continue;
        if (!slug) throw new TraxError('usage', routeI18n(c).m.partNeedsCategory(n));
        if (!amount) throw new TraxError('usage', routeI18n(c).m.partNeedsAmount(n));
        specs.push(note ? `${slug}:${amount}:${note}` : `${slug}:${amount}`);
      }
      const parts = splitTransaction(app, id, specs);
      return { to: `/transactions/${id}`, text: routeI18n(c).m.splitDone(parts.length) };
    },
    (problem) => detail(c, id, problem),
  );
});

manual.post('/transactions/:id/unsplit', async (c) => {
  const id = idOf(c);
  const { app } = c.get('deps');
  return attempt(
    c,
    () => {
      unsplitTransaction(app, id);
      return { to: `/transactions/${id}`, text: routeI18n(c).m.unsplitDone };
    },
    (problem) => detail(c, id, problem),
  );
});

for (const hide of [true, false]) {
  manual.post(`/transactions/:id/${hide ? 'hide' : 'unhide'}`, async (c) => {
    const id = idOf(c);
    const { app } = c.get('deps');
    return attempt(
      c,
      () => {
        const splits = new SplitStore(app.db);
        splits.origin(id);
        splits.setHidden(id, hide, app.now().toISOString());
        return { to: `/transactions/${id}`, text: hide ? routeI18n(c).m.hiddenDone : routeI18n(c).m.countedDone };
      },
      (problem) => detail(c, id, problem),
    );
  });
}

/**
 * The note and tags without JavaScript (the list edits them inline with a script): the tags field
 * is the whole set, so the difference to the stored tags is applied. Note and tags are one write;
 * a bad tag or an oversized note refuses both with the CLI's sentence.
 */
manual.post('/transactions/:id/notes', async (c) => {
  const id = idOf(c);
  const { app } = c.get('deps');
  return attempt(
    c,
    (form) => {
      const store = new NotesTagsStore(app.db);
      // Tags are stored lower-case; "#urlaub" and "+urlaub" are how people write them elsewhere.
      const words = (form.tags ?? '').split(/[\s,]+/).map((t) => t.replace(/^[#+]/, '').toLowerCase());
      const wanted = [...new Set(words.filter(Boolean))];
      const had = store.tagsOf([id]).get(id) ?? [];
      app.db.transaction(() => {
        const add = wanted.filter((t) => !had.includes(t));
        store.changeTags(
          id,
          add,
          had.filter((t) => !wanted.includes(t)),
          app.now(),
        );
        store.setNote(id, form.note ?? '', app.now());
      })();
      return { to: `/transactions/${id}`, text: routeI18n(c).m.notesTagsSaved };
    },
    (problem) => detail(c, id, problem),
  );
});

manual.post('/transactions/:id/edit', async (c) => {
  const id = idOf(c);
  const { app } = c.get('deps');
  return attempt(
    c,
    (form) => {
      editManualTransaction(app, id, manualInput(form));
      return { to: `/transactions/${id}`, text: routeI18n(c).m.savedDone };
    },
    (problem) => detail(c, id, problem),
  );
});

manual.post('/transactions/:id/delete', async (c) => {
  const id = idOf(c);
  const { app } = c.get('deps');
  return attempt(
    c,
    () => {
      const was = deleteManualTransaction(app, id);
      return { to: '/cash', text: routeI18n(c).m.bookingDeleted(was.description, routeI18n(c).day(was.date)) };
    },
    (problem) => detail(c, id, problem),
  );
});

manual.get('/cash', (c) => cash(c));

manual.post('/cash/accounts', async (c) => {
  const { app } = c.get('deps');
  return attempt(
    c,
    (form) => {
      const name = form.name ?? '';
      addManualAccount(app, { name, currency: form.currency ?? '', ...(form.opening?.trim() ? { opening: form.opening } : {}) });
      return { to: '/cash', text: routeI18n(c).m.cashAccountAdded(name.trim()) };
    },
    (problem) => cash(c, problem),
  );
});

manual.post('/cash/transactions', async (c) => {
  const { app } = c.get('deps');
  return attempt(
    c,
    (form) => {
      const account = Number(form.account);
      if (!Number.isInteger(account)) throw new TraxError('usage', routeI18n(c).m.chooseCashAccount);
      const id = addManualTransaction(app, account, manualInput(form));
      return { to: '/cash', text: routeI18n(c).m.cashTxAdded(id) };
    },
    (problem) => cash(c, problem),
  );
});
