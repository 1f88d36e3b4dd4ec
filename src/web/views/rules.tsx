import type { Move } from '../../categorize/apply-rules.js';
import type { Explanation } from '../../categorize/explain.js';
import type { RulePreview } from '../../categorize/rule-changes.js';
import type { Category } from '../../store/categories.js';
import { useI18n } from '../i18n.js';
import { DESCRIPTION_OPS, MERCHANT_OPS, type RuleForm } from '../rule-form.js';
import type { Session } from '../session.js';
import { Layout } from './layout.js';

export function Csrf(p: { session: Session }) {
  return <input type="hidden" name="_csrf" value={p.session.csrf} />;
}

/** The three management pages share one small sub-navigation. */
export function ManageNav() {
  const { m } = useI18n();
  return (
    <nav class="manage" aria-label={m.navManage}>
      <a href="/rules">{m.manageRules}</a> · <a href="/categories">{m.manageCategories}</a> ·{' '}
      <a href="/budgets">{m.manageBudgets}</a>
    </nav>
  );
}

export interface RuleListItem {
  id: number;
  priority: number;
  name: string | null;
  when: string;
  category: Category | undefined;
  decides: number;
}

/** An "Undo" form for the bulk change just made: a plain post, so it works without JavaScript. */
export function UndoForm(p: { session: Session; undoId: number | null | undefined; back?: '/categories' }) {
  const { m } = useI18n();
  if (!p.undoId) return null;
  return (
    <form method="post" action={`/rules/undo/${p.undoId}`} class="undo" data-undo={String(p.undoId)}>
      <Csrf session={p.session} />
      {p.back ? <input type="hidden" name="back" value={p.back} /> : null}
      <button type="submit">{m.ruleUndo}</button>
    </form>
  );
}

export function RulesPage(p: {
  session: Session;
  rules: RuleListItem[];
  categories: Category[];
  undoId: number | null;
  test: { text: string; amount: string; result: Explanation | null; error: string | null };
}) {
  const { m, category } = useI18n();
  const name = (c: Category | undefined) => (c ? category(c.slug, c.name) : '?');
  return (
    <Layout title={m.manageRules} session={p.session}>
      <ManageNav />
      <h1>{m.manageRules}</h1>
      <UndoForm session={p.session} undoId={p.undoId} />
      <p class="hint">{m.rulesIntro}</p>
      <p>
        <a class="button primary" href="/rules/new">
          {m.ruleAdd}
        </a>
      </p>
      {p.rules.length === 0 ? (
        <p class="empty">{m.rulesEmpty}</p>
      ) : (
        <table class="rules stack">
          <thead>
            <tr>
              <th>{m.ruleOrder}</th>
              <th>{m.ruleName}</th>
              <th>{m.ruleWhen}</th>
              <th>{m.ruleCategory}</th>
              <th class="amount">{m.ruleDecides}</th>
              <th>{m.ruleActions}</th>
            </tr>
          </thead>
          <tbody>
            {p.rules.map((r, i) => (
              <tr data-rule-id={String(r.id)}>
                <td data-label={m.ruleOrder}>{String(i + 1)}</td>
                <td data-label={m.ruleName} class="rule-name">
                  {r.name ?? ''}
                </td>
                <td data-label={m.ruleWhen} class="rule-when">
                  {r.when}
                </td>
                <td data-label={m.ruleCategory}>{name(r.category)}</td>
                <td data-label={m.ruleDecides} class="amount rule-decides">
                  {String(r.decides)}
                </td>
                <td class="actions">
                  <form method="post" action={`/rules/${r.id}/up`}>
                    <Csrf session={p.session} />
                    <button type="submit" aria-label={m.ruleMoveUp(r.id)} disabled={i === 0}>
                      {m.ruleUp}
                    </button>
                  </form>
                  <form method="post" action={`/rules/${r.id}/down`}>
                    <Csrf session={p.session} />
                    <button type="submit" aria-label={m.ruleMoveDown(r.id)} disabled={i === p.rules.length - 1}>
                      {m.ruleDown}
                    </button>
                  </form>
                  <a class="button" href={`/rules/${r.id}/edit`}>
                    {m.ruleEdit}
                  </a>
                  <form method="post" action={`/rules/${r.id}/delete`}>
                    <Csrf session={p.session} />
                    <button type="submit" class="danger">
                      {m.ruleDelete}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <RuleTester {...p.test} categories={p.categories} />
    </Layout>
  );
}

function RuleTester(p: {
  text: string;
  amount: string;
  result: Explanation | null;
  error: string | null;
  categories: Category[];
}) {
  const { m, category: translated, percent } = useI18n();
  const names = new Map(p.categories.map((c) => [c.slug, c.name]));
  const category = (slug: string, _: string) => translated(slug, names.get(slug) ?? slug);
  const r = p.result;
  const learned = (l: Explanation['learned']) =>
    l.state === 'untrained'
      ? m.ruleTestUntrained
      : l.state === 'no-opinion'
        ? m.ruleTestNoOpinion
        : l.earned === null
          ? m.ruleTestLearnedUnearned(category(l.slug, l.slug))
          : m.ruleTestLearnedAt(category(l.slug, l.slug), percent(l.earned), l.confident);
  return (
    <section class="panel" aria-labelledby="rule-test-title">
      <h2 id="rule-test-title">{m.ruleTestTitle}</h2>
      <form method="get" action="/rules" class="filters">
        <label>
          {m.ruleTestText} <input type="text" name="test" value={p.text} required />
        </label>
        <label>
          {m.ruleTestAmount} <input type="text" name="amount" value={p.amount} inputmode="decimal" />
        </label>
        <button type="submit">{m.ruleTestButton}</button>
      </form>
      {p.error && (
        <p class="flash error" role="alert">
          {p.error}
        </p>
      )}
      {r && (
        <dl class="rule-test" data-rule-test>
          <dt>{m.ruleTestYours}</dt>
          <dd data-stage="rule">{r.rule ? `${category(r.rule.slug, r.rule.slug)} — ${r.rule.why}` : m.ruleTestNoMatch}</dd>
          <dt>{m.ruleTestLearned}</dt>
          <dd data-stage="learned">{learned(r.learned)}</dd>
          <dt>{m.ruleTestBuiltIn}</dt>
          <dd data-stage="built-in">
            {r.builtIn ? `${category(r.builtIn.slug, r.builtIn.slug)} — ${r.builtIn.why}` : m.ruleTestNoMatch}
          </dd>
          <dt>→</dt>
          <dd data-stage="winner">{m.ruleTestWinner(category(r.winner.slug, r.winner.slug), m.ruleSource(r.winner.source))}</dd>
        </dl>
      )}
    </section>
  );
}

function Options(p: { values: readonly string[]; selected: string; label: (v: string) => string }) {
  return (
    <>
      {p.values.map((v) => (
        <option value={v} selected={v === p.selected}>
          {p.label(v)}
        </option>
      ))}
    </>
  );
}

/** The fields of a rule; hidden copies of them carry a previewed rule to "Apply". */
function Fields(p: { form: RuleForm; categories: Category[] }) {
  const { m, category } = useI18n();
  const f = p.form;
  return (
    <>
      <label>
        {m.ruleName} <input type="text" name="name" value={f.name} maxlength={200} />
      </label>
      <label>
        {m.ruleCategory}{' '}
        <select name="category" required>
          {p.categories.map((c) => (
            <option value={c.slug} selected={c.slug === f.category}>
              {c.parentId ? `  ${category(c.slug, c.name)}` : category(c.slug, c.name)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {m.rulePriority} <input type="number" name="priority" value={f.priority} min={0} max={1000000} />
      </label>
      <fieldset>
        <legend>{m.ruleDescription}</legend>
        <select name="descriptionOp" aria-label={m.ruleFieldHow(m.ruleDescription)}>
          <Options values={DESCRIPTION_OPS} selected={f.descriptionOp} label={m.ruleOp} />
        </select>{' '}
        <input type="text" name="description" value={f.description} aria-label={m.ruleDescription} />
      </fieldset>
      <fieldset>
        <legend>{m.ruleMerchant}</legend>
        <select name="merchantOp" aria-label={m.ruleFieldHow(m.ruleMerchant)}>
          <Options values={MERCHANT_OPS} selected={f.merchantOp} label={m.ruleOp} />
        </select>{' '}
        <input type="text" name="merchant" value={f.merchant} aria-label={m.ruleMerchant} />
      </fieldset>
      <label>
        {m.ruleCounterparty} <input type="text" name="counterparty" value={f.counterparty} />
      </label>
      <label>
        {m.ruleIban} <input type="text" name="iban" value={f.iban} />
      </label>
      <label>
        {m.ruleAmountMin} <input type="text" name="amountMin" value={f.amountMin} inputmode="decimal" />
      </label>
      <label>
        {m.ruleAmountMax} <input type="text" name="amountMax" value={f.amountMax} inputmode="decimal" />
      </label>
      <label>
        {m.ruleSign}{' '}
        <select name="sign">
          <Options
            values={['', 'in', 'out']}
            selected={f.sign}
            label={(v) => (v === 'in' ? m.ruleSignIn : v === 'out' ? m.ruleSignOut : m.ruleSignAny)}
          />
        </select>
      </label>
      <input type="hidden" name="providerCategory" value={f.providerCategory} />
      <input type="hidden" name="account" value={f.account} />
    </>
  );
}

/** Add or edit: the form posts to itself and gets the preview back; nothing is written yet. */
export function RuleFormPage(p: {
  session: Session;
  action: string;
  title: string;
  form: RuleForm;
  categories: Category[];
  error: string | null;
}) {
  const { m } = useI18n();
  return (
    <Layout title={p.title} session={p.session}>
      <ManageNav />
      <h1>{p.title}</h1>
      {p.error && (
        <p class="flash error" role="alert" data-rule-error>
          {p.error}
        </p>
      )}
      <form method="post" action={p.action} class="rule-form">
        <Csrf session={p.session} />
        <Fields form={p.form} categories={p.categories} />
        <button type="submit" class="primary">
          {m.rulePreviewButton}
        </button>
      </form>
    </Layout>
  );
}

export function RulePreviewPage(p: {
  session: Session;
  action: string;
  title: string;
  form: RuleForm;
  preview: RulePreview;
  categories: Category[];
}) {
  const { m, day, money, category } = useI18n();
  const byId = new Map(p.categories.map((c) => [c.id, category(c.slug, c.name)]));
  const from = (s: Move) =>
    s.fromCategoryId === null ? category('uncategorized', 'Uncategorized') : (byId.get(s.fromCategoryId) ?? '?');
  return (
    <Layout title={m.rulePreviewTitle} session={p.session}>
      <ManageNav />
      <h1>{m.rulePreviewTitle}</h1>
      <p data-rule-preview data-matched={String(p.preview.matched)} data-moves={String(p.preview.moves)}>
        {m.rulePreviewCount(p.preview.matched, p.preview.moves)}
      </p>
      {p.preview.sample.length > 0 && (
        <ul class="rule-sample">
          {p.preview.sample.map((s) => (
            <li data-move={String(s.id)}>
              {day(s.bookingDate)} {s.merchant ?? s.description} {money(s.amountMinor, s.currency)}: {from(s)} →{' '}
              {byId.get(s.toCategoryId) ?? '?'}
            </li>
          ))}
        </ul>
      )}
      <CarryForm session={p.session} action={p.action} form={p.form} flag="confirm" primary>
        {m.ruleApply}
      </CarryForm>
      <CarryForm session={p.session} action={p.action} form={p.form} flag="back">
        {m.ruleBack}
      </CarryForm>
    </Layout>
  );
}

/** A previewed rule carried in hidden fields to one more post: Apply (`confirm`) or back to the form (`back`). */
function CarryForm(p: { session: Session; action: string; form: RuleForm; flag: string; primary?: boolean; children: string }) {
  return (
    <form method="post" action={p.action}>
      <Csrf session={p.session} />
      {(Object.entries(p.form) as Array<[string, string]>).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      <input type="hidden" name={p.flag} value="1" />
      <button type="submit" class={p.primary ? 'primary' : undefined}>
        {p.children}
      </button>
    </form>
  );
}
