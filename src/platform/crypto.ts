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
