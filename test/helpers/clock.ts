/**
 * The one instant a test file's emulators and Trax start at, so a test sees the same rows on
 * every day it runs. Order: a file's own useTestStart(), else TRAX_TEST_START (CI re-runs the
 * time-sensitive files near a month end and across a DST change), else DEFAULT_TEST_START.
 */
export const DEFAULT_TEST_START = '2026-06-15T10:00:00Z';

let fileStart: string | undefined;

/** Pins this file's start (vitest loads helpers once per file, so this is per file). */
export function useTestStart(iso: string): void {
  parse(iso, 'useTestStart');
  fileStart = iso;
}

export function testStart(): Date {
  if (fileStart) return parse(fileStart, 'useTestStart');
  const env = process.env.TRAX_TEST_START;
  return parse(env && env.trim() ? env.trim() : DEFAULT_TEST_START, 'TRAX_TEST_START');
}

/** What a CLI child needs to run on the same clock (TRAX_CLOCK starts Trax's clock there). */
export function clockEnv(now: Date = testStart()): { TRAX_CLOCK: string } {
  return { TRAX_CLOCK: now.toISOString() };
}

function parse(iso: string, from: string): Date {
  const d = new Date(iso);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(iso) || Number.isNaN(d.getTime()))
    throw new Error(`${from} "${iso}" is not an instant such as ${DEFAULT_TEST_START}.`);
  return d;
}
