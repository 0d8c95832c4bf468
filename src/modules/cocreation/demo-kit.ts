import { SYSTEM_ACTOR, type Actor } from '../../platform/actor.js';
import type { ManualClock } from '../../platform/clock.js';
import type { Deps } from '../../platform/deps.js';
import { givenName, surname } from '../../platform/synthetic/names.js';
import type { Random } from '../../platform/synthetic/random.js';
import { chinaDate } from '../../platform/time.js';
import { reveal } from '../people/index.js';
import { castOnlineBallot, enterPaperBallot } from './ballot-service.js';
import { addCareMember } from './care-service.js';
import { addContribution } from './contribution-service.js';
import { CARE_ROSTER, RATING_COMMENTS } from './demo-words.js';
import type { MeetingKind } from './kinds.js';
import { computeQuorum } from './meeting-quorum.js';
import type { AttendanceBody, CreateMeetingBody, Meeting, ResolutionBody } from './meeting-schema.js';
import { createMeeting, holdMeeting, recordAttendance } from './meeting-service.js';
import { answerOpinion, recordOpinion, searchOpinions, submitResidentOpinion } from './opinion-service.js';
import type { ContributionBody } from './project-schema.js';
import { createProposal } from './proposal-service.js';
import { rateProject } from './rating-service.js';
import { issueResidentPass } from './resident-pass.js';
import type { Vote } from './vote-schema.js';
import { searchElectors } from './vote-service.js';

// The means of the co-creation demo (demo.ts, demo-story.ts): a timeline of simulated instants,
// the villages as the story sees them, and helpers that call the services at those instants.

export interface Place {
  code: string;
  name: string;
  path: string;
  kind: string | null;
  parent_code: string | null;
  level: string;
}

export interface Person {
  id: string;
  name: string;
  householdId: string;
  adult: boolean;
  partyMember: boolean;
  /** The ID number as stored (encrypted); decrypted only when the person takes a pass. */
  idEnc: string | null;
}

export interface Household {
  id: string;
  address: string;
  members: Person[];
}

export interface Village {
  place: Place;
  short: string;
  /** Households with at least one adult, in address order. */
  households: Household[];
  cadre: Actor;
  grid: Actor;
  /** Two members of the village supervisory committee who witness paper ballots. */
  witnesses: [string, string];
}

export const DAY = 86_400_000;

/** A person acting for an office in the demo: no account behind them, the role and scope of their office. */
export function officer(role: Actor['role'], region: Place, name: string): Actor {
  return { ...SYSTEM_ACTOR, role, username: 'demo', displayName: `${name}（演示）`, regionCode: region.code, scopePath: region.path };
}

/** 上黄村村民委员会 → 上黄. */
export const shortName = (name: string) => name.replace(/(社区居民委员会|居民委员会|村民委员会|居委会|村委会)$/, '').replace(/(村|社区)$/, '');

/**
 * Events at simulated instants, run in time order (ties in the order they were planned). An event
 * may plan later ones; nothing is planned after `end` (the real now), so the newest stay open.
 */
export class Timeline {
  private queue: { at: number; seq: number; run: () => Promise<void> }[] = [];
  private seq = 0;
  private done = 0;
  constructor(
    private clock: ManualClock,
    readonly end: number,
    private onProgress: (done: number, total: number) => void,
  ) {}
  at(at: number, run: () => Promise<void>): boolean {
    if (at > this.end) return false;
    this.queue.push({ at, seq: this.seq++, run });
    return true;
  }
  async play(): Promise<void> {
    while (this.queue.length) {
      let i = 0;
      for (let j = 1; j < this.queue.length; j++) {
        const a = this.queue[j]!;
        const b = this.queue[i]!;
        if (a.at < b.at || (a.at === b.at && a.seq < b.seq)) i = j;
      }
      const [next] = this.queue.splice(i, 1);
      this.clock.set(new Date(next!.at));
      await next!.run();
      this.onProgress(++this.done, this.done + this.queue.length);
    }
  }
}

/** Totals kept while the story plays. */
export interface Counts {
  opinions: number;
  proposals: number;
  meetings: number;
  votes: number;
  ballots: number;
  projects: number;
  contributions: number;
  ratings: number;
}

/** What one run shares: simulated deps, the timeline, the generator, the counts, the opinions recorded. */
export interface Run {
  sim: Deps;
  clock: ManualClock;
  tl: Timeline;
  rnd: Random;
  counts: Counts;
  opinions: OpinionRef[];
  /** Midnight (China) `days` from today (negative: past), plus hours and minutes. */
  when: (days: number, hour: number, minute?: number) => number;
}

/** An opinion as the story tracks it: its id once recorded, its topic, whether it has been answered. */
export interface OpinionRef {
  id?: string;
  village: string;
  topic: string;
  settled: boolean;
  /** Merged into another: never a merge target itself. */
  merged?: boolean;
}

/** The China date of an instant. */
export const dayOf = (at: number) => chinaDate(new Date(at));

/** Fisher–Yates with the seeded generator. */
export function shuffled<T>(rnd: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rnd.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A synthetic name for someone outside the registry (a witness, a relative acting as proxy). */
export const someone = (rnd: Random) => `${surname(rnd)}${givenName(rnd, rnd.chance(0.5) ? 'male' : 'female')}`;

/** The adult of a household who can take a resident's pass (an ID number on record), if any. */
export const passHolder = (rnd: Random, h: Household) => {
  const able = h.members.filter((m) => m.adult && m.idEnc);
  return able.length ? rnd.pick(able) : undefined;
};

/** A resident's pass as the phone page gets it: name and ID number checked against the registry. */
export function passOf(run: Run, v: Village, p: Person) {
  return issueResidentPass(run.sim, { villageCode: v.place.code, name: p.name, idNumber: reveal(run.sim.config, p.idEnc!) });
}

// ---------------------------------------------------------------- opinions

export interface OpinionPlan {
  topic: string;
  content: string;
  source: 'resident' | 'visit' | 'cadre' | 'meeting';
  visitId?: string;
  meetingId?: () => string | undefined;
}

/** Records an opinion at `at`: a resident with the pass, a grid worker on a visit, a cadre, or heard at a meeting. */
export function planOpinion(run: Run, v: Village, at: number, o: OpinionPlan, then?: (ref: OpinionRef, at: number) => void): OpinionRef {
  const ref: OpinionRef = { village: v.place.code, topic: o.topic, settled: false };
  run.tl.at(at, async () => {
    const household = run.rnd.pick(v.households);
    const author = passHolder(run.rnd, household) ?? household.members.find((m) => m.adult)!;
    if (o.source === 'resident' && author.idEnc) {
      const { pass } = await passOf(run, v, author);
      await submitResidentOpinion(run.sim, pass, null, v.place.code, { content: o.content });
      // The phone page's answer carries no id: the cadre's list, newest first, has it.
      ref.id = (await searchOpinions(run.sim, v.cadre, { regionCode: v.place.code, pageSize: 1 })).items[0]!.id;
    } else {
      const meetingId = o.source === 'meeting' ? o.meetingId?.() : undefined;
      const source = o.source === 'visit' && o.visitId ? 'visit' : meetingId ? 'meeting' : 'cadre';
      const saved = await recordOpinion(run.sim, source === 'visit' ? v.grid : v.cadre, {
        source,
        regionCode: v.place.code,
        authorName: author.name,
        content: o.content,
        ...(source === 'visit' ? { visitId: o.visitId } : {}),
        ...(meetingId ? { meetingId } : {}),
      });
      ref.id = saved.id;
    }
    run.counts.opinions++;
    run.opinions.push(ref);
    then?.(ref, at);
  });
  return ref;
}

/** How an ordinary opinion is answered, decided when the answer is given (links may exist by then). */
export type Outcome =
  | { outcome: 'answered' | 'declined'; answer: string }
  | { outcome: 'adopted'; proposalId?: string; projectId?: string; answer?: string }
  | { outcome: 'merged'; mergedInto: string };

/** Answers the opinion `lag` days after it came in (most within the five working days), unless that is past today. */
export function planAnswer(run: Run, v: Village, ref: OpinionRef, at: number, decide: () => Outcome | undefined): void {
  const lag = run.rnd.chance(0.86) ? run.rnd.int(1, 5) : run.rnd.int(9, 15);
  run.tl.at(at + lag * DAY + run.rnd.int(30, 240) * 60_000, async () => {
    const how = decide();
    if (!how || !ref.id || ref.settled) return;
    await answerOpinion(run.sim, v.cadre, ref.id, how);
    ref.settled = true;
  });
}

/** An earlier opinion of the same village and topic that another can be merged into. */
export function mergeTarget(run: Run, ref: OpinionRef): OpinionRef | undefined {
  return run.opinions.find((o) => o !== ref && o.id && o.village === ref.village && o.topic === ref.topic && !o.merged);
}

/** A proposal from the open opinions of a topic (each adopted into it at once). */
export function planProposal(run: Run, v: Village, at: number, p: { title: string; description: string; topic: string }, out: { id?: string }): void {
  run.tl.at(at, async () => {
    const refs = run.opinions.filter((o) => o.village === v.place.code && o.topic === p.topic && o.id && !o.settled);
    const saved = await createProposal(run.sim, v.cadre, {
      regionCode: v.place.code,
      title: p.title,
      description: p.description,
      opinionIds: refs.map((o) => o.id!),
    });
    for (const o of refs) o.settled = true;
    out.id = saved.id;
    run.counts.proposals++;
  });
}

// ---------------------------------------------------------------- meetings

export interface MeetingPlan {
  kind: MeetingKind;
  title: string;
  place: string;
  createdAt: number;
  startsAt: number;
  invitations: CreateMeetingBody['invitations'];
  agenda?: () => string[];
  invitedParties?: string[];
  /** Share present in person. */
  rate: number;
  /** Make sure the quorum is met (true) or missed (false). */
  quorum: boolean;
  minutes: (m: Meeting) => string;
  resolutions?: () => ResolutionBody[];
  then?: (m: Meeting) => void;
}

/** Schedules, takes attendance ten minutes in, and holds the meeting two hours in (with its resolutions). */
export function planMeeting(run: Run, v: Village, p: MeetingPlan): { id?: string } {
  const out: { id?: string } = {};
  run.tl.at(p.createdAt, async () => {
    const m = await createMeeting(run.sim, v.cadre, {
      kind: p.kind,
      regionCode: v.place.code,
      title: p.title,
      place: p.place,
      startsAt: new Date(p.startsAt).toISOString(),
      agenda: p.agenda?.() ?? [],
      invitations: p.invitations,
      ...(p.invitedParties ? { invitedParties: p.invitedParties } : {}),
    });
    out.id = m.id;
    run.counts.meetings++;
    run.tl.at(p.startsAt + 10 * 60_000, async () => {
      const taken = await recordAttendance(run.sim, v.cadre, m.id, { entries: attendanceFor(run, v, m, p.rate, p.quorum) });
      run.clock.advanceMinutes(110);
      const held = await holdMeeting(run.sim, v.cadre, m.id, {
        minutes: p.minutes(taken),
        ...(p.quorum && p.resolutions ? { resolutions: p.resolutions() } : {}),
      });
      p.then?.(held);
    });
  });
  return out;
}

/** Attendance from the roster (in address order): present, some by proxy, some absent; then nudged to meet or miss the quorum. */
function attendanceFor(run: Run, v: Village, m: Meeting, rate: number, quorum: boolean): AttendanceBody['entries'] {
  const households = new Map(v.households.map((h) => [h.id, h]));
  const key = (a: Meeting['attendees'][number]) => `${households.get(a.householdId ?? '')?.address ?? ''}|${a.name}`;
  const roster = [...m.attendees].sort((a, b) => key(a).localeCompare(key(b)));
  const proxies = !['representatives', 'party_members'].includes(m.kind);
  const entries: AttendanceBody['entries'] = roster.map((a) => {
    if (run.rnd.next() < rate) return { attendeeId: a.id, attendance: 'present' };
    if (proxies && run.rnd.chance(0.35)) {
      const kin = households.get(a.householdId ?? '')?.members.filter((x) => x.adult && x.id !== a.residentId && `${x.name}户` !== a.name);
      return { attendeeId: a.id, attendance: 'proxy', proxyName: kin?.length ? run.rnd.pick(kin).name : someone(run.rnd) };
    }
    return { attendeeId: a.id, attendance: 'absent' };
  });
  const met = () =>
    computeQuorum(
      m.kind,
      roster.map((a, i) => ({ unit: a.unit, attendance: entries[i]!.attendance })),
    ).met;
  for (let i = 0; i < entries.length && met() !== quorum; i++) {
    const e = entries[i]!;
    if (quorum && e.attendance !== 'present') entries[i] = { attendeeId: e.attendeeId, attendance: 'present' };
    if (!quorum && e.attendance !== 'absent') entries[i] = { attendeeId: e.attendeeId, attendance: 'absent' };
  }
  return entries;
}

/** "应到 30 户，实到 24 户（含委托 3 户）" from the quorum as attendance stands. */
export function attendanceLine(m: Meeting): string {
  const unit = m.attendees.some((a) => a.unit === 'household') ? '户' : '人';
  const proxies = m.attendees.filter((a) => a.attendance === 'proxy').length;
  const present = m.attendees.filter((a) => a.attendance === 'present').length;
  return `应到${m.attendees.length}${unit}，亲自到会${present}${unit}${proxies ? `，委托代理${proxies}${unit}` : ''}，${m.quorum.met ? '达到' : '未达到'}法定人数（${m.quorum.description}）。`;
}

// ---------------------------------------------------------------- ballots

/** Someone who may vote: a household (household electorate) or an adult of it. */
export interface Voter {
  household: Household;
  person?: Person;
}

/** One ballot to cast: online with a member's pass, or on paper by the clerk with a witness. */
export interface BallotPlan extends Voter {
  at: number;
  choices: string[];
  online: boolean;
}

/**
 * Casts ballots at their times. The elector list is read once the vote has opened; `plan` gets the
 * voters who are on it (someone who came of age after the snapshot is not) and says who votes how.
 */
export async function planBallots(run: Run, v: Village, vote: Vote, voters: Voter[], plan: (electors: Voter[]) => BallotPlan[]): Promise<void> {
  const electors = await searchElectors(run.sim, v.cadre, vote.id, {});
  const ids = new Map<string, string | null>();
  for (const e of electors) {
    const key = `${e.address}|${vote.electorate === 'household' ? '' : e.name}`;
    // Two electors at one address and name cannot be told apart: neither is planned.
    ids.set(key, ids.has(key) ? null : e.id);
  }
  const electorOf = (x: Voter) => ids.get(`${x.household.address}|${x.person?.name ?? ''}`);
  for (const b of plan(voters.filter((x) => electorOf(x)))) {
    run.tl.at(b.at, async () => {
      const voter = b.person ?? passHolder(run.rnd, b.household);
      // Paper needs a clerk with an account (the elector row names who entered it).
      if ((b.online || !v.cadre.userId) && voter?.idEnc) {
        const { pass } = await passOf(run, v, voter);
        await castOnlineBallot(run.sim, pass, null, vote.id, { choices: b.choices });
      } else if (v.cadre.userId) {
        await enterPaperBallot(run.sim, v.cadre, vote.id, { electorId: electorOf(b)!, choices: b.choices, witnessName: run.rnd.pick(v.witnesses) });
      } else return;
      run.counts.ballots++;
    });
  }
}

// ---------------------------------------------------------------- projects

/** One ledger entry at `at` (dated that day). */
export function planContribution(
  run: Run,
  v: Village,
  project: { id?: string },
  at: number,
  h: Household,
  body: Omit<ContributionBody, 'householdId' | 'contributedOn'>,
): void {
  run.tl.at(at, async () => {
    if (!project.id) return;
    await addContribution(run.sim, v.cadre, project.id, { ...body, householdId: h.id, contributedOn: dayOf(at) });
    run.counts.contributions++;
  });
}

/** Ratings by households within the window: mostly 4–5, a few lower, some with a comment. */
export function planRatings(run: Run, v: Village, project: { id?: string }, households: Household[], from: number, days: number): void {
  for (const h of households) {
    const at = from + run.rnd.int(0, days - 1) * DAY + run.rnd.int(8 * 60, 21 * 60) * 60_000;
    run.tl.at(at, async () => {
      const who = passHolder(run.rnd, h);
      if (!project.id || !who) return;
      const score = run.rnd.weighted([
        [5, 52],
        [4, 32],
        [3, 9],
        [2, 4],
        [1, 3],
      ] as const);
      const comment = run.rnd.chance(0.45) ? run.rnd.pick(RATING_COMMENTS[score]!) : undefined;
      const { token } = await passOf(run, v, who);
      await rateProject(run.sim, token, v.place.code, project.id, { score, ...(comment ? { comment } : {}) }, null);
      run.counts.ratings++;
    });
  }
}

/** A care team, one resident of a different household per duty (the first the leader's: a party member where there is one). */
export function planCareTeam(run: Run, v: Village, project: { id?: string }, at: number, duties: readonly string[]): void {
  run.tl.at(at, async () => {
    if (!project.id) return;
    const adults = shuffled(
      run.rnd,
      v.households.map((h) => h.members.find((m) => m.adult)!),
    );
    const leader = adults.find((p) => p.partyMember) ?? adults[0]!;
    const team = [leader, ...adults.filter((p) => p !== leader)].slice(0, duties.length);
    for (const [i, p] of team.entries()) {
      await addCareMember(run.sim, v.cadre, project.id, {
        residentId: p.id,
        duty: duties[i]!,
        roster: CARE_ROSTER[i % CARE_ROSTER.length]!,
        isLeader: i === 0,
      });
    }
  });
}
