import { crypto } from './lazy-crypto.js';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TraxError } from '../domain/errors.js';

export const KEY_FILE = 'secret.key';

/**
 * The 32-byte key that encrypts tokens at rest: TRAX_SECRET_KEY when set, else a key file in the
 * data dir, created on first use with mode 0600 so only this user can read it.
 */
export function loadSecretKey(dataDir: string, keyHex: string | null): Buffer {
  if (keyHex) return Buffer.from(keyHex, 'hex');
  const file = path.join(dataDir, KEY_FILE);
  if (!existsSync(file)) {
    try {
      // 'wx' fails if another process created the file in between; we then read theirs.
      writeFileSync(file, crypto().randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new TraxError(
          'secret_key_invalid',
          `Could not create the key file ${file} (${(e as Error).message}); make TRAX_DATA_DIR writable or set TRAX_SECRET_KEY.`,
        );
      }
    }
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (e) {
    throw new TraxError(
      'secret_key_invalid',
      `Could not read the key file ${file} (${(e as Error).message}); fix its permissions (chmod 600) or set TRAX_SECRET_KEY.`,
    );
  }
  if (!/^[0-9a-f]{64}$/i.test(text)) {
    throw new TraxError(
      'secret_key_invalid',
      `The key file ${file} does not hold 64 hex characters; restore it from your backup, or set TRAX_SECRET_KEY.`,
    );
  }
  // A key file others can read defeats encryption at rest; tighten it rather than refuse to run.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return Buffer.from(text, 'hex');
}
