import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { similarConditions } from '../../categorize/choose.js';
import { explainCategory } from '../../categorize/explain.js';
import { addCheckedRule, editRule, moveRule, previewRule, removeRule } from '../../categorize/rule-changes.js';
import { checkRule } from '../../categorize/rules/from-options.js';
import { undoBulk } from '../../categorize/undo.js';
import { TraxError } from '../../domain/errors.js';
import { factory, type WebEnv } from '../env.js';
import { routeI18n, errorText } from '../i18n.js';
import { emptyRuleForm, ruleFormFrom, ruleFormOf, ruleOptions, type RuleForm } from '../rule-form.js';
import { RuleFormPage, RulePreviewPage, RulesPage } from '../views/rules.js';

/** /rules: the same rule functions `trax rules` uses; every change previews, then applies as one undoable bulk change. */
export const rulesRoutes = factory.createApp();

const ruleId = (c: Context<WebEnv>): number => Number(c.req.param('id'));

rulesRoutes.get('/rules', (c) => {
  const { app } = c.get('deps');
  const session = c.get('session');
  const categories = new Map(app.categories.list().map((k) => [k.id, k]));
  const counts = app.rules.decidedCounts();
  const rules = app.rules.raw().map((r) => ({
    id: r.id,
    priority: r.priority,
    name: r.name,
    when: JSON.stringify(r.conditions),
    category: categories.get(r.categoryId),
    decides: counts.get(r.id) ?? 0,
  }));
  const text = c.req.query('test')?.trim() ?? '';
  const amount = c.req.query('amount')?.trim() || '-10.00';
  let result = null;
  let error = null;
  if (text) {
    try {
      result = explainCategory(app, text, { amount });
    } catch (e) {
      if (!(e instanceof TraxError)) throw e;
      error = errorText(c, e);
    }
  }
  // The Undo button for the change just made lives only on the page that follows it.
  const undoId = session.lastUndo ?? null;
  session.lastUndo = null;
  return c.html(
    <RulesPage
      session={session}
      rules={rules}
      categories={[...categories.values()]}
      undoId={undoId}
      test={{ text, amount, result, error }}
    />,
  );
});

/** A new rule's form; `?from=ID` starts from that transaction as "apply to similar" would. */
rulesRoutes.get('/rules/new', (c) => {
  const { app } = c.get('deps');
  const from = Number(c.req.query('from'));
  let form = emptyRuleForm('uncategorized');
  if (Number.isInteger(from) && from > 0) {
    const t = app.transactions.list({ ids: [from] })[0];
    if (!t) throw new HTTPException(404, { message: `There is no transaction ${from}.` });
    form = emptyRuleForm(t.category_slug ?? 'uncategorized');
    let cond;
    try {
      cond = similarConditions(t);
    } catch {
      cond = { description: { contains: t.description }, sign: t.amount_minor < 0 ? 'out' : 'in' };
    }
    if (cond.merchant && 'equals' in cond.merchant) [form.merchantOp, form.merchant] = ['equals', cond.merchant.equals!];
    if (cond.description && 'contains' in cond.description) form.description = cond.description.contains!;
    form.sign = cond.sign ?? '';
  }
  return c.html(newPage(c, form, null));
});

function newPage(c: Context<WebEnv>, form: RuleForm, error: string | null) {
  const { m } = routeI18n(c);
  const categories = c.get('deps').app.categories.list();
  return (
    <RuleFormPage
      session={c.get('session')}
      action="/rules/new"
      title={m.ruleAdd}
      form={form}
      categories={categories}
      error={error}
    />
  );
}

function editPage(c: Context<WebEnv>, id: number, form: RuleForm, error: string | null) {
  const { m } = routeI18n(c);
  const categories = c.get('deps').app.categories.list();
  return (
    <RuleFormPage
      session={c.get('session')}
      action={`/rules/${id}/edit`}
      title={m.ruleEditTitle(id)}
      form={form}
      categories={categories}
      error={error}
    />
  );
}

rulesRoutes.get('/rules/:id{[0-9]+}/edit', (c) => {
  const { app } = c.get('deps');
  const id = ruleId(c);
  const rule = app.rules.rawOne(id);
  if (!rule) throw new HTTPException(404, { message: `There is no rule ${id}.` });
  return c.html(editPage(c, id, ruleFormOf(rule, app.categories.get(rule.categoryId)?.slug ?? ''), null));
});

/**
 * One handler for add and edit: without `confirm` the rule is checked and previewed; with it,
 * applied. A rule that does not pass the CLI's checks comes back in its form with the CLI's sentence.
 */
async function submit(c: Context<WebEnv>, editing: number | undefined) {
  const { app } = c.get('deps');
  const session = c.get('session');
  const { m } = routeI18n(c);
  const body = await c.req.parseBody();
  const form = ruleFormFrom(body);
  const page = (error: string | null) => (editing === undefined ? newPage(c, form, error) : editPage(c, editing, form, error));
  if (editing !== undefined && !app.rules.rawOne(editing))
    throw new HTTPException(404, { message: `There is no rule ${editing}.` });
  if (body.back === '1') return c.html(page(null));
  let rule;
  try {
    rule = checkRule(app, ruleOptions(form));
  } catch (e) {
    if (!(e instanceof TraxError)) throw e;
    return c.html(page(errorText(c, e)), 400);
  }
  const action = editing === undefined ? '/rules/new' : `/rules/${editing}/edit`;
  if (body.confirm !== '1') {
    const preview = previewRule(app, rule, editing);
    return c.html(
      <RulePreviewPage
        session={session}
        action={action}
        title={m.rulePreviewTitle}
        form={form}
        preview={preview}
        categories={app.categories.list()}
      />,
    );
  }
  const r =
    editing === undefined
      ? addCheckedRule(app, rule, `web: rule added → ${rule.category.slug}`)
      : editRule(app, editing, rule, `web: rule ${editing} edited`);
  session.flash = {
    kind: 'ok',
    text: editing === undefined ? m.ruleAdded(r.ruleId, r.changed) : m.ruleSaved(r.ruleId, r.changed),
  };
  session.lastUndo = r.undoId;
  return c.redirect('/rules', 303);
}

rulesRoutes.post('/rules/new', (c) => submit(c, undefined));
rulesRoutes.post('/rules/:id{[0-9]+}/edit', (c) => submit(c, ruleId(c)));

rulesRoutes.post('/rules/:id{[0-9]+}/delete', (c) => {
  const { m } = routeI18n(c);
  const id = ruleId(c);
  const r = removeRule(c.get('deps').app, id, `web: rule ${id} removed`);
  c.get('session').flash = { kind: 'ok', text: m.ruleRemoved(id, r.changed) };
  c.get('session').lastUndo = r.undoId;
  return c.redirect('/rules', 303);
});

for (const [dir, by] of [
  ['up', -1],
  ['down', 1],
] as const) {
  rulesRoutes.post(`/rules/:id{[0-9]+}/${dir}`, (c) => {
    const { m } = routeI18n(c);
    const id = ruleId(c);
    const r = moveRule(c.get('deps').app, id, by, `web: rule ${id} moved ${dir}`);
    c.get('session').flash = { kind: 'ok', text: m.ruleMoved(id, r.changed) };
    c.get('session').lastUndo = r.undoId;
    return c.redirect('/rules', 303);
  });
}

/** The no-JavaScript Undo button: the same undo as `trax undo` and the list's Undo button. */
rulesRoutes.post('/rules/undo/:id{[0-9]+}', async (c) => {
  const { m } = routeI18n(c);
  const session = c.get('session');
  // Back to the page the change was made on; only known pages, never a posted URL.
  const back = (await c.req.parseBody()).back === '/categories' ? '/categories' : '/rules';
  try {
    const r = undoBulk(c.get('deps').app, Number(c.req.param('id')));
    session.flash = { kind: 'ok', text: m.ruleUndone(r.summary, r.restored) };
  } catch (e) {
    if (!(e instanceof TraxError)) throw e;
    session.flash = { kind: 'error', text: errorText(c, e) };
  }
  return c.redirect(back, 303);
});
