import type { Deps } from '../../platform/deps.js';
import { raiseLowScoreFollowUps } from './rating-service.js';
import { closeDueVotes } from './vote-service.js';

/**
 * Co-creation's part of the periodic sweep: votes past their closing time are closed (their
 * tally fixed), and a finished project whose rating window closed with a low score gets its
 * follow-up proposal. Both are idempotent, so a restart or two servers sweeping do no harm.
 */
export async function sweepCocreation(deps: Deps): Promise<{ votesClosed: number; followUps: number }> {
  const { closed } = await closeDueVotes(deps);
  const { raised } = await raiseLowScoreFollowUps(deps);
  return { votesClosed: closed, followUps: raised.length };
}
