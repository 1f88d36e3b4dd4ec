import { createContext, isValidElement, useContext } from 'hono/jsx';
import type { Context, MiddlewareHandler } from 'hono';
import { TraxError } from '../domain/errors.js';
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
  return i18nFor(useContext(LangContext));
}

export function i18nFor(lang: Lang): I18n {
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
 * The request's language for a route handler: flash sentences and errors are written before the
 * page renders, so outside the JSX context. Kept per request object, so nothing leaks between
 * requests.
 */
const requestLangs = new WeakMap<Request, Lang>();

export function routeI18n(c: Context): I18n {
  return i18nFor(requestLangs.get(c.req.raw) ?? 'en');
}

/** A refusal's sentence in the page's language (a TraxError told from the catalogue), else its text. */
export function errorText(c: Context, e: unknown): string {
  return e instanceof TraxError ? e.messageIn(routeI18n(c).m) : e instanceof Error ? e.message : String(e);
}

/**
 * Picks the request's language (TRAX_LANG, else Accept-Language) and renders every `c.html(<Page/>)`
 * inside it. Only JSX is wrapped: a string body is already HTML and must pass unchanged.
 */
export function languageFromRequest(env: NodeJS.ProcessEnv = process.env): MiddlewareHandler {
  return async (c, next) => {
    const lang = requestLang(env, c.req.header('accept-language'));
    requestLangs.set(c.req.raw, lang);
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
