import type { Config } from '../../platform/config.js';
import { decryptField, encryptField, hmacSm3 } from '../../platform/crypto.js';
import { maskIdNumber, maskPhone } from './id-number.js';

/** How a personal number is stored: ciphertext, lookup digest, and the masked form. */
export interface Protected {
  enc: string;
  hmac: string;
  masked: string;
}

/** The HMAC input carries the kind, so an ID number and a phone number never share a digest. */
export function lookupDigest(config: Config, kind: 'id' | 'phone', value: string): string {
  return hmacSm3(config.hmacKey, `${kind}:${value}`);
}

export function protectIdNumber(config: Config, id: string): Protected {
  return { enc: encryptField(config.dataKey, id), hmac: lookupDigest(config, 'id', id), masked: maskIdNumber(id) };
}

export function protectPhone(config: Config, phone: string): Protected {
  return { enc: encryptField(config.dataKey, phone), hmac: lookupDigest(config, 'phone', phone), masked: maskPhone(phone) };
}

export function reveal(config: Config, enc: string): string {
  return decryptField(config.dataKey, enc);
}
