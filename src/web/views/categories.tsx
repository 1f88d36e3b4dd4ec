import type { Category } from '../../store/categories.js';
import { useI18n } from '../i18n.js';
import type { Session } from '../session.js';
import { Layout } from './layout.js';
import { Csrf, ManageNav, UndoForm } from './rules.js';

export function CategoriesPage(p: {
  session: Session;
  categories: Category[];
  usage: Map<number, { transactions: number; other: number }>;
  /** A removal that needs the user to say where the rows go. */
  asking: Category | null;
  /** Why the last form was refused, with what was typed (the add form shows it again). */
  problem?: { text: string; form: Record<string, string> } | null;
  /** The merge just made, to offer its Undo. */
  undoId?: number | null;
}) {
  const typed = p.problem?.form ?? {};
  const { m, category } = useI18n();
  const name = (c: Category) => category(c.slug, c.name);
  const topLevel = p.categories.filter((c) => !c.parentId);
  return (
    <Layout title={m.manageCategories} session={p.session}>
      <ManageNav />
      <h1>{m.manageCategories}</h1>
      <p class="hint">{m.categoriesIntro}</p>
      <UndoForm session={p.session} undoId={p.undoId} back="/categories" />
      {p.problem ? (
        <p class="flash error" role="alert">
          {p.problem.text}
        </p>
      ) : null}
      {p.asking && (
        <form method="post" action={`/categories/${p.asking.slug}/delete`} class="panel" data-merge-ask={p.asking.slug}>
          <Csrf session={p.session} />
          <p role="alert">{m.categoryInUse(name(p.asking), p.usage.get(p.asking.id)?.transactions ?? 0)}</p>
          <label>
            {m.categoryMergeInto(name(p.asking))}{' '}
            <select name="into" required>
              <option value="">{m.categoryChooseInto}</option>
              {p.categories
                .filter((c) => c.id !== p.asking!.id)
                .map((c) => (
                  <option value={c.slug} selected={c.slug === typed.parent}>
                    {name(c)}
                  </option>
                ))}
            </select>
          </label>{' '}
          <button type="submit" class="danger">
            {m.categoryRemove}
          </button>
        </form>
      )}
      <table class="categories stack">
        <thead>
          <tr>
            <th>{m.ruleCategory}</th>
            <th class="amount">{m.categoryRows}</th>
            <th>{m.categoryRename}</th>
            <th>{m.ruleActions}</th>
          </tr>
        </thead>
        <tbody>
          {p.categories.map((c) => (
            <tr data-category={c.slug}>
              <td data-label={m.ruleCategory} class="category-name">
                {c.parentId ? `↳ ${name(c)}` : name(c)}
                {m.categoryKind(c.kind) && c.kind !== 'expense' ? ` (${m.categoryKind(c.kind)})` : ''}
              </td>
              <td data-label={m.categoryRows} class="amount category-rows">
                {String(p.usage.get(c.id)?.transactions ?? 0)}
              </td>
              <td>
                <form method="post" action={`/categories/${c.slug}/rename`} class="inline">
                  <Csrf session={p.session} />
                  <input
                    type="text"
                    name="name"
                    value={c.name}
                    required
                    maxlength={100}
                    aria-label={m.categoryRenameLabel(name(c))}
                  />{' '}
                  <button type="submit">{m.categoryRename}</button>
                </form>
              </td>
              <td>
                {c.slug !== 'uncategorized' && c.slug !== 'transfers' && (
                  <form method="post" action={`/categories/${c.slug}/delete`} class="inline">
                    <Csrf session={p.session} />
                    <button type="submit" class="danger">
                      {m.categoryRemove}
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <section class="panel" aria-labelledby="category-add-title">
        <h2 id="category-add-title">{m.categoryAddTitle}</h2>
        <form method="post" action="/categories" class="filters">
          <Csrf session={p.session} />
          <label>
            {m.categoryNewName} <input type="text" name="name" required maxlength={100} value={typed.name ?? ''} />
          </label>
          <label>
            {m.categoryParent}{' '}
            <select name="parent">
              <option value="">{m.categoryTopLevel}</option>
              {topLevel.map((c) => (
                <option value={c.slug} selected={c.slug === typed.parent}>
                  {name(c)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <input type="checkbox" name="income" value="1" checked={typed.income === '1'} /> {m.categoryIncome}
          </label>
          <button type="submit" class="primary">
            {m.categoryAddButton}
          </button>
        </form>
      </section>
    </Layout>
  );
}
