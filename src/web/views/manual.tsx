import { useI18n } from '../i18n.js';
import { formatMoney, minorToDecimalString } from '../../domain/money.js';
import type { Category } from '../../store/categories.js';
import type { SplitPart } from '../../store/splits.js';
import type { TransactionRow } from '../../store/transactions.js';
import type { Session } from '../session.js';
import { Layout } from './layout.js';

/** How many part rows the split form offers; empty ones are ignored. */
export const PART_ROWS = 4;

function CategorySelect(p: { name: string; categories: Category[]; selected?: string | null; label: string }) {
  return (
    <select name={p.name} aria-label={p.label}>
      <option value="">—</option>
      {p.categories.map((c) => (
        <option value={c.slug} selected={p.selected === c.slug}>
          {c.parentId ? `  ${c.name}` : c.name}
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
  return (
    <Layout title={`Transaction ${t.id}`} session={p.session}>
      <p>
        <a href="/transactions">← Transactions</a>
      </p>
      <h1>{t.merchant ?? t.description}</h1>
      {p.problem ? (
        <p class="flash error" role="alert">
          {p.problem.text}
        </p>
      ) : null}
      <dl class="transaction">
        <dt>Date</dt>
        <dd>{t.booking_date}</dd>
        <dt>Account</dt>
        <dd>{p.accountName}</dd>
        <dt>Description</dt>
        <dd>{t.description}</dd>
        <dt>Amount</dt>
        <dd class={`amount${t.amount_minor < 0 ? ' negative' : ''}`}>{formatMoney(t.amount_minor, t.currency)}</dd>
        <dt>Category</dt>
        <dd>{t.category_name ?? 'Uncategorized'}</dd>
        <dt>Source</dt>
        <dd>{p.manual ? 'kept by hand' : t.source}</dd>
      </dl>
      <p>
        <a href={`/rules/new?from=${t.id}`} data-make-rule>
          <RuleLinkText />
        </a>
      </p>
      {p.hidden ? <p class="hint">Hidden: no report or budget counts it.</p> : null}
      <form method="post" action={`${base}/${p.hidden ? 'unhide' : 'hide'}`}>
        <Csrf session={p.session} />
        <button type="submit">{p.hidden ? 'Count it in reports again' : 'Hide from reports'}</button>
      </form>

      <h2>Split</h2>
      {p.parts.length ? (
        <>
          <table class="parts">
            <thead>
              <tr>
                <th>#</th>
                <th>Category</th>
                <th class="amount">Amount</th>
                <th>Note</th>
              </tr>
            </thead>
            <tbody>
              {p.parts.map((x) => (
                <tr>
                  <td>{String(x.position)}</td>
                  <td>{x.categoryName ?? 'Uncategorized'}</td>
                  <td class="amount">{formatMoney(x.amountMinor, t.currency)}</td>
                  <td>{x.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <form method="post" action={`${base}/unsplit`}>
            <Csrf session={p.session} />
            <button type="submit">Undo the split</button>
          </form>
        </>
      ) : t.pending ? (
        <p class="hint">Still pending: split it once it is booked.</p>
      ) : null}
      {t.pending ? null : (
        <form method="post" action={`${base}/split`} class="split">
          <Csrf session={p.session} />
          <p class="hint">
            The parts must add up to {formatMoney(Math.abs(t.amount_minor), t.currency)} exactly; amounts go the booking's way.
          </p>
          {Array.from({ length: PART_ROWS }, (_, i) => {
            const part = p.parts[i];
            const n = i + 1;
            return (
              <fieldset>
                <legend>Part {String(n)}</legend>
                <CategorySelect
                  name={`category${n}`}
                  label={`Part ${n} category`}
                  categories={p.categories}
                  selected={typed[`category${n}`] ?? part?.categorySlug ?? null}
                />
                <input
                  type="text"
                  name={`amount${n}`}
                  inputmode="decimal"
                  size={8}
                  placeholder="Amount"
                  aria-label={`Part ${n} amount`}
                  value={typed[`amount${n}`] ?? (part ? minorToDecimalString(Math.abs(part.amountMinor), t.currency) : '')}
                />
                <input
                  type="text"
                  name={`note${n}`}
                  aria-label={`Part ${n} note`}
                  value={typed[`note${n}`] ?? part?.note ?? ''}
                />
              </fieldset>
            );
          })}
          <button type="submit" class="primary">
            {p.parts.length ? 'Change the split' : 'Split'}
          </button>
        </form>
      )}

      {p.manual ? (
        <>
          <h2>Edit this booking</h2>
          <form method="post" action={`${base}/edit`} class="manual">
            <Csrf session={p.session} />
            <label>
              Date <input type="date" name="date" value={typed.date ?? t.booking_date} />
            </label>
            <label>
              Amount{' '}
              <input
                type="text"
                name="amount"
                inputmode="decimal"
                value={typed.amount ?? minorToDecimalString(t.amount_minor, t.currency)}
              />
            </label>
            <label>
              Description <input type="text" name="description" value={typed.description ?? t.description} />
            </label>
            <label>
              Category{' '}
              <CategorySelect
                name="category"
                label="Category"
                categories={p.categories}
                selected={typed.category ?? t.category_slug}
              />
            </label>
            <button type="submit" class="primary">
              Save
            </button>
          </form>
          <form method="post" action={`${base}/delete`}>
            <Csrf session={p.session} />
            <button type="submit" class="danger">
              Delete this booking
            </button>
          </form>
        </>
      ) : (
        <p class="hint">This row is as the bank or statement sent it: it can be split or hidden, not rewritten.</p>
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
  return (
    <Layout title="Cash" session={p.session}>
      <h1>Cash and other accounts kept by hand</h1>
      {p.problem ? (
        <p class="flash error" role="alert">
          {p.problem.text}
        </p>
      ) : null}
      {p.accounts.length ? (
        <table class="accounts">
          <thead>
            <tr>
              <th>Account</th>
              <th>Type</th>
              <th class="amount">Balance</th>
            </tr>
          </thead>
          <tbody>
            {p.accounts.map((a) => (
              <tr>
                <td>
                  <a href={`/transactions?account=${a.id}`}>{a.name}</a>
                </td>
                <td>{a.kind}</td>
                <td class="amount">{a.balanceMinor === null ? '—' : formatMoney(a.balanceMinor, a.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="empty">No account kept by hand yet. Add one for your purse below.</p>
      )}

      {p.accounts.length ? (
        <>
          <h2>Add a booking</h2>
          <form method="post" action="/cash/transactions" class="manual">
            <Csrf session={p.session} />
            <label>
              Account{' '}
              <select name="account">
                {p.accounts.map((a) => (
                  <option value={String(a.id)} selected={typed.account === String(a.id)}>
                    {a.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Date <input type="date" name="date" value={typed.date ?? ''} required />
            </label>
            <label>
              Amount{' '}
              <input type="text" name="amount" inputmode="decimal" placeholder="-4.20" value={typed.amount ?? ''} required />
            </label>
            <label>
              Description <input type="text" name="description" value={typed.description ?? ''} required />
            </label>
            <label>
              Category{' '}
              <CategorySelect name="category" label="Category" categories={p.categories} selected={typed.category ?? null} />
            </label>
            <button type="submit" class="primary">
              Add
            </button>
          </form>
        </>
      ) : null}

      <h2>Add an account</h2>
      <form method="post" action="/cash/accounts" class="manual">
        <Csrf session={p.session} />
        <label>
          Name <input type="text" name="name" placeholder="Bargeld" value={typed.name ?? ''} required />
        </label>
        <label>
          Currency <input type="text" name="currency" size={4} value={typed.currency ?? 'EUR'} required />
        </label>
        <label>
          Opening balance <input type="text" name="opening" inputmode="decimal" placeholder="50.00" value={typed.opening ?? ''} />
        </label>
        <button type="submit" class="primary">
          Add account
        </button>
      </form>
    </Layout>
  );
}
