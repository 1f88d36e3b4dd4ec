import { generateKeyPairSync } from 'node:crypto';

export interface DemoKeyPair {
  privateKeyPem: string;
  publicKeyPem: string;
}

/**
 * A fresh RSA key pair for the demo application, made at start and kept in memory: a key in the
 * repository would be a key anyone could sign with. 2048 bits keeps start-up fast; the real
 * service accepts the 4096-bit keys its control panel makes just the same.
 */
export function generateDemoKeyPair(): DemoKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}
