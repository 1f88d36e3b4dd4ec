import type { Child } from 'hono/jsx';
import type { Session } from '../session.js';
import { badgeText } from '../../review/badge.js';
import { useI18n } from '../i18n.js';

export function Layout(props: {
  title: string;
  session: Session;
  children: Child;
  scripts?: string[];
  /** Navigate here at once (a page that hands the browser on to a bank's login). */
  refreshTo?: string;
  /** The search box's text, on the page of its results. */
  query?: string;
}) {
  const { lang, m } = useI18n();
  const flash = props.session.flash;
  props.session.flash = null;
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="csrf-token" content={props.session.csrf} />
        {props.refreshTo && <meta http-equiv="refresh" content={`0;url=${props.refreshTo}`} />}
        <title>{`${props.title} · Trax`}</title>
        <link rel="stylesheet" href="/static/style.css" />
      </head>
      <body>
        <header>
          <a class="brand" href="/">
            Trax
          </a>
          <nav>
            <a href="/dashboard">{m.navDashboard}</a>
            <a href="/transactions">{m.navTransactions}</a>
            <a href="/">{m.navBanks}</a>
            <a href="/import">{m.navImport}</a>
            <a href="/history">{m.navHistory}</a>
            <a href="/rules">{m.navManage}</a>
            <a href="/review" data-review-count={badgeText(props.session.reviewCount ?? 0) || '0'}>
              {m.reviewNav}
              {props.session.reviewCount ? <span class="badge count">{badgeText(props.session.reviewCount)}</span> : null}
            </a>
          </nav>
          {/* The search language of `trax search`; results are the transaction list (the query stays in the URL). */}
          <form method="get" action="/transactions" role="search" class="search">
            <input
              type="search"
              name="q"
              value={props.query ?? ''}
              placeholder={m.searchPlaceholder}
              aria-label={m.searchLabel}
            />
          </form>
          {props.session.savedSearches?.length ? (
            <nav class="saved-searches" aria-label={m.savedSearchesNav}>
              <span class="muted">{m.savedSearchesNav}:</span>
              {props.session.savedSearches.map((s) => (
                <a href={`/transactions?${new URLSearchParams({ q: s.query })}`} data-saved-search={s.name}>
                  {s.name}
                </a>
              ))}
            </nav>
          ) : null}
        </header>
        <main>
          {props.session.reminders.map((r) => (
            <p class={`banner banner-${r.state}`} role="alert" data-reminder={r.connectionId}>
              {r.sentence}{' '}
              <a class="button" href={r.relinkUrl}>
                {r.state === 'expiring' ? m.renew : m.relink}
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
