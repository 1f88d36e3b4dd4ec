import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generate } from 'selfsigned';

export const CERT_DIR = 'certs';

/**
 * A self-signed certificate for localhost, so `trax serve` can use HTTPS (Plaid requires HTTPS
 * redirect URIs outside sandbox). The key is readable by this user only.
 */
export async function createLocalhostCert(
  dataDir: string,
  opts: { force?: boolean; days?: number } = {},
): Promise<{ certFile: string; keyFile: string; created: boolean }> {
  const dir = path.join(dataDir, CERT_DIR);
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  if (!opts.force && existsSync(certFile) && existsSync(keyFile)) return { certFile, keyFile, created: false };
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    // 825 days: the longest validity browsers accept for a TLS server certificate.
    notAfterDate: new Date(Date.now() + (opts.days ?? 825) * 86_400_000),
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  writeFileSync(keyFile, pems.private, { mode: 0o600 });
  chmodSync(keyFile, 0o600);
  writeFileSync(certFile, pems.cert, { mode: 0o644 });
  return { certFile, keyFile, created: true };
}
