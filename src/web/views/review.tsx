import type { SimilarPreview } from '../../categorize/choose.js';
import { formatMoney } from '../../domain/money.js';
import type { ReviewItem, ReviewQueue, ReviewTransaction } from '../../review/queue.js';
import type { Category } from '../../store/categories.js';
import type { Session } from '../session.js';
import { Layout } from './layout.js';

const REASON: Record<string, string> = {
  new: 'new',
  uncategorized: 'no category',
  'low-confidence': 'not sure',
  transfer: 'transfer?',
  duplicate: 'duplicate?',
};

function Csrf(p: { session: Session }) {
  return <input type="hidden" name="_csrf" value={p.session.csrf} />;
}

function CategoryOptions(p: { categories: Category[]; selected?: string | null }) {
  return (
    <>
      {p.categories.map((c) => (
        <option value={c.slug} selected={c.slug === p.selected}>
          {c.parentId ? `  ${c.name}` : c.name}
        </option>
      ))}
    </>
  );
}

function Tx(p: { t: ReviewTransaction }) {
  return (
    <>
      <span class="date">{p.t.date}</span>{' '}
      <span class={`amount${p.t.amountMinor < 0 ? ' out' : ''}`}>{formatMoney(p.t.amountMinor, p.t.currency)}</span>{' '}
      <span class="description">{p.t.merchant ?? p.t.description}</span>
    </>
  );
}

function categoryLabel(t: ReviewTransaction): string {
  if (!t.categoryName || t.category === 'uncategorized') return 'Uncategorized';
  const sure = t.confidence !== null && t.confidence < 1 ? `, ${Math.round(t.confidence * 100)}%` : '';
  return `${t.categoryName} (${t.categorySource ?? '?'}${sure})`;
}

/** The answers an entry takes, each a plain form (works without JavaScript). */
function Actions(p: { session: Session; item: ReviewItem; categories: Category[] }) {
  const item = p.item;
  if (item.kind === 'duplicate') {
    return (
      <form method="post" action={`/review/duplicate/${item.id}/not-duplicate`}>
        <Csrf session={p.session} />
        <button type="submit">Not a duplicate</button>
      </form>
    );
  }
  const t = item.transaction;
  const hasCategory = t.category !== null && t.category !== 'uncategorized';
  return (
    <>
      {hasCategory && (
        <form method="post" action={`/review/${item.id}/accept`}>
          <Csrf session={p.session} />
          <button type="submit" class="primary">
            Accept
          </button>
        </form>
      )}
      <form method="post" action={`/review/${item.id}/category`} class="change">
        <Csrf session={p.session} />
        <select name="category" aria-label={`Category for ${item.id}`}>
          <CategoryOptions categories={p.categories} selected={t.category} />
        </select>
        <label>
          <input type="checkbox" name="similar" value="1" /> and similar
        </label>
        <button type="submit">Change</button>
      </form>
      {item.kind === 'transfer' && (
        <form method="post" action={`/review/${item.id}/not-transfer`}>
          <Csrf session={p.session} />
          <button type="submit">Not a transfer</button>
        </form>
      )}
    </>
  );
}

function Entry(p: { session: Session; item: ReviewItem; categories: Category[] }) {
  const item = p.item;
  return (
    <li class="review-item" data-review-kind={item.kind} data-review-id={String(item.id)}>
      <p class="reasons">
        {item.reasons.map((r) => (
          <span class="badge">{REASON[r] ?? r}</span>
        ))}
      </p>
      {item.kind === 'duplicate' ? (
        <div class="what">
          <p>
            {item.source === 'sync' ? 'A synced row' : 'A row from a file'}: <span class="date">{item.row.date}</span>{' '}
            <span class="amount">{formatMoney(item.row.amountMinor, item.row.currency)}</span>{' '}
            <span class="description">{item.row.description}</span>
          </p>
          <ul class="candidates">
            {item.candidates.map((c) => (
              <li>
                could be #{String(c.id)}: <Tx t={c} />
              </li>
            ))}
          </ul>
          <p class="hint">
            If it is one of these, link it on the <a href="/import">Import</a> page.
          </p>
        </div>
      ) : (
        <div class="what">
          <p>
            #{String(item.id)} <Tx t={item.transaction} /> · <span class="category">{categoryLabel(item.transaction)}</span>
          </p>
          {item.kind === 'transfer' && (
            <p class="pair">
              {item.pair ? (
                <>
                  paired with #{String(item.pair.id)} on {item.pair.accountName}: <Tx t={item.pair} />
                </>
              ) : (
                'paid to one of your own accounts'
              )}
            </p>
          )}
        </div>
      )}
      <div class="actions">
        <Actions session={p.session} item={item} categories={p.categories} />
      </div>
    </li>
  );
}

export function ReviewPage(p: { session: Session; queue: ReviewQueue; categories: Category[] }) {
  const { queue } = p;
  return (
    <Layout title="Review" session={p.session}>
      <h1>Review</h1>
      <p class="hint">
        What came in since your last review
        {queue.reviewedUpTo ? ` (${queue.reviewedUpTo.slice(0, 16).replace('T', ' ')} UTC)` : ''}, what has no category,
        categories Trax is not sure of, possible duplicates and suggested transfers. Each answer is your choice and teaches the
        categorizer.
      </p>
      {queue.items.length === 0 ? (
        <p class="empty" data-review-empty>
          Nothing to review.
        </p>
      ) : (
        <>
          <p data-review-total>
            {queue.total === 1 ? '1 entry' : `${queue.total} entries`}
            {queue.total > queue.items.length ? `, the newest ${queue.items.length} shown` : ''}.
          </p>
          <ul class="review-list">
            {queue.items.map((item) => (
              <Entry session={p.session} item={item} categories={p.categories} />
            ))}
          </ul>
        </>
      )}
      <form method="post" action="/review/done">
        <Csrf session={p.session} />
        <button type="submit">Mark the rest reviewed</button>
      </form>
    </Layout>
  );
}

/** "And similar" without JavaScript: the rule and what it would move, then Apply or Cancel. */
export function SimilarPreviewPage(p: { session: Session; preview: SimilarPreview; names: Map<number, string> }) {
  const v = p.preview;
  return (
    <Layout title="Apply to similar" session={p.session}>
      <h1>Apply to similar</h1>
      <p data-similar-rule>
        This creates a rule: {v.rule} → {v.category.name}. It matches {String(v.matched)} transactions;{' '}
        <span data-similar-moves>{String(v.moves)}</span> other transactions would move to {v.category.name}.
      </p>
      {v.sample.length > 0 && (
        <ul>
          {v.sample.map((m) => (
            <li>
              {m.bookingDate} {m.merchant ?? m.description} {formatMoney(m.amountMinor, m.currency)}:{' '}
              {m.fromCategoryId === null ? 'Uncategorized' : (p.names.get(m.fromCategoryId) ?? '?')} →{' '}
              {p.names.get(m.toCategoryId) ?? '?'}
            </li>
          ))}
        </ul>
      )}
      <form method="post" action={`/review/${v.transactionId}/category`}>
        <Csrf session={p.session} />
        <input type="hidden" name="category" value={v.category.slug} />
        <input type="hidden" name="similar" value="1" />
        <input type="hidden" name="confirm" value="1" />
        <button type="submit" class="primary">
          Apply
        </button>{' '}
        <a href="/review">Cancel</a>
      </form>
    </Layout>
  );
}
