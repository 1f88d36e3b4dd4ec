import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Uploaded statement files between the preview and the Import click. Each lives in its own
 * private temp dir (0700, the file 0600) under a random token the uploading session holds; it is
 * deleted after the import, on Cancel, or when it expires. The bytes are only ever given to the
 * statement parsers.
 */
export interface PendingUpload {
  token: string;
  file: string;
  name: string;
  accountId: number | undefined;
  map: Record<string, string> | undefined;
  /** The uploading session (its CSRF secret): a token is useless in another browser. */
  owner: string;
  expiresAt: number;
}

const TTL_MS = 30 * 60_000;

export class Uploads {
  private readonly byToken = new Map<string, PendingUpload>();

  constructor(private readonly now: () => number) {}

  add(owner: string, name: string, bytes: Uint8Array, accountId: number | undefined): PendingUpload {
    this.sweep();
    const dir = mkdtempSync(path.join(tmpdir(), 'trax-upload-'));
    // The name is shown and recorded, never used as a path: only its base, with odd characters replaced.
    const safe =
      path
        .basename(name)
        .replace(/[^\p{L}\p{N}._ -]/gu, '_')
        .slice(0, 120) || 'statement';
    const file = path.join(dir, safe);
    writeFileSync(file, bytes, { mode: 0o600 });
    const upload: PendingUpload = {
      token: randomBytes(18).toString('base64url'),
      file,
      name: safe,
      accountId,
      map: undefined,
      owner,
      expiresAt: this.now() + TTL_MS,
    };
    this.byToken.set(upload.token, upload);
    return upload;
  }

  get(owner: string, token: string): PendingUpload | undefined {
    this.sweep();
    const u = this.byToken.get(token);
    return u && u.owner === owner ? u : undefined;
  }

  done(token: string): void {
    const u = this.byToken.get(token);
    if (!u) return;
    this.byToken.delete(token);
    rmSync(path.dirname(u.file), { recursive: true, force: true });
  }

  private sweep(): void {
    const now = this.now();
    for (const [token, u] of this.byToken) if (u.expiresAt < now) this.done(token);
  }
}
