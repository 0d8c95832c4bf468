import { timingSafeEqual } from 'node:crypto';
import type { Deps } from '../../platform/deps.js';
import { hmacSm3 } from '../../platform/crypto.js';
import { SYSTEM_ACTOR, dbContext, type Actor } from '../../platform/actor.js';
import { withContext } from '../../platform/db/context.js';
import { AppError, invalidField } from '../../platform/errors.js';
import { identifyResident } from '../people/index.js';
import { findRegionForUpdate } from '../regions/index.js';

// A resident's pass for the co-creation phone pages (opinions, ballots, ratings, "my household's
// contributions"): the resident gives name and ID number once, the registry confirms they live in
// the village, and the page carries a signed pass for two hours. No account is needed; the pass
// names a registry person, so one person is one elector whatever page they come from.

const PASS_HOURS = 2;

export interface ResidentPass {
  residentId: string;
  householdId: string;
  name: string;
  /** The village the pass was asked for. */
  villageCode: string;
  villagePath: string;
  /** The household's own path (village, plus grid when assigned). */
  householdPath: string;
  adult: boolean;
  isHead: boolean;
  expiresAt: string;
}

function sign(config: Deps['config'], payload: string): string {
  return hmacSm3(config.hmacKey, `cocreation-pass:${payload}`);
}

/** Checks name and ID number against the village's registry and returns a signed pass. */
export async function issueResidentPass(
  deps: Deps,
  body: { villageCode: string; name: string; idNumber: string },
): Promise<{ token: string; pass: ResidentPass; villageName: string }> {
  const now = deps.clock.now();
  return withContext(deps.db, dbContext(SYSTEM_ACTOR), async (tx) => {
    const village = await findRegionForUpdate(tx, body.villageCode);
    if (!village || village.level !== 'village') throw invalidField('villageCode', '村（社区）不存在');
    const who = await identifyResident(tx, deps.config, { name: body.name, idNumber: body.idNumber, areaPath: village.path, today: now });
    const pass: ResidentPass = {
      residentId: who.residentId,
      householdId: who.householdId,
      name: who.name,
      villageCode: village.code,
      villagePath: village.path,
      householdPath: who.path,
      adult: who.adult,
      isHead: who.isHead,
      expiresAt: new Date(now.getTime() + PASS_HOURS * 3600_000).toISOString(),
    };
    const payload = Buffer.from(JSON.stringify(pass)).toString('base64url');
    return { token: `${payload}.${sign(deps.config, payload)}`, pass, villageName: village.name };
  });
}

function sameText(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** Reads a pass sent by a phone page (header `x-resident-pass`); refuses a forged or expired one. */
export function readResidentPass(deps: Deps, token: string | undefined): ResidentPass {
  const refuse = (why: string) => new AppError('UNAUTHENTICATED', why, { field: 'pass' });
  if (!token) throw refuse('请先核验身份（姓名和身份证号）');
  const [payload, signature] = token.split('.');
  if (!payload || !signature || !sameText(sign(deps.config, payload), signature)) throw refuse('身份凭证无效，请重新核验');
  let pass: ResidentPass;
  try {
    pass = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as ResidentPass;
  } catch {
    throw refuse('身份凭证无效，请重新核验');
  }
  if (new Date(pass.expiresAt).getTime() <= deps.clock.now().getTime()) throw refuse('身份凭证已过期，请重新核验');
  return pass;
}

/** The header a phone page sends its pass in. */
export const PASS_HEADER = 'x-resident-pass';

/**
 * The actor a resident's write is audited as: anonymous to the database (the service checks the
 * pass and writes through the server's context, as intake's public page does), named in the log
 * as `resident:<registry id>` so "who entered what" is answerable — but never with a secret
 * ballot's choice.
 */
export function residentActor(pass: ResidentPass, clientIp: string | null): Actor {
  return {
    ...SYSTEM_ACTOR,
    userId: null,
    username: `resident:${pass.residentId}`,
    displayName: pass.name,
    role: 'anonymous',
    regionCode: pass.villageCode,
    clientIp,
  };
}
