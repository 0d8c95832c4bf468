import { Algorithm, hash, verify } from '@node-rs/argon2';
import { invalidField } from '../errors.js';

/** 等保 policy: at least 8 characters from at least 3 of: lower case, upper case, digits, symbols. */
export function checkPasswordPolicy(password: string, field = 'password'): void {
  if (password.length < 8) throw invalidField(field, '密码至少 8 位');
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) throw invalidField(field, '密码须包含大写字母、小写字母、数字、符号中的至少三类');
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: Algorithm.Argon2id });
}

export function verifyPassword(stored: string, password: string): Promise<boolean> {
  return verify(stored, password).catch(() => false);
}

/** Verified against when the username is unknown, so a wrong name costs as long as a wrong password. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('dummy-Password-1');
  return dummyHash;
}
