import { minorToDecimalString } from '../../domain/money.js';
import { useI18n } from '../i18n.js';
import type { Category } from '../../store/categories.js';
import type { SplitPart } from '../../store/splits.js';
import type { TransactionRow } from '../../store/transactions.js';
import type { Session } from '../session.js';
import { Layout } from './layout.js';

/** How many part rows the split form offers; empty ones are ignored. */
export const PART_ROWS = 4;

function CategorySelect(p: { name: string; categories: Category[]; selected?: string | null; label: string }) {
  const { category } = useI18n();
  return (
    <select name={p.name} aria-label={p.label}>
      <option value="">—</option>
      {p.categories.map((c) => (
        <option value={c.slug} selected={p.selected === c.slug}>
          {c.parentId ? `  ${category(c.slug, c.name)}` : category(c.slug, c.name)}
        </option>
      ))}
    </select>
  );
}

const Csrf = (p: { session: Session }) => <input type="hidden" name="_csrf" value={p.session.csrf} />;

export interface TransactionDetailProps {
  session: Session;
  row: TransactionRow;
  accountName: string;
  categories: Category[];
  parts: SplitPart[];
  hidden: boolean;
  /** Rows the user wrote can be edited and deleted; a bank's only hidden. */
  manual: boolean;
  /** The transaction's note ('' when none) and tags. */
  note: string;
  tags: string[];
  /** Why the last form was refused, with what the user had typed. */
  problem?: { text: string; form: Record<string, string> } | null;
}

/** The rule link in the page's language (this page's other text is not translated yet). */
function RuleLinkText() {
  return <>{useI18n().m.ruleFromTxn}</>;
}

/** One transaction: its split (parts editor, undo), hide, and for bookings kept by hand, edit and delete. */
export function TransactionDetailPage(p: TransactionDetailProps) {
  const t = p.row;
  const typed = p.problem?.form ?? {};
  const base = `/transactions/${t.id}`;
  const { m, money, day, category } = useI18n();
  return (
    <Layout title={m.txDetailTitle(t.id)} session={p.session}>
      <p>
        <a href="/transactions">{m.backToTransactions}</a>
      </p>
      <h1>{t.merchant ?? t.description}</h1>
      {p.problem ? (
        <p class="flash error" role="alert">
          {p.problem.text}
        </p>
      ) : null}
      <dl class="transaction">
        <dt>{m.date}</dt>
        <dd>{day(t.booking_date)}</dd>
        <dt>{m.account}</dt>
        <dd>{p.accountName}</dd>
        <dt>{m.description}</dt>
        <dd>{t.description}</dd>
        <dt>{m.amount}</dt>
        <dd class={`amount${t.amount_minor < 0 ? ' negative' : ''}`}>{money(t.amount_minor, t.currency)}</dd>
        <dt>{m.category}</dt>
        <dd>{t.category_name ? category(t.category_slug ?? '', t.category_name) : m.uncategorized}</dd>
        <dt>{m.source}</dt>
        <dd>{p.manual ? m.keptByHandSource : t.source}</dd>
      </dl>
      <p>
        <a href={`/rules/new?from=${t.id}`} data-make-rule>
          <RuleLinkText />
        </a>
      </p>
      <h2>{m.notesTagsHeading}</h2>
      <form method="post" action={`${base}/notes`} class="notes-tags">
        <Csrf session={p.session} />
        <label>
          {m.note}{' '}
          <textarea name="note" rows={3} maxlength={10240} aria-label={m.note}>
            {typed.note ?? p.note}
          </textarea>
        </label>
        <label>
          {m.tagsField}{' '}
          <input type="text" name="tags" value={typed.tags ?? p.tags.join(' ')} autocomplete="off" aria-label={m.tagsField} />
        </label>
        <button type="submit">{m.saveNoteTags}</button>
      </form>

      {p.hidden ? <p class="hint">{m.hiddenHint}</p> : null}
      <form method="post" action={`${base}/${p.hidden ? 'unhide' : 'hide'}`}>
        <Csrf session={p.session} />
        <button type="submit">{p.hidden ? m.countAgain : m.hideFromReports}</button>
      </form>

      <h2>{m.splitHeading}</h2>
      {p.parts.length ? (
        <>
          <table class="parts">
            <thead>
              <tr>
                <th>{m.partNo}</th>
                <th>{m.category}</th>
                <th class="amount">{m.amount}</th>
                <th>{m.note}</th>
              </tr>
            </thead>
            <tbody>
              {p.parts.map((x) => (
                <tr>
                  <td>{String(x.position)}</td>
                  <td>{x.categoryName ? category(x.categorySlug ?? '', x.categoryName) : m.uncategorized}</td>
                  <td class="amount">{money(x.amountMinor, t.currency)}</td>
                  <td>{x.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <form method="post" action={`${base}/unsplit`}>
            <Csrf session={p.session} />
            <button type="submit">{m.undoSplit}</button>
          </form>
        </>
      ) : t.pending ? (
        <p class="hint">{m.splitWhenBooked}</p>
      ) : null}
      {t.pending ? null : (
        <form method="post" action={`${base}/split`} class="split">
          <Csrf session={p.session} />
          <p class="hint">{m.partsMustAddUp(money(Math.abs(t.amount_minor), t.currency))}</p>
          {Array.from({ length: PART_ROWS }, (_, i) => {
            const part = p.parts[i];
            const n = i + 1;
            return (
              <fieldset>
                <legend>{m.partN(n)}</legend>
                <CategorySelect
                  name={`category${n}`}
                  label={m.partCategory(n)}
                  categories={p.categories}
                  selected={typed[`category${n}`] ?? part?.categorySlug ?? null}
                />
                <input
                  type="text"
                  name={`amount${n}`}
                  inputmode="decimal"
                  size={8}
                  placeholder={m.amount}
                  aria-label={m.partAmount(n)}
                  value={typed[`amount${n}`] ?? (part ? minorToDecimalString(Math.abs(part.amountMinor), t.currency) : '')}
                />
                <input type="text" name={`note${n}`} aria-label={m.partNote(n)} value={typed[`note${n}`] ?? part?.note ?? ''} />
              </fieldset>
            );
          })}
          <button type="submit" class="primary">
            {p.parts.length ? m.changeSplit : m.splitButton}
          </button>
        </form>
      )}

      {p.manual ? (
        <>
          <h2>{m.editBooking}</h2>
          <form method="post" action={`${base}/edit`} class="manual">
            <Csrf session={p.session} />
            <label>
              {m.date} <input type="date" name="date" value={typed.date ?? t.booking_date} />
            </label>
            <label>
              {m.amount}{' '}
              <input
                type="text"
                name="amount"
                inputmode="decimal"
                value={typed.amount ?? minorToDecimalString(t.amount_minor, t.currency)}
              />
            </label>
            <label>
              {m.description} <input type="text" name="description" value={typed.description ?? t.description} />
            </label>
            <label>
              {m.category}{' '}
              <CategorySelect
                name="category"
                label={m.category}
                categories={p.categories}
                selected={typed.category ?? t.category_slug}
              />
            </label>
            <button type="submit" class="primary">
              {m.save}
            </button>
          </form>
          <form method="post" action={`${base}/delete`}>
            <Csrf session={p.session} />
            <button type="submit" class="danger">
              {m.deleteBooking}
            </button>
          </form>
        </>
      ) : (
        <p class="hint">{m.bankRowHint}</p>
      )}
    </Layout>
  );
}

export interface CashProps {
  session: Session;
  accounts: Array<{ id: number; name: string; kind: string; currency: string; balanceMinor: number | null }>;
  categories: Category[];
  problem?: { text: string; form: Record<string, string> } | null;
}

/** Accounts kept by hand: add one, add a booking to one. */
export function CashPage(p: CashProps) {
  const typed = p.problem?.form ?? {};
  const { m, money } = useI18n();
  return (
    <Layout title={m.cashTitle} session={p.session}>
      <h1>{m.cashHeading}</h1>
      {p.problem ? (
        <p class="flash error" role="alert">
          {p.problem.text}
        </p>
      ) : null}
      {p.accounts.length ? (
        <table class="accounts">
          <thead>
            <tr>
              <th>{m.account}</th>
              <th>{m.type}</th>
              <th class="amount">{m.balance}</th>
            </tr>
          </thead>
          <tbody>
            {p.accounts.map((a) => (
              <tr>
                <td>
                  <a href={`/transactions?account=${a.id}`}>{a.name}</a>
                </td>
                <td>{a.kind}</td>
                <td class="amount">{a.balanceMinor === null ? '—' : money(a.balanceMinor, a.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="empty">{m.noCashAccounts}</p>
      )}

      {p.accounts.length ? (
        <>
          <h2>{m.addABooking}</h2>
          <form method="post" action="/cash/transactions" class="manual">
            <Csrf session={p.session} />
            <label>
              {m.account}{' '}
              <select name="account">
                {p.accounts.map((a) => (
                  <option value={String(a.id)} selected={typed.account === String(a.id)}>
                    {a.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {m.date} <input type="date" name="date" value={typed.date ?? ''} required />
            </label>
            <label>
              {m.amount}{' '}
              <input type="text" name="amount" inputmode="decimal" placeholder="-4.20" value={typed.amount ?? ''} required />
            </label>
            <label>
              {m.description} <input type="text" name="description" value={typed.description ?? ''} required />
            </label>
            <label>
              {m.category}{' '}
              <CategorySelect name="category" label={m.category} categories={p.categories} selected={typed.category ?? null} />
            </label>
            <button type="submit" class="primary">
              {m.add}
            </button>
          </form>
        </>
      ) : null}

      <h2>{m.addAnAccount}</h2>
      <form method="post" action="/cash/accounts" class="manual">
        <Csrf session={p.session} />
        <label>
          {m.name} <input type="text" name="name" placeholder="Bargeld" value={typed.name ?? ''} required />
        </label>
        <label>
          {m.currency} <input type="text" name="currency" size={4} value={typed.currency ?? 'EUR'} required />
        </label>
        <label>
          {m.openingBalance}{' '}
          <input type="text" name="opening" inputmode="decimal" placeholder="50.00" value={typed.opening ?? ''} />
        </label>
        <button type="submit" class="primary">
          {m.addAccount}
        </button>
      </form>
    </Layout>
  );
}
