import { describe, expect, it } from 'vitest';
import pc from 'picocolors';
import { clean, expiry } from '../../src/cli/output.js';

const now = new Date('2026-11-21T12:00:00Z');

describe('terminal output', () => {
  it('colours consent expiry: red when expired, yellow within 7 days, green otherwise', () => {
    expect(expiry('2026-11-20T00:00:00Z', now)).toBe(pc.red('2026-11-20 (expired)'));
    expect(expiry('2026-11-25T00:00:00Z', now)).toBe(pc.yellow('2026-11-25 (in 3 days)'));
    expect(expiry('2027-02-01T00:00:00Z', now)).toBe(pc.green('2027-02-01 (in 71 days)'));
    expect(expiry(null, now)).toBe(pc.dim('unknown'));
  });

  it('strips control and bidi characters from bank text', () => {
    expect(clean('A\u001b[31mB\u0007C\u202eD')).toBe('A [31mB C D');
  });
});
