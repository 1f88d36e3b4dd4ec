/** A bank logo as Trax serves it from its own origin (the page's CSP allows no third-party images). */
export interface Logo {
  type: string;
  bytes: Uint8Array<ArrayBuffer>;
}

const MAX_BYTES = 256 * 1024;

/**
 * Fetches a logo URL taken from /aspsps (never one from a request: that would let a page make
 * Trax fetch anything). Anything that is not a small image comes back as null, and the picker
 * shows initials instead.
 */
export async function fetchLogo(url: string, timeoutMs: number): Promise<Logo | null> {
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
    const res = await fetch(u, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
    const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!res.ok || !/^image\/(png|jpeg|gif|webp|svg\+xml)$/.test(type)) return null;
    const bytes = new Uint8Array(await res.arrayBuffer());
    return bytes.byteLength <= MAX_BYTES ? { type, bytes } : null;
  } catch {
    return null;
  }
}

/** The logo as a data: URL, for a connection card (which shows only data: images). */
export function logoDataUrl(logo: Logo): string {
  return `data:${logo.type};base64,${Buffer.from(logo.bytes).toString('base64')}`;
}
