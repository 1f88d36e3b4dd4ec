import type { SimilarPreview } from '../../categorize/choose.js';
import type { ReviewItem, ReviewQueue, ReviewTransaction } from '../../review/queue.js';
import type { Category } from '../../store/categories.js';
import type { Session } from '../session.js';
import { useI18n } from '../i18n.js';
import { Layout } from './layout.js';

function Csrf(p: { session: Session }) {
  return <input type="hidden" name="_csrf" value={p.session.csrf} />;
}

function CategoryOptions(p: { categories: Category[]; selected?: string | null }) {
  const { category } = useI18n();
  return (
    <>
      {p.categories.map((c) => (
        <option value={c.slug} selected={c.slug === p.selected}>
          {c.parentId ? `  ${category(c.slug, c.name)}` : category(c.slug, c.name)}
        </option>
      ))}
    </>
  );
}

function Tx(p: { t: ReviewTransaction }) {
  const { day, money } = useI18n();
  return (
    <>
      <span class="date">{day(p.t.date)}</span>{' '}
      <span class={`amount${p.t.amountMinor < 0 ? ' out' : ''}`}>{money(p.t.amountMinor, p.t.currency)}</span>{' '}
      <span class="description">{p.t.merchant ?? p.t.description}</span>
    </>
  );
}

function CategoryLabel(p: { t: ReviewTransaction }) {
  const { m, category, percent } = useI18n();
  const t = p.t;
  if (!t.categoryName || !t.category || t.category === 'uncategorized') return <>{category('uncategorized', 'Uncategorized')}</>;
  const sure = t.confidence !== null && t.confidence < 1 ? `, ${percent(t.confidence)}` : '';
  return <>{`${category(t.category, t.categoryName)} (${m.reviewSource(t.categorySource ?? '?')}${sure})`}</>;
}

/** The answers an entry takes, each a plain form (works without JavaScript). */
function Actions(p: { session: Session; item: ReviewItem; categories: Category[] }) {
  const { m } = useI18n();
  const item = p.item;
  if (item.kind === 'duplicate') {
    return (
      <form method="post" action={`/review/duplicate/${item.id}/not-duplicate`}>
        <Csrf session={p.session} />
        <button type="submit">{m.reviewNotDuplicate}</button>
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
            {m.reviewAccept}
          </button>
        </form>
      )}
      <form method="post" action={`/review/${item.id}/category`} class="change">
        <Csrf session={p.session} />
        <select name="category" aria-label={m.reviewCategoryFor(item.id)}>
          <CategoryOptions categories={p.categories} selected={t.category} />
        </select>
        <label>
          <input type="checkbox" name="similar" value="1" /> {m.reviewAndSimilar}
        </label>
        <button type="submit">{m.reviewChange}</button>
      </form>
      {item.kind === 'transfer' && (
        <form method="post" action={`/review/${item.id}/not-transfer`}>
          <Csrf session={p.session} />
          <button type="submit">{m.reviewNotTransfer}</button>
        </form>
      )}
    </>
  );
}

function Entry(p: { session: Session; item: ReviewItem; categories: Category[] }) {
  const { m, day, money } = useI18n();
  const item = p.item;
  return (
    <li class="review-item" data-review-kind={item.kind} data-review-id={String(item.id)}>
      <p class="reasons">
        {item.reasons.map((r) => (
          <span class="badge">{m.reviewReason(r)}</span>
        ))}
      </p>
      {item.kind === 'duplicate' ? (
        <div class="what">
          <p>
            {item.source === 'sync' ? m.reviewSyncedRow : m.reviewFileRow}: <span class="date">{day(item.row.date)}</span>{' '}
            <span class="amount">{money(item.row.amountMinor, item.row.currency)}</span>{' '}
            <span class="description">{item.row.description}</span>
          </p>
          <ul class="candidates">
            {item.candidates.map((c) => (
              <li>
                {m.reviewCouldBe(c.id)} <Tx t={c} />
              </li>
            ))}
          </ul>
          <p class="hint">
            {m.reviewLinkBefore} <a href="/import">{m.navImport}</a>
            {m.reviewLinkAfter === '.' ? '.' : ` ${m.reviewLinkAfter}`}
          </p>
        </div>
      ) : (
        <div class="what">
          <p>
            #{String(item.id)} <Tx t={item.transaction} /> ·{' '}
            <span class="category">
              <CategoryLabel t={item.transaction} />
            </span>
          </p>
          {item.kind === 'transfer' && (
            <p class="pair">
              {item.pair ? (
                <>
                  {m.reviewPairedWith(item.pair.id, item.pair.accountName)} <Tx t={item.pair} />
                </>
              ) : (
                m.reviewOwnAccount
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

export function ReviewPage(p: {
  session: Session;
  queue: ReviewQueue;
  page: { number: number; size: number };
  categories: Category[];
}) {
  const { m } = useI18n();
  const { queue } = p;
  const entries = queue.items.filter((i) => i.kind !== 'duplicate').length;
  const first = (p.page.number - 1) * p.page.size;
  const older = entries === p.page.size && (queue.totalCapped || first + entries < queue.total);
  return (
    <Layout title={m.reviewTitle} session={p.session}>
      <h1>{m.reviewTitle}</h1>
      <p class="hint">{m.reviewHint(queue.reviewedUpTo ? queue.reviewedUpTo.slice(0, 16).replace('T', ' ') : null)}</p>
      {queue.items.length === 0 ? (
        <p class="empty" data-review-empty>
          {m.reviewEmpty}
        </p>
      ) : (
        <>
          <p data-review-total>{m.reviewTotalPage(queue.total, queue.totalCapped, first + 1, first + entries)}</p>
          <ul class="review-list">
            {queue.items.map((item) => (
              <Entry session={p.session} item={item} categories={p.categories} />
            ))}
          </ul>
          {(p.page.number > 1 || older) && (
            <nav class="pager" aria-label={m.reviewPages}>
              {p.page.number > 1 && <a href={`/review?page=${p.page.number - 1}`}>{m.reviewNewer}</a>}{' '}
              {older && <a href={`/review?page=${p.page.number + 1}`}>{m.reviewOlder}</a>}
            </nav>
          )}
        </>
      )}
      {/* An empty inbox has nothing new to mark. */}
      {queue.items.length > 0 && (
        <form method="post" action="/review/done">
          <Csrf session={p.session} />
          <button type="submit">{m.reviewMarkDone}</button>
        </form>
      )}
    </Layout>
  );
}

/** "And similar" without JavaScript: the rule and what it would move, then Apply or Cancel. */
export function SimilarPreviewPage(p: { session: Session; preview: SimilarPreview; categories: Category[] }) {
  const { m, day, money, category } = useI18n();
  const v = p.preview;
  const target = category(v.category.slug, v.category.name);
  const byId = new Map(p.categories.map((c) => [c.id, category(c.slug, c.name)]));
  return (
    <Layout title={m.reviewSimilarTitle} session={p.session}>
      <h1>{m.reviewSimilarTitle}</h1>
      <p data-similar-rule>
        {m.reviewSimilarRule(v.rule, target, v.matched)} <span data-similar-moves>{String(v.moves)}</span>{' '}
        {m.reviewSimilarMoves(target)}
      </p>
      {v.sample.length > 0 && (
        <ul>
          {v.sample.map((s) => (
            <li>
              {day(s.bookingDate)} {s.merchant ?? s.description} {money(s.amountMinor, s.currency)}:{' '}
              {s.fromCategoryId === null ? category('uncategorized', 'Uncategorized') : (byId.get(s.fromCategoryId) ?? '?')} →{' '}
              {byId.get(s.toCategoryId) ?? '?'}
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
          {m.reviewApply}
        </button>{' '}
        <a href="/review">{m.reviewCancel}</a>
      </form>
    </Layout>
  );
}
