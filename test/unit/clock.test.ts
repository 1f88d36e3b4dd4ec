import { describe, expect, it } from 'vitest';
import { clockFrom } from '../../src/config/clock.js';
import { parseConfig } from '../../src/config/index.js';

describe('TRAX_CLOCK', () => {
  it('starts Trax at the given instant, with or without an offset, and is off by default', () => {
    expect(parseConfig({}).clockStart).toBeNull();
    expect(parseConfig({ TRAX_CLOCK: '2026-06-15T10:00:00Z' }).clockStart).toEqual(new Date('2026-06-15T10:00:00Z'));
    expect(parseConfig({ TRAX_CLOCK: '2026-06-15T12:00:00+02:00' }).clockStart).toEqual(new Date('2026-06-15T10:00:00Z'));
  });

  it('refuses what is not an instant with one sentence naming the variable', () => {
    for (const bad of ['2026-06-15', 'now', '15.06.2026 10:00']) {
      expect(() => parseConfig({ TRAX_CLOCK: bad })).toThrow(
        /^TRAX_CLOCK must be an instant such as 2026-06-15T10:00:00Z \(Trax starts its clock there and lets it tick, for reproducible runs\); remove it to use the real time\./,
      );
    }
  });

  it('ticks from its start and never runs backwards', () => {
    const start = new Date('2026-01-31T23:30:00Z');
    const now = clockFrom(start);
    const a = now().getTime();
    const b = now().getTime();
    expect(a).toBeGreaterThanOrEqual(start.getTime());
    expect(a - start.getTime()).toBeLessThan(60_000); // it started there, not at the machine's time
    expect(b).toBeGreaterThanOrEqual(a);
  });
});
