import type { VoteMethod } from './kinds.js';
import { YES_NO, type Tally } from './vote-schema.js';

// The tally of a vote, from the ballots alone (pure: tested by recomputing from raw rows).
//
//   turnout      = ballots / electorate size
//   quorum       reached when ballots × 100 ≥ quorum_pct × electorate size
//   yes / no     passed when the quorum is reached and yes × 100 ≥ pass_pct × ballots
//                (an abstention is a valid ballot: it counts in the denominator)
//   single,      the winner is the option with most votes, none on a tie; passed when the quorum
//   approval     is reached and the winner's votes × 100 ≥ pass_pct × ballots
//
// Integers throughout, so 2 of 3 against 67 % is decided without rounding.

export const YES_NO_LABELS: Record<(typeof YES_NO)[number], string> = { yes: '赞成', no: '反对', abstain: '弃权' };

export interface TallyInput {
  method: VoteMethod;
  electorateSize: number;
  quorumPct: number;
  passPct: number;
  options: { id: string; label: string }[];
  ballots: { channel: 'online' | 'paper'; choices: string[] }[];
}

const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part * 1000) / whole) / 10 : 0);

export function tallyVote(v: TallyInput): Tally {
  const keys = v.method === 'yes_no' ? YES_NO.map((k) => ({ id: k as string, label: YES_NO_LABELS[k] })) : v.options;
  const votes = new Map(keys.map((k) => [k.id, 0]));
  let online = 0;
  for (const b of v.ballots) {
    if (b.channel === 'online') online++;
    // A choice counts once per ballot whatever the ballot says twice; unknown keys never count.
    for (const c of new Set(b.choices)) if (votes.has(c)) votes.set(c, votes.get(c)! + 1);
  }
  const ballots = v.ballots.length;
  const counts = keys.map((k) => ({ key: k.id, label: k.label, votes: votes.get(k.id)!, pct: pct(votes.get(k.id)!, ballots) }));
  const quorumReached = ballots > 0 && ballots * 100 >= v.quorumPct * v.electorateSize;
  const reaches = (n: number) => n > 0 && n * 100 >= v.passPct * ballots;
  let winnerOptionId: string | null = null;
  let tie = false;
  let passed: boolean;
  if (v.method === 'yes_no') {
    passed = quorumReached && reaches(votes.get('yes')!);
  } else {
    const top = Math.max(0, ...counts.map((c) => c.votes));
    const leaders = counts.filter((c) => c.votes === top && top > 0);
    tie = leaders.length > 1;
    winnerOptionId = leaders.length === 1 ? leaders[0]!.key : null;
    passed = quorumReached && winnerOptionId !== null && reaches(top);
  }
  return {
    ballots,
    online,
    paper: ballots - online,
    electorateSize: v.electorateSize,
    turnoutPct: pct(ballots, v.electorateSize),
    quorumReached,
    passed,
    winnerOptionId,
    tie,
    counts,
  };
}
