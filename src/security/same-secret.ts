import { timingSafeEqual } from 'node:crypto';

/** Compares an OAuth state (or any secret token) in constant time, so timing reveals no prefix. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
