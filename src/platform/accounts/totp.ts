import { Secret, TOTP } from 'otpauth';

const PERIOD = 30;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpFor(secret: string, username: string): TOTP {
  return new TOTP({ issuer: 'Gongzhi', label: username, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });
}

export function totpUri(secret: string, username: string): string {
  return totpFor(secret, username).toString();
}

export function totpCode(secret: string, at: Date): string {
  return totpFor(secret, '').generate({ timestamp: at.getTime() });
}

/**
 * The time step the code belongs to (±1 step of clock drift), or null. Callers refuse a step at or
 * below the last one accepted, so an intercepted code cannot be replayed.
 */
export function totpStep(secret: string, code: string, at: Date): number | null {
  const delta = totpFor(secret, '').validate({ token: code, timestamp: at.getTime(), window: 1 });
  if (delta === null) return null;
  return Math.floor(at.getTime() / 1000 / PERIOD) + delta;
}
