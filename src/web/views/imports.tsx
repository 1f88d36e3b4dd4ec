import { formatMoney } from '../../domain/money.js';
import type { ImportResult } from '../../imports/pipeline/index.js';
import { balanceSentence, countsSentence } from '../../imports/pipeline/summary.js';
import type { StoredAccount } from '../../store/accounts.js';
import type { ImportRecord, ReviewItem } from '../../store/imports.js';
import type { TransactionRow } from '../../store/transactions.js';
import type { Session } from '../session.js';
import { Layout } from './layout.js';

const PLACEMENT: Record<string, string> = {
  new: 'new',
  linked: 'already in Trax',
  duplicate: 'imported before',
  review: 'to review',
};

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
  return (
    <Layout title="Import a file" session={p.session}>
      <h1>Import a file</h1>
      <p class="hint">
        A statement your bank lets you download: ING CSV (Umsatzanzeige), other banks' CSV, CAMT.052/053/054, MT940/MT942, OFX/QFX
        or QIF. Trax reads the format from the content, matches the account by IBAN, and shows what it would add before anything
        is written. Up to 20 MB.
      </p>
      {p.error && (
        <p class="flash error" role="alert" data-import-error>
          {p.error}
        </p>
      )}
      <form method="post" action="/import/preview" enctype="multipart/form-data" class="upload">
        <Csrf session={p.session} />
        <label>
          Statement file <input type="file" name="file" required />
        </label>
        <label>
          Account{' '}
          <select name="account">
            <option value="">the one with the file's IBAN (or a new one)</option>
            {p.accounts.map((a) => (
              <option value={String(a.id)} selected={a.id === p.accountId}>
                {a.name} {a.iban ?? a.numberHint ?? ''} ({a.currency})
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="primary">
          Preview
        </button>
      </form>
      <ReviewList session={p.session} reviews={p.reviews} />
      <h2>Imported files</h2>
      {p.history.length === 0 ? (
        <p class="empty">No files imported yet.</p>
      ) : (
        <table class="imports stack">
          <thead>
            <tr>
              <th>When</th>
              <th>File</th>
              <th>Format</th>
              <th>Account</th>
              <th class="amount">New</th>
              <th class="amount">Already in Trax</th>
              <th class="amount">Imported before</th>
              <th class="amount">To review</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {p.history.map((i) => (
              <tr data-import-id={String(i.id)}>
                <td data-label="When">{i.createdAt.slice(0, 16).replace('T', ' ')}</td>
                <td data-label="File">{i.fileName}</td>
                <td data-label="Format">{i.format}</td>
                <td data-label="Account">{i.accountName ?? ''}</td>
                <td data-label="New" class="amount">
                  {i.added}
                </td>
                <td data-label="Already in Trax" class="amount">
                  {i.linked}
                </td>
                <td data-label="Imported before" class="amount">
                  {i.duplicates}
                </td>
                <td data-label="To review" class="amount">
                  {i.review}
                </td>
                <td>
                  {i.undoneAt ? (
                    <span class="muted">undone {i.undoneAt.slice(0, 10)}</span>
                  ) : (
                    <form
                      method="post"
                      action={`/import/${i.id}/undo`}
                      data-confirm={`Remove the ${i.added} rows ${i.fileName} added?`}
                    >
                      <Csrf session={p.session} />
                      <button type="submit">Undo</button>
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
  if (p.reviews.length === 0) return null;
  return (
    <section class="reviews">
      <h2>To review ({p.reviews.length})</h2>
      <p class="hint">Each of these could be more than one booking Trax already has. Say which, or that it is its own.</p>
      {p.reviews.map((r) => (
        <article class="review" data-review-id={String(r.id)}>
          <p>
            <strong>{r.row.bookingDate}</strong> {formatMoney(r.row.amountMinor, r.row.currency)}{' '}
            {[r.row.counterpartyName, r.row.description].filter(Boolean).join(' · ')}{' '}
            <span class="muted">({r.source === 'sync' ? 'synced' : 'from a file'})</span>
          </p>
          <ul>
            {r.rows.map((t) => (
              <li>
                <form method="post" action={`/import/review/${r.id}`}>
                  <Csrf session={p.session} />
                  <input type="hidden" name="answer" value="link" />
                  <input type="hidden" name="transaction" value={String(t.id)} />
                  {t.booking_date} {formatMoney(t.amount_minor, t.currency)} {t.description}{' '}
                  <button type="submit">It is this one</button>
                </form>
              </li>
            ))}
          </ul>
          <form method="post" action={`/import/review/${r.id}`} class="inline">
            <Csrf session={p.session} />
            <input type="hidden" name="answer" value="add" />
            <button type="submit">It is a booking of its own</button>
          </form>
          {r.source !== 'sync' && (
            <form method="post" action={`/import/review/${r.id}`} class="inline">
              <Csrf session={p.session} />
              <input type="hidden" name="answer" value="skip" />
              <button type="submit">Leave it out</button>
            </form>
          )}
        </article>
      ))}
    </section>
  );
}

export function ImportPreviewPage(p: { session: Session; token: string; name: string; results: ImportResult[]; done: boolean }) {
  return (
    <Layout title={p.done ? 'Imported' : 'Preview'} session={p.session}>
      <h1>
        {p.done ? 'Imported' : 'Preview'}: {p.name}
      </h1>
      {p.results.map((r) => (
        <section class="import-result" data-format={r.format}>
          <p>
            {r.formatLabel} ·{' '}
            {r.newAccount ? `a new offline account "${r.accountName}"` : `${r.accountName} (account ${r.accountId})`}
            {r.firstDate ? ` · bookings ${r.firstDate} to ${r.lastDate}` : ''}
          </p>
          <p class="counts" data-counts>
            <strong>{countsSentence(r)}</strong>
          </p>
          <p class={r.balanceCheck && !r.balanceCheck.ok ? 'flash error' : 'muted'} data-balance>
            {balanceSentence(r.balanceCheck)}
          </p>
          {!p.done && r.preview.length > 0 && (
            <table class="preview stack">
              <thead>
                <tr>
                  <th></th>
                  <th>Date</th>
                  <th class="amount">Amount</th>
                  <th>Description</th>
                </tr>
              </thead>
              <tbody>
                {r.preview.map((row) => (
                  <tr data-placement={row.placement}>
                    <td data-label="">{PLACEMENT[row.placement]}</td>
                    <td data-label="Date">{row.bookingDate}</td>
                    <td data-label="Amount" class={`amount${row.amountMinor < 0 ? ' negative' : ''}`}>
                      {formatMoney(row.amountMinor, row.currency)}
                    </td>
                    <td data-label="Description">{[row.counterpartyName, row.description].filter(Boolean).join(' · ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {p.done && r.accountId !== null && (
            <p>
              <a href={`/transactions?account=${r.accountId}`}>See the account's transactions</a>
              {r.review > 0 ? (
                <>
                  {' '}
                  · <a href="/import">{r.review} to review</a>
                </>
              ) : null}
            </p>
          )}
        </section>
      ))}
      {p.done ? (
        <p>
          <a class="button" href="/import">
            Import another file
          </a>
        </p>
      ) : (
        <div class="buttons">
          <form method="post" action="/import/commit">
            <Csrf session={p.session} />
            <input type="hidden" name="token" value={p.token} />
            <button type="submit" class="primary">
              Import
            </button>
          </form>
          <form method="post" action="/import/cancel">
            <Csrf session={p.session} />
            <input type="hidden" name="token" value={p.token} />
            <button type="submit">Cancel</button>
          </form>
        </div>
      )}
    </Layout>
  );
}

/** For a CSV no preset knows: which column is which, saved for the account once imported. */
export function ColumnPickerPage(p: { session: Session; token: string; name: string; columns: string[]; message: string }) {
  const pick = (key: string, label: string, required: boolean) => (
    <label>
      {label}{' '}
      <select name={`map_${key}`} required={required}>
        <option value="">{required ? 'choose a column' : '(none)'}</option>
        {p.columns.map((c) => (
          <option value={c}>{c}</option>
        ))}
      </select>
    </label>
  );
  return (
    <Layout title="Which column is which" session={p.session}>
      <h1>Which column is which: {p.name}</h1>
      <p class="hint">{p.message}</p>
      <form method="post" action="/import/map" class="column-picker">
        <Csrf session={p.session} />
        <input type="hidden" name="token" value={p.token} />
        {pick('date', 'Booking date', true)}
        {pick('amount', 'Amount', true)}
        {pick('description', 'Description', false)}
        {pick('counterparty', 'Payee / payer', false)}
        <label>
          Currency <input name="map_currencyCode" value="EUR" pattern="[A-Za-z]{3}" required />
        </label>
        <button type="submit" class="primary">
          Preview
        </button>
      </form>
    </Layout>
  );
}
