/**
 * Which language Trax speaks. Two for now, English and German; a third is one more catalogue in
 * messages/ and one more entry here. The choice never reaches JSON output or the database: JSON
 * stays minor units and ISO dates in every language.
 */
export const LANGS = ['en', 'de'] as const;
export type Lang = (typeof LANGS)[number];

/** "de", "de-AT", "de_DE.UTF-8" → de; anything Trax has no catalogue for → null. */
export function parseLang(tag: string | undefined | null): Lang | null {
  const base = tag
    ?.trim()
    .toLowerCase()
    .split(/[-_.@]/)[0];
  return (LANGS as readonly string[]).includes(base ?? '') ? (base as Lang) : null;
}

/**
 * The terminal's language: TRAX_LANG, else the POSIX locale variables in their order of
 * precedence (LC_ALL, LC_MESSAGES, LANG), else English. "C" and "POSIX" mean English.
 */
export function langFromEnv(env: NodeJS.ProcessEnv): Lang {
  for (const key of ['TRAX_LANG', 'LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const v = env[key]?.trim();
    if (v) return parseLang(v) ?? 'en';
  }
  return 'en';
}

/**
 * The browser's preferred language among Trax's, by the q-values of Accept-Language
 * (RFC 9110 §12.5.4); ties keep the header's order. No match → English.
 */
export function langFromAcceptLanguage(header: string | undefined | null): Lang {
  if (!header) return 'en';
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((x) => x !== undefined);
      return { lang: parseLang(tag), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.lang && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked[0]?.lang ?? 'en';
}

/** The web app's language for one request: TRAX_LANG when the user set it, else the browser's. */
export function requestLang(env: NodeJS.ProcessEnv, acceptLanguage: string | undefined): Lang {
  return parseLang(env.TRAX_LANG) ?? langFromAcceptLanguage(acceptLanguage);
}
