import type { Child } from 'hono/jsx';
import type { Session } from '../session.js';

export function Layout(props: { title: string; session: Session; children: Child; scripts?: string[] }) {
  const flash = props.session.flash;
  props.session.flash = null;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="csrf-token" content={props.session.csrf} />
        <title>{`${props.title} · Trax`}</title>
        <link rel="stylesheet" href="/static/style.css" />
      </head>
      <body>
        <header>
          <a class="brand" href="/">
            Trax
          </a>
          <nav>
            <a href="/dashboard">Dashboard</a>
            <a href="/transactions">Transactions</a>
            <a href="/">Banks</a>
            <a href="/import">Import</a>
            <a href="/history">Sync history</a>
            <a href="/review" data-review-count={String(props.session.reviewCount ?? 0)}>
              Review{props.session.reviewCount ? <span class="badge count">{String(props.session.reviewCount)}</span> : null}
            </a>
          </nav>
        </header>
        <main>
          {props.session.reminders.map((r) => (
            <p class={`banner banner-${r.state}`} role="alert" data-reminder={r.connectionId}>
              {r.sentence}{' '}
              <a class="button" href={r.relinkUrl}>
                Relink
              </a>
            </p>
          ))}
          {flash && (
            <p class={`flash ${flash.kind}`} role="status">
              {flash.text}
            </p>
          )}
          {props.children}
        </main>
        {(props.scripts ?? []).map((src) => (
          <script src={src}></script>
        ))}
      </body>
    </html>
  );
}
