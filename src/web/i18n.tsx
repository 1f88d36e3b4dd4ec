import { createContext, isValidElement, useContext } from 'hono/jsx';
import type { MiddlewareHandler } from 'hono';
import { categoryName } from '../i18n/categories.js';
import { formatAmount, formatDay, formatMonth, formatPercent } from '../i18n/format.js';
import { messages, type Lang, type Messages } from '../i18n/index.js';
import { requestLang } from '../i18n/lang.js';

/**
 * The page's language reaches every component through a JSX context, so views ask for it where
 * they print text (`useI18n()`) instead of every route threading it through props.
 */
const LangContext = createContext<Lang>('en');

export interface I18n {
  lang: Lang;
  m: Messages;
  money: (minor: number, currency: string) => string;
  day: (isoDay: string) => string;
  month: (isoMonth: string) => string;
  percent: (ratio: number, signed?: boolean) => string;
  /** A category's name in the page's language (built-in names only; the user's own stay). */
  category: (slug: string, storedName: string) => string;
}

export function useI18n(): I18n {
  const lang = useContext(LangContext);
  return {
    lang,
    m: messages(lang),
    money: (minor, currency) => formatAmount(minor, currency, lang),
    day: (d) => formatDay(d, lang),
    month: (m) => formatMonth(m, lang),
    percent: (r, signed) => formatPercent(r, lang, signed),
    category: (slug, name) => categoryName(slug, name, lang),
  };
}

/**
 * Picks the request's language (TRAX_LANG, else Accept-Language) and renders every `c.html(<Page/>)`
 * inside it. Only JSX is wrapped: a string body is already HTML and must pass unchanged.
 */
export function languageFromRequest(env: NodeJS.ProcessEnv = process.env): MiddlewareHandler {
  return async (c, next) => {
    const lang = requestLang(env, c.req.header('accept-language'));
    const html = c.html.bind(c);
    c.html = ((body: unknown, ...rest: unknown[]) =>
      (html as (...a: unknown[]) => Response | Promise<Response>)(
        isValidElement(body) ? <LangContext.Provider value={lang}>{body}</LangContext.Provider> : body,
        ...rest,
      )) as typeof c.html;
    c.header('Content-Language', lang);
    c.header('Vary', 'Accept-Language', { append: true });
    await next();
  };
}
