import type { ImportResult } from '../../imports/pipeline/index.js';
import { balanceSentence, countsSentence } from '../../imports/pipeline/summary.js';
import type { StoredAccount } from '../../store/accounts.js';
import type { ImportRecord, ReviewItem } from '../../store/imports.js';
import type { TransactionRow } from '../../store/transactions.js';
import type { Session } from '../session.js';
import { Layout } from './layout.js';
import { useI18n } from '../i18n.js';

function Csrf(p: { session: Session }) {
  return <input type="hidden" name="_csrf" value={p.session.csrf} />;
}

export function ImportPage(p: {
  session: Session;
  accounts: StoredAccount[];
  accountId: number | undefined;
  history: ImportRecord[];
  reviews: Array<ReviewItem & { rows: TransactionRow[] }>;
  error?: string;
}) {
  const { m, day } = useI18n();
  return (
    <Layout title={m.importTitle} session={p.session}>
      <h1>{m.importTitle}</h1>
      <p class="hint">{m.importIntro}</p>
      {p.error && (
        <p class="flash error" role="alert" data-import-error>
          {p.error}
        </p>
      )}
      <form method="post" action="/import/preview" enctype="multipart/form-data" class="upload">
        <Csrf session={p.session} />
        <label>
          {m.statementFile} <input type="file" name="file" required />
        </label>
        <label>
          {m.account}{' '}
          <select name="account">
            <option value="">{m.accountFromFile}</option>
            {p.accounts.map((a) => (
              <option value={String(a.id)} selected={a.id === p.accountId}>
                {a.name} {a.iban ?? a.numberHint ?? ''} ({a.currency})
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="primary">
          {m.preview}
        </button>
      </form>
      <ReviewList session={p.session} reviews={p.reviews} />
      <h2>{m.importedFiles}</h2>
      {p.history.length === 0 ? (
        <p class="empty">{m.noImports}</p>
      ) : (
        <table class="imports stack">
          <thead>
            <tr>
              <th>{m.when}</th>
              <th>{m.file}</th>
              <th>{m.format}</th>
              <th>{m.account}</th>
              <th class="amount">{m.countNew}</th>
              <th class="amount">{m.countLinked}</th>
              <th class="amount">{m.countDuplicates}</th>
              <th class="amount">{m.countReview}</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {p.history.map((i) => (
              <tr data-import-id={String(i.id)}>
                <td data-label={m.when}>{`${day(i.createdAt.slice(0, 10))} ${i.createdAt.slice(11, 16)}`}</td>
                <td data-label={m.file}>{i.fileName}</td>
                <td data-label={m.format}>{i.format}</td>
                <td data-label={m.account}>{i.accountName ?? ''}</td>
                <td data-label={m.countNew} class="amount">
                  {i.added}
                </td>
                <td data-label={m.countLinked} class="amount">
                  {i.linked}
                </td>
                <td data-label={m.countDuplicates} class="amount">
                  {i.duplicates}
                </td>
                <td data-label={m.countReview} class="amount">
                  {i.review}
                </td>
                <td>
                  {i.undoneAt ? (
                    <span class="muted">{m.undoneOn(day(i.undoneAt.slice(0, 10)))}</span>
                  ) : (
                    <form method="post" action={`/import/${i.id}/undo`} data-confirm={m.confirmUndoImport(i.added, i.fileName)}>
                      <Csrf session={p.session} />
                      <button type="submit">{m.undo}</button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

function ReviewList(p: { session: Session; reviews: Array<ReviewItem & { rows: TransactionRow[] }> }) {
  const { m, money, day } = useI18n();
  if (p.reviews.length === 0) return null;
  return (
    <section class="reviews">
      <h2>{m.toReviewHeading(p.reviews.length)}</h2>
      <p class="hint">{m.importReviewHint}</p>
      {p.reviews.map((r) => (
        <article class="review" data-review-id={String(r.id)}>
          <p>
            <strong>{day(r.row.bookingDate)}</strong> {money(r.row.amountMinor, r.row.currency)}{' '}
            {[r.row.counterpartyName, r.row.description].filter(Boolean).join(' · ')}{' '}
            <span class="muted">({r.source === 'sync' ? m.fromSync : m.fromFile})</span>
          </p>
          <ul>
            {r.rows.map((t) => (
              <li>
                <form method="post" action={`/import/review/${r.id}`}>
                  <Csrf session={p.session} />
                  <input type="hidden" name="answer" value="link" />
                  <input type="hidden" name="transaction" value={String(t.id)} />
                  {day(t.booking_date)} {money(t.amount_minor, t.currency)} {t.description}{' '}
                  <button type="submit">{m.itIsThisOne}</button>
                </form>
              </li>
            ))}
          </ul>
          <form method="post" action={`/import/review/${r.id}`} class="inline">
            <Csrf session={p.session} />
            <input type="hidden" name="answer" value="add" />
            <button type="submit">{m.ownBooking}</button>
          </form>
          {r.source !== 'sync' && (
            <form method="post" action={`/import/review/${r.id}`} class="inline">
              <Csrf session={p.session} />
              <input type="hidden" name="answer" value="skip" />
              <button type="submit">{m.leaveOut}</button>
            </form>
          )}
        </article>
      ))}
    </section>
  );
}

export function ImportPreviewPage(p: { session: Session; token: string; name: string; results: ImportResult[]; done: boolean }) {
  const { m, money, day } = useI18n();
  return (
    <Layout title={p.done ? m.imported : m.preview} session={p.session}>
      <h1>
        {p.done ? m.imported : m.preview}: {p.name}
      </h1>
      {p.results.map((r) => (
        <section class="import-result" data-format={r.format}>
          <p>
            {r.formatLabel} · {r.newAccount ? m.newOfflineAccount(r.accountName) : m.existingAccount(r.accountName, r.accountId)}
            {r.firstDate ? ` · ${m.bookingsFromTo(day(r.firstDate), day(r.lastDate ?? r.firstDate))}` : ''}
          </p>
          <p class="counts" data-counts>
            <strong>{countsSentence(r, m)}</strong>
          </p>
          <p class={r.balanceCheck && !r.balanceCheck.ok ? 'flash error' : 'muted'} data-balance>
            {balanceSentence(r.balanceCheck, m, money)}
          </p>
          {!p.done && r.preview.length > 0 && (
            <table class="preview stack">
              <thead>
                <tr>
                  <th></th>
                  <th>{m.date}</th>
                  <th class="amount">{m.amount}</th>
                  <th>{m.description}</th>
                </tr>
              </thead>
              <tbody>
                {r.preview.map((row) => (
                  <tr data-placement={row.placement}>
                    <td data-label="">{m.placement(row.placement)}</td>
                    <td data-label={m.date}>{day(row.bookingDate)}</td>
                    <td data-label={m.amount} class={`amount${row.amountMinor < 0 ? ' negative' : ''}`}>
                      {money(row.amountMinor, row.currency)}
                    </td>
                    <td data-label={m.description}>{[row.counterpartyName, row.description].filter(Boolean).join(' · ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {p.done && r.accountId !== null && (
            <p>
              <a href={`/transactions?account=${r.accountId}`}>{m.seeAccountTransactions}</a>
              {r.review > 0 ? (
                <>
                  {' '}
                  · <a href="/import">{m.nToReview(r.review)}</a>
                </>
              ) : null}
            </p>
          )}
        </section>
      ))}
      {p.done ? (
        <p>
          <a class="button" href="/import">
            {m.importAnother}
          </a>
        </p>
      ) : (
        <div class="buttons">
          <form method="post" action="/import/commit">
            <Csrf session={p.session} />
            <input type="hidden" name="token" value={p.token} />
            <button type="submit" class="primary">
              {m.importButton}
            </button>
          </form>
          <form method="post" action="/import/cancel">
            <Csrf session={p.session} />
            <input type="hidden" name="token" value={p.token} />
            <button type="submit">{m.cancel}</button>
          </form>
        </div>
      )}
    </Layout>
  );
}

/** For a CSV no preset knows: which column is which, saved for the account once imported. */
export function ColumnPickerPage(p: { session: Session; token: string; name: string; columns: string[]; message: string }) {
  const { m } = useI18n();
  const pick = (key: string, label: string, required: boolean) => (
    <label>
      {label}{' '}
      <select name={`map_${key}`} required={required}>
        <option value="">{required ? m.chooseColumn : m.noColumn}</option>
        {p.columns.map((c) => (
          <option value={c}>{c}</option>
        ))}
      </select>
    </label>
  );
  return (
    <Layout title={m.columnsTitle} session={p.session}>
      <h1>
        {m.columnsTitle}: {p.name}
      </h1>
      <p class="hint">{p.message}</p>
      <form method="post" action="/import/map" class="column-picker">
        <Csrf session={p.session} />
        <input type="hidden" name="token" value={p.token} />
        {pick('date', m.bookingDate, true)}
        {pick('amount', m.amount, true)}
        {pick('description', m.description, false)}
        {pick('counterparty', m.payee, false)}
        <label>
          {m.currency} <input name="map_currencyCode" value="EUR" pattern="[A-Za-z]{3}" required />
        </label>
        <button type="submit" class="primary">
          {m.preview}
        </button>
      </form>
    </Layout>
  );
}
