import { syncHistory, type SyncHistoryRow } from '../../schedule/history.js';
import { factory } from '../env.js';
import { useI18n } from '../i18n.js';
import type { Session } from '../session.js';
import { Layout } from '../views/layout.js';

/** Recent sync runs per connection: nobody should need the logs to see that a bank stopped syncing. */
export const history = factory.createApp();

history.get('/history', (c) =>
  c.html(<HistoryPage session={c.get('session')} rows={syncHistory(c.get('deps').app, { limit: 200 })} />),
);

function HistoryPage(p: { session: Session; rows: SyncHistoryRow[] }) {
  const { m, lang, day } = useI18n();
  const when = (iso: string) => `${day(iso.slice(0, 10))} ${iso.slice(11, 16)}`;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1).replace('.', lang === 'de' ? ',' : '.')} s`;
  return (
    <Layout title={m.historyTitle} session={p.session}>
      <h1>{m.historyTitle}</h1>
      {p.rows.length === 0 ? (
        <p class="empty">{m.historyEmpty}</p>
      ) : (
        <table class="history stack">
          <thead>
            <tr>
              <th>{m.started}</th>
              <th>{m.bank}</th>
              <th>{m.trigger}</th>
              <th>{m.status}</th>
              <th class="amount">{m.duration}</th>
              <th class="amount">{m.addedChangedRemoved}</th>
              <th>{m.error}</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr data-status={r.status}>
                <td data-label={m.started}>{when(r.startedAt)}</td>
                <td data-label={m.bank}>{r.institution}</td>
                <td data-label={m.trigger}>{m.triggerName(r.trigger)}</td>
                <td data-label={m.status} class={r.status === 'failed' ? 'negative' : ''}>
                  {m.runStatus(r.status)}
                </td>
                <td data-label={m.duration} class="amount">
                  {r.durationMs === null ? '—' : seconds(r.durationMs)}
                </td>
                <td data-label={m.addedChangedRemoved} class="amount">
                  {r.added} / {r.modified} / {r.removed}
                </td>
                <td data-label={m.error} class="error">
                  {r.error ?? ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
