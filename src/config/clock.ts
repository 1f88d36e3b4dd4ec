/**
 * Trax's clock. With TRAX_CLOCK it starts at that instant and then ticks with real time, so a
 * run (or a test's CLI child) sees the same dates on every day it runs while timeouts, token
 * lifetimes and "3 s ago" still behave; without it, the real time.
 */
export function clockFrom(start: Date | null): () => Date {
  if (!start) return () => new Date();
  const offset = start.getTime() - Date.now();
  return () => new Date(Date.now() + offset);
}
