import { randomBytes } from 'node:crypto';
import { sm3, sm4 } from 'sm-crypto-v2';

/** 国密 helpers: SM3 digests and HMACs, SM4-GCM for data at rest. */

export function sm3Hex(input: string): string {
  return sm3(input);
}

export function hmacSm3(key: string, input: string): string {
  return sm3(input, { key: Buffer.from(key, 'utf8').toString('hex'), mode: 'hmac' });
}

/** A URL-safe random token of `bytes` random bytes (sessions, query codes). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * SM4-GCM encryption. Output `sm4gcm:v1:<iv>:<ciphertext>:<tag>` in hex; the version lets a key
 * rotation tell old ciphertexts from new ones (see docs/CONFIGURATION.md).
 */
export function encryptField(keyHex: string, plaintext: string): string {
  const iv = randomBytes(12).toString('hex');
  const { output, tag } = sm4.encrypt(Buffer.from(plaintext, 'utf8').toString('hex'), keyHex, {
    mode: 'gcm',
    iv,
    padding: 'none',
    outputTag: true,
  });
  return `sm4gcm:v1:${iv}:${output}:${tag ?? ''}`;
}

export function decryptField(keyHex: string, stored: string): string {
  const parts = stored.split(':');
  if (parts.length !== 5 || parts[0] !== 'sm4gcm') throw new Error('密文格式不正确');
  const [, , iv, output, tag] = parts as [string, string, string, string, string];
  const hex = sm4.decrypt(output, keyHex, { mode: 'gcm', iv, tag, padding: 'none' });
  return Buffer.from(hex, 'hex').toString('utf8');
}

/** Decrypts with the first key that authenticates (GCM tag), and says which one it was. */
export function decryptWithAny(keysHex: string[], stored: string): { plaintext: string; keyIndex: number } {
  for (const [keyIndex, key] of keysHex.entries()) {
    try {
      return { plaintext: decryptField(key, stored), keyIndex };
    } catch {
      // not this key
    }
  }
  throw new Error('没有一个密钥能解密此字段（密钥配置错误？）');
}

/** Marks a binary SM4-GCM envelope: magic, 12-byte IV, 16-byte tag, then the ciphertext. */
const BYTES_MAGIC = Buffer.from('sm4gcm1', 'ascii');

/**
 * SM4-GCM for whole files at rest (an uploaded registry file kept until its import ends): the same
 * cipher and key as encryptField, in binary, since hex text of a 20 MB file would be 40 MB and slow.
 */
export function encryptBytes(keyHex: string, data: Buffer): Buffer {
  const iv = randomBytes(12);
  const { output, tag } = sm4.encrypt(new Uint8Array(data), keyHex, { mode: 'gcm', iv, padding: 'none', outputTag: true, output: 'array' });
  return Buffer.concat([BYTES_MAGIC, iv, Buffer.from(tag!), Buffer.from(output)]);
}

/** Whether a stored value is an encryptBytes envelope (older rows may hold the plain file). */
export function isEncryptedBytes(stored: Buffer): boolean {
  return stored.length >= BYTES_MAGIC.length + 28 && stored.subarray(0, BYTES_MAGIC.length).equals(BYTES_MAGIC);
}

export function decryptBytes(keyHex: string, stored: Buffer): Buffer {
  if (!isEncryptedBytes(stored)) throw new Error('密文格式不正确');
  const at = BYTES_MAGIC.length;
  const iv = stored.subarray(at, at + 12);
  const tag = stored.subarray(at + 12, at + 28);
  const out = sm4.decrypt(new Uint8Array(stored.subarray(at + 28)), keyHex, { mode: 'gcm', iv, tag, padding: 'none', output: 'array' });
  return Buffer.from(out);
}
