import { syncHistory } from '../../schedule/history.js';
import { factory } from '../env.js';
import { Layout } from '../views/layout.js';

/** Recent sync runs per connection: nobody should need the logs to see that a bank stopped syncing. */
export const history = factory.createApp();

history.get('/history', (c) => {
  const rows = syncHistory(c.get('deps').app, { limit: 200 });
  return c.html(
    <Layout title="Sync history" session={c.get('session')}>
      <h1>Sync history</h1>
      {rows.length === 0 ? (
        <p class="empty">No syncs yet. Link a bank; its first sync runs right away, then on the schedule.</p>
      ) : (
        <table class="history stack">
          <thead>
            <tr>
              <th>Started</th>
              <th>Bank</th>
              <th>Trigger</th>
              <th>Status</th>
              <th class="amount">Duration</th>
              <th class="amount">Added / changed / removed</th>
              <th>Error</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr data-status={r.status}>
                <td data-label="Started">{r.startedAt.slice(0, 16).replace('T', ' ')}</td>
                <td data-label="Bank">{r.institution}</td>
                <td data-label="Trigger">{r.trigger}</td>
                <td data-label="Status" class={r.status === 'failed' ? 'negative' : ''}>
                  {r.status}
                </td>
                <td data-label="Duration" class="amount">
                  {r.durationMs === null ? '—' : `${(r.durationMs / 1000).toFixed(1)} s`}
                </td>
                <td data-label="Added / changed / removed" class="amount">
                  {r.added} / {r.modified} / {r.removed}
                </td>
                <td data-label="Error" class="error">
                  {r.error ?? ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>,
  );
});
