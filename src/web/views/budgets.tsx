import type { BudgetStatusRow } from '../../budgets/budget-status.js';
import type { Category } from '../../store/categories.js';
import { useI18n } from '../i18n.js';
import type { Session } from '../session.js';
import { Layout } from './layout.js';
import { Csrf, ManageNav } from './rules.js';

export function BudgetsPage(p: {
  session: Session;
  month: string;
  rows: BudgetStatusRow[];
  categories: Category[];
  currency: string;
  /** Why the last form was refused, with what was typed (shown in the set form). */
  problem?: { text: string; form: Record<string, string> } | null;
}) {
  const typed = p.problem?.form ?? {};
  const { m, money, month, category } = useI18n();
  const names = new Map(p.categories.map((c) => [c.slug, category(c.slug, c.name)]));
  const name = (r: BudgetStatusRow) => names.get(r.category) ?? r.name;
  return (
    <Layout title={m.manageBudgets} session={p.session}>
      <ManageNav />
      <h1>{m.manageBudgets}</h1>
      {p.problem ? (
        <p class="flash error" role="alert">
          {p.problem.text}
        </p>
      ) : null}
      <p class="hint">
        {m.budgetsIntro} ({month(p.month)})
      </p>
      {p.rows.length === 0 ? (
        <p class="empty">{m.budgetsEmpty}</p>
      ) : (
        <table class="budgets stack">
          <thead>
            <tr>
              <th>{m.ruleCategory}</th>
              <th class="amount">{m.budgetLimit}</th>
              <th class="amount">{m.budgetSpentHead}</th>
              <th class="amount">{m.budgetLeftHead}</th>
              <th class="amount">{m.budgetProjectedHead}</th>
              <th>{m.ruleActions}</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr data-budget={`${r.currency}:${r.category}`}>
                <td data-label={m.ruleCategory}>{name(r)}</td>
                <td data-label={m.budgetLimit} class="amount budget-limit">
                  {money(r.limitMinor, r.currency)}
                </td>
                <td data-label={m.budgetSpentHead} class="amount budget-spent">
                  {money(r.spentMinor, r.currency)}
                </td>
                <td data-label={m.budgetLeftHead} class={`amount budget-left${r.leftMinor < 0 ? ' negative' : ''}`}>
                  {money(r.leftMinor, r.currency)}
                </td>
                <td
                  data-label={m.budgetProjectedHead}
                  class={`amount budget-projected${r.projectedMinor > r.limitMinor ? ' negative' : ''}`}
                >
                  {money(r.projectedMinor, r.currency)}
                </td>
                <td class="actions">
                  <form method="post" action="/budgets" class="inline">
                    <Csrf session={p.session} />
                    <input type="hidden" name="category" value={r.category} />
                    <input type="hidden" name="currency" value={r.currency} />
                    <input
                      type="text"
                      name="amount"
                      value={r.limit}
                      inputmode="decimal"
                      size={8}
                      required
                      aria-label={m.budgetChangeLabel(name(r))}
                    />{' '}
                    <button type="submit">{m.budgetChange}</button>
                  </form>
                  <form method="post" action="/budgets/remove" class="inline">
                    <Csrf session={p.session} />
                    <input type="hidden" name="category" value={r.category} />
                    <input type="hidden" name="currency" value={r.currency} />
                    <button type="submit" class="danger" aria-label={m.budgetRemoveLabel(name(r))}>
                      {m.budgetRemove}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section class="panel" aria-labelledby="budget-set-title">
        <h2 id="budget-set-title">{m.budgetSetTitle}</h2>
        <form method="post" action="/budgets" class="filters">
          <Csrf session={p.session} />
          <label>
            {m.ruleCategory}{' '}
            <select name="category" required>
              {p.categories
                .filter((c) => c.kind === 'expense')
                .map((c) => (
                  <option value={c.slug} selected={c.slug === typed.category}>
                    {c.parentId ? `  ${category(c.slug, c.name)}` : category(c.slug, c.name)}
                  </option>
                ))}
            </select>
          </label>
          <label>
            {m.budgetAmount} <input type="text" name="amount" inputmode="decimal" required value={typed.amount ?? ''} />
          </label>
          <label>
            {m.budgetCurrency} <input type="text" name="currency" value={typed.currency ?? p.currency} size={4} maxlength={3} />
          </label>
          <button type="submit" class="primary">
            {m.budgetSetButton}
          </button>
        </form>
      </section>
    </Layout>
  );
}
