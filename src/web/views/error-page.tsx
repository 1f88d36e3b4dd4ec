import type { Session } from '../session.js';
import { useI18n } from '../i18n.js';
import { MessagePage } from './pages.js';

/** A refused or failed request as a page, titled for its status in the page's language. */
export function ErrorPage(p: { session: Session; status: number; text: string | null }) {
  const { m } = useI18n();
  return <MessagePage session={p.session} title={m.errorTitle(p.status)} text={p.text ?? m.errorUnexpected} />;
}
