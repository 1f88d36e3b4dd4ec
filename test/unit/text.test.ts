import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clean as cliClean } from '../../src/cli/output.js';
import { clean, neutralizeBidi } from '../../src/domain/text.js';

const BIDI = [
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200e',
  '\u200f',
  '\u061c',
];

describe('bank text neutralized for display', () => {
  it('the CLI prints through the same function the web pages use', () => {
    expect(cliClean).toBe(clean);
  });

  it('every bidi control becomes a space, on the web and in the terminal', () => {
    for (const ch of BIDI) {
      expect(neutralizeBidi(`a${ch}b`)).toBe('a b');
      expect(clean(`a${ch}b`)).toBe('a b');
    }
  });

  it('the web keeps newlines and tabs (HTML needs them); the terminal does not', () => {
    expect(neutralizeBidi('a\nb\tc')).toBe('a\nb\tc');
    expect(clean('a\nb\tc')).toBe('a b c');
  });

  it('property: no bidi control survives, other characters are untouched and the length is kept', () => {
    const char = fc.oneof(fc.constantFrom(...BIDI), fc.string({ unit: 'grapheme', maxLength: 1 }));
    fc.assert(
      fc.property(fc.array(char, { maxLength: 40 }), (parts) => {
        const s = parts.join('');
        const out = neutralizeBidi(s);
        expect(out).not.toMatch(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
        expect(out.length).toBe(s.length);
        for (let i = 0; i < s.length; i++) if (!BIDI.includes(s[i]!)) expect(out[i]).toBe(s[i]);
      }),
      { seed: 9, numRuns: 300 },
    );
  });
});
