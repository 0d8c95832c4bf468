import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness } from '../../../test/helpers/harness.js';
import { withContext, type DbContext } from '../../platform/db/context.js';
import { composeIdNumber } from '../people/id-number.js';
import type { BallotReceipt, PublicVote, ResidentVotes, Vote } from './vote-schema.js';
import { closeDueVotes } from './vote-service.js';
import { tallyVote } from './vote-tally.js';
import { CHANGCHUN, client, intakeFixture, passFor, registerVillagers, relogin, SHANGHUANG, type Intake, type Villager } from './test-fixtures.js';

// Votes (表决 / 豆选): the electorate is the registry at opening; one ballot per elector whatever
// the channel (a second one refused, naming when and how the first was cast, nothing written);
// exactly one of two simultaneous ballots counts; a secret ballot cannot be tied to its voter and
// its audit never holds the choice; a closed vote cannot change, even by a direct UPDATE; the tally
// is public and recomputes from the raw rows; village B's cadre sees nothing of village A's vote,
// with the service bypassed too.

let f: Intake;
let api: ReturnType<typeof client>;
let people: Villager[];
let minor: Villager;
let outsider: Villager;
/** The channel that won the online-against-paper race (either may). */
let raceWinner: 'online' | 'paper';
const me: Record<string, { id: string; regionCode: string; displayName: string }> = {};
const paths: Record<string, string> = {};

async function rows<T>(text: string, params: unknown[] = []): Promise<T[]> {
  return (await f.h.database.admin.query(text, params)).rows as T[];
}
const one = async <T>(text: string, params: unknown[] = []) => (await rows<T>(text, params))[0]!;
const put = (url: string, who: string, payload: object) => f.h.app.inject({ method: 'PUT', url, headers: { cookie: f.cookies[who]! }, payload });
const closesIn = (hours: number) => new Date(f.h.clock.now().getTime() + hours * 3600_000).toISOString();
const fieldOf = (res: { json(): { error: { details: { field?: string } } } }) => res.json().error.details.field;

/** A household with an adult head and a child of 11 (registered through the people API). */
async function familyWithChild(): Promise<Villager[]> {
  const members = [
    { name: '孙立国', relation: 'head', idNumber: composeIdNumber('522631', '19800412', 871) },
    { name: '孙小雨', relation: 'child', idNumber: composeIdNumber('522631', '20150301', 872) },
  ];
  const res = await api.post('/api/v1/households', 'village', { villageCode: SHANGHUANG, address: '共建 孙家', members });
  expect(res.statusCode, res.body).toBe(201);
  const body = res.json() as { id: string; members: { id: string; name: string }[] };
  return body.members.map((m, i) => ({ residentId: m.id, householdId: body.id, name: m.name, idNumber: members[i]!.idNumber, head: i === 0 }));
}

async function counts(voteId: string) {
  return one<{ ballots: number; voted: number; audit: number }>(
    `SELECT (SELECT count(*)::int FROM cocreation_ballots WHERE vote_id = $1::uuid) AS ballots,
            (SELECT count(*)::int FROM cocreation_electors WHERE vote_id = $1::uuid AND voted_at IS NOT NULL) AS voted,
            (SELECT count(*)::int FROM audit_log WHERE target_id = $1::text) AS audit`,
    [voteId],
  );
}

async function draft(body: object, who = 'village'): Promise<Vote> {
  const res = await api.post('/api/v1/cocreation/votes', who, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Vote;
}
async function open(id: string): Promise<Vote> {
  const res = await api.post(`/api/v1/cocreation/votes/${id}/open`, 'village', {});
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Vote;
}
const ballot = async (voteId: string, v: Villager, choices: string[], village = SHANGHUANG) =>
  api.post(`/api/v1/public/cocreation/votes/${voteId}/ballots`, undefined, { choices }, await passFor(f, village, v));
const paper = (voteId: string, electorId: string, choices: string[], witnessName = '村监委 周见证') =>
  api.post(`/api/v1/cocreation/votes/${voteId}/paper-ballots`, 'village', { electorId, choices, witnessName });
async function electorOf(voteId: string, v: Villager, household = false): Promise<string> {
  const r = await one<{ id: string }>(`SELECT id FROM cocreation_electors WHERE vote_id = $1 AND ${household ? 'household_id' : 'resident_id'} = $2`, [
    voteId,
    household ? v.householdId : v.residentId,
  ]);
  return r.id;
}
/** Adults (18+ today) of active households of a village, counted from the registry rows. */
async function adultsOf(path: string): Promise<number> {
  const r = await one<{ n: number }>(
    `SELECT count(*)::int AS n FROM residents r JOIN households h ON h.id = r.household_id
     WHERE h.status = 'active' AND r.status = 'active' AND h.path <@ $1::ltree AND r.birth_date <= (DATE '2026-11-23' - interval '18 years')::date`,
    [path],
  );
  return r.n;
}

beforeAll(async () => {
  f = await intakeFixture(await createHarness({ loginRateLimitPerMinute: 1000, anonymousRateLimitPerMinute: 10_000 }), [
    'village',
    'village2',
    'township',
    'grid',
  ]);
  api = client(f.h, f.cookies);
  for (const u of Object.keys(f.cookies)) me[u] = (await api.get('/api/v1/auth/me', u)).json().user;
  people = await registerVillagers(f, 'village', SHANGHUANG, [['张大山', '张小山'], ['李明', '李红'], ['王芳'], ['赵刚', '赵强'], ['钱进']]);
  minor = (await familyWithChild())[1]!;
  outsider = (await registerVillagers(f, 'village2', CHANGCHUN, [['陈长春']]))[0]!;
  for (const code of [SHANGHUANG, CHANGCHUN]) paths[code] = (await one<{ path: string }>(`SELECT path::text FROM regions WHERE code = $1`, [code])).path;
});
afterAll(() => f?.h.close());

const THREE = [{ label: '人工沙滩' }, { label: '亮化工程' }, { label: '改厕改圈' }];

describe('the tally (pure)', () => {
  const options = [
    { id: 'a', label: 'A' },
    { id: 'b', label: 'B' },
  ];
  const b = (...c: string[]) => ({ channel: 'online' as const, choices: c });
  it('decides quorum and pass in integers, a tie has no winner, an abstention counts in the denominator', () => {
    const t = tallyVote({ method: 'single', electorateSize: 10, quorumPct: 50, passPct: 60, options, ballots: [b('a'), b('a'), b('a'), b('b'), b('b')] });
    expect(t).toMatchObject({ ballots: 5, turnoutPct: 50, quorumReached: true, winnerOptionId: 'a', passed: true, tie: false });
    expect(t.counts).toEqual([
      { key: 'a', label: 'A', votes: 3, pct: 60 },
      { key: 'b', label: 'B', votes: 2, pct: 40 },
    ]);
    expect(
      tallyVote({ method: 'single', electorateSize: 10, quorumPct: 51, passPct: 60, options, ballots: [b('a'), b('a'), b('a'), b('b'), b('b')] }),
    ).toMatchObject({
      quorumReached: false,
      passed: false,
    });
    expect(tallyVote({ method: 'single', electorateSize: 4, quorumPct: 0, passPct: 1, options, ballots: [b('a'), b('b')] })).toMatchObject({
      tie: true,
      winnerOptionId: null,
      passed: false,
    });
    // 2 of 3 is 66.7 %: it does not reach 67, it reaches 66.
    const yes = [b('yes'), b('yes'), b('abstain')];
    expect(tallyVote({ method: 'yes_no', electorateSize: 3, quorumPct: 100, passPct: 67, options: [], ballots: yes }).passed).toBe(false);
    expect(tallyVote({ method: 'yes_no', electorateSize: 3, quorumPct: 100, passPct: 66, options: [], ballots: yes }).passed).toBe(true);
    expect(
      tallyVote({ method: 'approval', electorateSize: 3, quorumPct: 0, passPct: 50, options, ballots: [b('a', 'b'), b('a'), b('b', 'b')] }).counts,
    ).toEqual([
      { key: 'a', label: 'A', votes: 2, pct: 66.7 },
      { key: 'b', label: 'B', votes: 2, pct: 66.7 },
    ]);
  });
});

describe('votes (表决 / 豆选)', () => {
  let vote: Vote;

  it('refuses a bad draft naming the field, writing nothing', async () => {
    const good = {
      regionCode: SHANGHUANG,
      title: '首个共建项目豆选',
      method: 'single',
      electorate: 'adult',
      quorumPct: 50,
      passPct: 30,
      options: THREE,
      closesAt: closesIn(48),
    };
    const before = await one<{ n: number }>(`SELECT count(*)::int AS n FROM cocreation_votes`);
    for (const [body, field, who] of [
      [{ ...good, options: THREE.slice(0, 1) }, 'options', 'village'],
      [{ ...good, options: [{ label: '人工沙滩' }, { label: '人工沙滩' }] }, 'options', 'village'],
      [{ ...good, method: 'yes_no' }, 'options', 'village'],
      [{ ...good, closesAt: closesIn(-1) }, 'closesAt', 'village'],
      [{ ...good, regionCode: CHANGCHUN }, 'regionCode', 'village'],
      [{ ...good, proposalId: '0190a000-0000-7000-8000-000000000001' }, 'proposalId', 'village'],
    ] as const) {
      const res = await api.post('/api/v1/cocreation/votes', who, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(fieldOf(res)).toBe(field);
      expect(res.json().error.message).toMatch(/\p{Script=Han}/u);
    }
    expect((await api.post('/api/v1/cocreation/votes', 'grid', good)).statusCode).toBe(403);
    expect((await one<{ n: number }>(`SELECT count(*)::int AS n FROM cocreation_votes`)).n).toBe(before.n);
    vote = await draft(good);
    expect(vote).toMatchObject({ status: 'draft', secret: true, electorateSize: null, ballots: 0, result: null });
    expect(vote.options.map((o) => o.label)).toEqual(['人工沙滩', '亮化工程', '改厕改圈']);
    // A draft may still change, options included.
    const edited = await put(`/api/v1/cocreation/votes/${vote.id}`, 'village', { passPct: 40, options: [...THREE, { label: '村道硬化' }] });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((edited.json() as Vote).options.length).toBe(4);
    vote = (await put(`/api/v1/cocreation/votes/${vote.id}`, 'village', { options: THREE })).json() as Vote;
    expect(vote.options.length).toBe(3);
  });

  it('opens with the registry as it is now; later moves and newcomers do not change the electorate', async () => {
    const adults = await adultsOf(paths[SHANGHUANG]!);
    vote = await open(vote.id);
    expect(vote.status).toBe('open');
    expect(vote.electorateSize).toBe(adults);
    const snapshot = await rows<{ resident_id: string }>(`SELECT resident_id FROM cocreation_electors WHERE vote_id = $1`, [vote.id]);
    expect(snapshot.length).toBe(adults);
    expect(snapshot.map((e) => e.resident_id)).not.toContain(minor.residentId);
    expect(snapshot.map((e) => e.resident_id)).toContain(people[0]!.residentId);
    // After opening: a newcomer registers, an elector moves out.
    const [newcomer] = await registerVillagers(f, 'village', SHANGHUANG, [['新来户']]);
    await f.h.database.admin.query(`UPDATE residents SET status = 'moved_out' WHERE id = $1`, [people[4]!.residentId]);
    const after = await api.get(`/api/v1/cocreation/votes/${vote.id}`, 'village');
    expect(after.json().electorateSize).toBe(adults);
    expect((await rows(`SELECT 1 FROM cocreation_electors WHERE vote_id = $1`, [vote.id])).length).toBe(adults);
    const late = await ballot(vote.id, newcomer!, [vote.options[0]!.id]);
    expect(late.statusCode).toBe(400);
    expect(fieldOf(late)).toBe('pass');
    expect(late.json().error.message).toContain('选民名单');
    // Opening twice is refused; so is a change other than the closing time.
    expect(fieldOf(await api.post(`/api/v1/cocreation/votes/${vote.id}/open`, 'village', {}))).toBe('status');
    expect(fieldOf(await put(`/api/v1/cocreation/votes/${vote.id}`, 'village', { title: '改名' }))).toBe('title');
    expect((await put(`/api/v1/cocreation/votes/${vote.id}`, 'village', { closesAt: closesIn(72) })).statusCode).toBe(200);
  });

  it('takes one ballot per elector whatever the channel, and says when and how the first was cast', async () => {
    const [a, b] = [people[0]!, people[2]!];
    const [beach, lights] = vote.options;
    const first = await ballot(vote.id, a, [beach!.id]);
    expect(first.statusCode, first.body).toBe(201);
    expect((first.json() as BallotReceipt).channel).toBe('online');
    const before = await counts(vote.id);

    const again = await ballot(vote.id, a, [lights!.id]);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'CONFLICT', details: { field: 'pass', channel: 'online' } });
    expect(again.json().error.message).toContain('网上投票');

    const onPaper = await paper(vote.id, await electorOf(vote.id, a), [lights!.id]);
    expect(onPaper.statusCode).toBe(409);
    expect(onPaper.json().error.details).toMatchObject({ field: 'electorId', channel: 'online', votedAt: (first.json() as BallotReceipt).votedAt });
    expect(onPaper.json().error.message).toMatch(/该选民已于 \d{4}-\d\d-\d\d \d\d:\d\d 通过网上投票投票/);
    expect(await counts(vote.id)).toEqual(before);

    // On paper with a witness; both recorded on the elector row; then online is refused.
    const bId = await electorOf(vote.id, b);
    expect(fieldOf(await paper(vote.id, bId, [lights!.id], me.village!.displayName))).toBe('witnessName');
    expect((await paper(vote.id, bId, [lights!.id])).statusCode).toBe(201);
    expect(await one(`SELECT channel, entered_by, witness_name FROM cocreation_electors WHERE id = $1`, [bId])).toEqual({
      channel: 'paper',
      entered_by: me.village!.id,
      witness_name: '村监委 周见证',
    });
    const online = await ballot(vote.id, b, [beach!.id]);
    expect(online.statusCode).toBe(409);
    expect(online.json().error.message).toContain('纸质选票');

    // Non-electors and bad choices: each names the field, nothing written.
    const mid = await counts(vote.id);
    const refusals = [
      [await ballot(vote.id, minor, [beach!.id]), 'pass', /未满 18 周岁/],
      [await ballot(vote.id, outsider, [beach!.id], CHANGCHUN), 'pass', /所在村/],
      [await ballot(vote.id, people[1]!, [beach!.id, lights!.id]), 'choices', /只能选一项/],
      [await ballot(vote.id, people[1]!, ['yes']), 'choices', /不属于/],
      [await paper(vote.id, '0190a000-0000-7000-8000-000000000002', [beach!.id]), 'electorId', /选民名单/],
    ] as const;
    for (const [res, field, words] of refusals) {
      expect(res.statusCode, res.body).toBe(400);
      expect(fieldOf(res)).toBe(field);
      expect(res.json().error.message).toMatch(words);
    }
    expect(await counts(vote.id)).toEqual(mid);
  });

  it('of two ballots for one elector at the same moment exactly one counts', async () => {
    const [beach, lights] = vote.options;
    const before = await counts(vote.id);
    const c = people[3]!;
    const passC = await passFor(f, SHANGHUANG, c);
    const both = await Promise.all([
      api.post(`/api/v1/public/cocreation/votes/${vote.id}/ballots`, undefined, { choices: [beach!.id] }, passC),
      api.post(`/api/v1/public/cocreation/votes/${vote.id}/ballots`, undefined, { choices: [lights!.id] }, passC),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    // Online and paper racing for another elector.
    const d = people[1]!;
    const raced = await Promise.all([ballot(vote.id, d, [lights!.id]), paper(vote.id, await electorOf(vote.id, d), [beach!.id])]);
    expect(raced.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    raceWinner = raced[0]!.statusCode === 201 ? 'online' : 'paper';
    const after = await counts(vote.id);
    expect(after.ballots - before.ballots).toBe(2);
    expect(after.voted - before.voted).toBe(2);
  });

  it('keeps a secret ballot apart from its voter: no elector, a random id, no choice in the audit', async () => {
    const ballots = await rows<{ id: string; elector_id: string | null }>(`SELECT id, elector_id FROM cocreation_ballots WHERE vote_id = $1`, [vote.id]);
    expect(ballots.length).toBe(4);
    for (const b of ballots) {
      expect(b.elector_id).toBeNull();
      expect(b.id[14]).toBe('4'); // version 4 (random), not 7 (time-ordered)
    }
    const audit = await rows<{ action: string; actor_name: string; actor_role: string; details: unknown; before: unknown; after: unknown }>(
      `SELECT action, actor_name, actor_role, details, before, after FROM audit_log WHERE target_id = $1 AND action IN ('cocreation.vote.ballot', 'cocreation.vote.paper_ballot') ORDER BY seq`,
      [vote.id],
    );
    const online = raceWinner === 'online' ? 3 : 2;
    expect(audit.filter((a) => a.action === 'cocreation.vote.ballot').length).toBe(online);
    expect(audit.filter((a) => a.action === 'cocreation.vote.paper_ballot').length).toBe(4 - online);
    const text = JSON.stringify(audit);
    for (const o of vote.options) {
      expect(text).not.toContain(o.id);
      expect(text).not.toContain(o.label);
    }
    for (const b of ballots) expect(text).not.toContain(b.id);
    const first = audit.find((a) => a.action === 'cocreation.vote.ballot')!;
    expect(first).toMatchObject({ actor_name: `resident:${people[0]!.residentId}`, actor_role: 'anonymous', details: { channel: 'online' } });
    const onPaper = audit.find((a) => a.action === 'cocreation.vote.paper_ballot')!;
    expect(onPaper).toMatchObject({ actor_name: 'village', details: { electorName: people[2]!.name, witnessName: '村监委 周见证', channel: 'paper' } });
  });

  it('shows turnout live but no counts while open; the resident sees when they voted', async () => {
    const live = (await api.get(`/api/v1/cocreation/votes/${vote.id}`, 'village')).json() as Vote;
    expect(live.ballots).toBe(4);
    expect(live.turnoutPct).toBe(Math.round((4 * 1000) / live.electorateSize!) / 10);
    expect(live.result).toBeNull();
    const pub = (await api.get(`/api/v1/public/cocreation/votes/${vote.id}`)).json() as PublicVote;
    expect(pub).toMatchObject({ status: 'open', ballots: 4, result: null });
    const electors = await api.get(`/api/v1/cocreation/votes/${vote.id}/electors?voted=true`, 'village');
    expect(electors.statusCode).toBe(200);
    const channels = electors.json().map((e: { channel: string }) => e.channel);
    expect(channels.filter((c: string) => c === 'online').length).toBe(raceWinner === 'online' ? 3 : 2);
    expect(channels.length).toBe(4);
    const card = (await api.get('/api/v1/public/cocreation/votes', undefined)).statusCode;
    expect(card).toBe(401);
    const mine = (
      await f.h.app.inject({ method: 'GET', url: '/api/v1/public/cocreation/votes', headers: await passFor(f, SHANGHUANG, people[2]!) })
    ).json() as ResidentVotes;
    expect(mine.open.find((v) => v.id === vote.id)!.myVote).toMatchObject({ channel: 'paper' });
    const minorCard = (
      await f.h.app.inject({ method: 'GET', url: '/api/v1/public/cocreation/votes', headers: await passFor(f, SHANGHUANG, minor) })
    ).json() as ResidentVotes;
    expect(minorCard.open.map((v) => v.id)).not.toContain(vote.id);
  });

  it('village B sees none of it, through the API or with the service bypassed', async () => {
    expect((await api.get(`/api/v1/cocreation/votes/${vote.id}`, 'village2')).statusCode).toBe(404);
    expect((await api.get(`/api/v1/cocreation/votes/${vote.id}/electors`, 'village2')).statusCode).toBe(404);
    const list = (await api.get('/api/v1/cocreation/votes', 'village2')).json() as Vote[];
    expect(list.map((v) => v.id)).not.toContain(vote.id);
    const p = await api.post(`/api/v1/cocreation/votes/${vote.id}/paper-ballots`, 'village2', {
      electorId: await electorOf(vote.id, people[3]!),
      choices: [vote.options[0]!.id],
      witnessName: '某人',
    });
    expect(p.statusCode).toBe(404);

    const cadre = (code: string, who: string): DbContext => ({ userId: me[who]!.id, role: 'village_cadre', scopePath: paths[code]! });
    const seen = (ctx: DbContext) =>
      withContext(f.h.deps.db, ctx, async (tx) => ({
        votes: (await sql<{ n: number }>`SELECT count(*)::int AS n FROM cocreation_votes WHERE id = ${vote.id}`.execute(tx)).rows[0]!.n,
        ballots: (await sql<{ n: number }>`SELECT count(*)::int AS n FROM cocreation_ballots WHERE vote_id = ${vote.id}`.execute(tx)).rows[0]!.n,
        electors: (await sql<{ n: number }>`SELECT count(*)::int AS n FROM cocreation_electors WHERE vote_id = ${vote.id}`.execute(tx)).rows[0]!.n,
      }));
    expect(await seen(cadre(SHANGHUANG, 'village'))).toEqual({ votes: 1, ballots: 4, electors: vote.electorateSize });
    expect(await seen(cadre(CHANGCHUN, 'village2'))).toEqual({ votes: 0, ballots: 0, electors: 0 });
    const changed = await withContext(f.h.deps.db, cadre(CHANGCHUN, 'village2'), (tx) =>
      sql`UPDATE cocreation_electors SET voted_at = now(), channel = 'online' WHERE vote_id = ${vote.id} AND voted_at IS NULL`.execute(tx),
    );
    expect(Number(changed.numAffectedRows ?? 0)).toBe(0);
    // Refused by the row policy, or first by 0042's trigger, which finds no open vote it may see.
    const forged = await withContext(f.h.deps.db, cadre(CHANGCHUN, 'village2'), (tx) =>
      sql`INSERT INTO cocreation_ballots (id, vote_id, path, channel, choices) VALUES (gen_random_uuid(), ${vote.id}, ${paths[SHANGHUANG]}::ltree, 'paper', ARRAY['x'])`.execute(
        tx,
      ),
    ).catch((e: { code?: string }) => e);
    expect(['42501', 'P0001']).toContain((forged as { code?: string }).code);
    expect((await counts(vote.id)).ballots).toBe(4);
  });

  it('closes with a tally recomputed from the raw rows, public without names; then nothing changes', async () => {
    const closed = await api.post(`/api/v1/cocreation/votes/${vote.id}/close`, 'village', {});
    expect(closed.statusCode, closed.body).toBe(200);
    const v = closed.json() as Vote;
    const raw = await rows<{ channel: 'online' | 'paper'; choices: string[] }>(`SELECT channel, choices FROM cocreation_ballots WHERE vote_id = $1`, [vote.id]);
    expect(v.result).toEqual(tallyVote({ method: 'single', electorateSize: v.electorateSize!, quorumPct: 50, passPct: 40, options: v.options, ballots: raw }));
    const byOption = await rows<{ key: string; n: number }>(
      `SELECT unnest(choices) AS key, count(*)::int AS n FROM cocreation_ballots WHERE vote_id = $1 GROUP BY 1`,
      [vote.id],
    );
    for (const c of v.result!.counts) expect(c.votes).toBe(byOption.find((b) => b.key === c.key)?.n ?? 0);
    expect(v.result).toMatchObject({ ballots: 4, online: raceWinner === 'online' ? 3 : 2, paper: raceWinner === 'online' ? 1 : 2 });
    expect(v.result!.turnoutPct).toBe(Math.round((4 * 1000) / v.electorateSize!) / 10);

    const pub = await api.get(`/api/v1/public/cocreation/votes/${vote.id}`);
    expect(pub.statusCode).toBe(200);
    expect((pub.json() as PublicVote).result).toEqual(v.result);
    const village = await api.get(`/api/v1/public/cocreation/villages/${SHANGHUANG}/votes`);
    expect((village.json() as PublicVote[]).map((x) => x.id)).toContain(vote.id);
    for (const p of [...people, minor]) {
      expect(pub.body).not.toContain(p.name);
      expect(village.body).not.toContain(p.name);
    }

    const before = await counts(vote.id);
    for (const [res, field] of [
      [await ballot(vote.id, people[1]!, [vote.options[0]!.id]), 'status'],
      [await paper(vote.id, await electorOf(vote.id, people[1]!), [vote.options[0]!.id]), 'status'],
      [await put(`/api/v1/cocreation/votes/${vote.id}`, 'village', { closesAt: closesIn(100) }), 'status'],
      [await api.post(`/api/v1/cocreation/votes/${vote.id}/open`, 'village', {}), 'status'],
      [await api.post(`/api/v1/cocreation/votes/${vote.id}/close`, 'village', {}), 'status'],
    ] as const) {
      expect(res.statusCode, res.body).toBe(400);
      expect(fieldOf(res)).toBe(field);
    }
    expect(await counts(vote.id)).toEqual(before);

    // The application role's own UPDATE fails too (the triggers, not the service).
    const ctx: DbContext = { userId: me.village!.id, role: 'village_cadre', scopePath: paths[SHANGHUANG]! };
    for (const statement of [
      sql`UPDATE cocreation_votes SET status = 'open', result = NULL WHERE id = ${vote.id}`,
      sql`UPDATE cocreation_vote_options SET label = '别的项目' WHERE vote_id = ${vote.id}`,
      sql`UPDATE cocreation_ballots SET choices = ARRAY['x'] WHERE vote_id = ${vote.id}`,
      sql`UPDATE cocreation_electors SET voted_at = now(), channel = 'online' WHERE vote_id = ${vote.id} AND voted_at IS NULL`,
      sql`INSERT INTO cocreation_ballots (id, vote_id, path, channel, choices) VALUES (gen_random_uuid(), ${vote.id}, ${paths[SHANGHUANG]}::ltree, 'paper', ARRAY['x'])`,
    ]) {
      await expect(withContext(f.h.deps.db, ctx, (tx) => statement.execute(tx))).rejects.toThrow(/closed|cannot change|immutable|only while/);
    }
    expect(((await api.get(`/api/v1/cocreation/votes/${vote.id}`, 'village')).json() as Vote).result).toEqual(v.result);
  });

  it('a household vote, open (not secret): any adult member at the snapshot casts the one ballot of the household', async () => {
    const hv = await draft({
      regionCode: SHANGHUANG,
      title: '村道硬化每户让地',
      method: 'yes_no',
      electorate: 'household',
      secret: false,
      quorumPct: 50,
      passPct: 50,
      closesAt: closesIn(24),
    });
    const opened = await open(hv.id);
    const households = await one<{ n: number }>(
      `SELECT count(DISTINCT h.id)::int AS n FROM households h JOIN residents r ON r.household_id = h.id
       WHERE h.status = 'active' AND r.status = 'active' AND h.path <@ $1::ltree AND r.birth_date <= DATE '2008-11-23'`,
      [paths[SHANGHUANG]],
    );
    expect(opened.electorateSize).toBe(households.n);
    // The elector row carries the head's name.
    expect(await one(`SELECT name FROM cocreation_electors WHERE vote_id = $1 AND household_id = $2`, [hv.id, people[0]!.householdId])).toEqual({
      name: people[0]!.name,
    });
    // Who may cast a household's ballot is fixed at the snapshot too: a son-in-law who moves into
    // the household after opening is refused, naming the pass; the household's ballot stays unused.
    const joinerId = composeIdNumber('522631', '19900708', 433);
    const joined = await api.post(`/api/v1/households/${people[0]!.householdId}/members`, 'village', {
      member: { name: '上门女婿', relation: 'other', idNumber: joinerId },
      kind: 'moved_in',
      occurredOn: '2026-01-05',
    });
    expect(joined.statusCode, joined.body).toBe(201);
    const joiner: Villager = { residentId: joined.json().id, householdId: people[0]!.householdId, name: '上门女婿', idNumber: joinerId, head: false };
    const refused = await ballot(hv.id, joiner, ['yes']);
    expect(fieldOf(refused)).toBe('pass');
    expect(refused.json().error.message).toContain('迁入');
    expect(await one(`SELECT voted_at FROM cocreation_electors WHERE vote_id = $1 AND household_id = $2`, [hv.id, people[0]!.householdId])).toEqual({
      voted_at: null,
    });
    const member = people[1]!; // not the head
    const cast = await ballot(hv.id, member, ['yes']);
    expect(cast.statusCode, cast.body).toBe(201);
    const head = await ballot(hv.id, people[0]!, ['no']);
    expect(head.statusCode).toBe(409);
    expect(head.json().error.message).toContain('您家已于');
    expect((await paper(hv.id, await electorOf(hv.id, member, true), ['no'])).statusCode).toBe(409);
    expect(fieldOf(await ballot(hv.id, minor, ['yes']))).toBe('pass');
    expect((await paper(hv.id, await electorOf(hv.id, people[2]!, true), ['abstain'])).statusCode).toBe(201);
    // Not secret: the ballot names its elector.
    const named = await rows<{ elector_id: string | null }>(`SELECT elector_id FROM cocreation_ballots WHERE vote_id = $1`, [hv.id]);
    expect(named.every((b) => b.elector_id !== null)).toBe(true);
    const closed = (await api.post(`/api/v1/cocreation/votes/${hv.id}/close`, 'village', {})).json() as Vote;
    expect(closed.result!.counts.map((c) => [c.key, c.votes])).toEqual([
      ['yes', 1],
      ['no', 0],
      ['abstain', 1],
    ]);
    expect(closed.result!.passed).toBe(closed.result!.quorumReached);
  });

  it('past its closing time a vote takes no ballot, and the sweep closes it', async () => {
    const v = await draft({
      regionCode: SHANGHUANG,
      title: '亮化工程是否实施',
      method: 'yes_no',
      electorate: 'adult',
      quorumPct: 0,
      passPct: 50,
      closesAt: closesIn(1),
    });
    await open(v.id);
    const passA = await passFor(f, SHANGHUANG, people[3]!);
    f.h.clock.advanceMinutes(61);
    const late = await api.post(`/api/v1/public/cocreation/votes/${v.id}/ballots`, undefined, { choices: ['yes'] }, passA);
    expect(late.statusCode).toBe(400);
    expect(fieldOf(late)).toBe('closesAt');
    expect(await closeDueVotes(f.h.deps)).toEqual({ closed: 1 });
    expect(await closeDueVotes(f.h.deps)).toEqual({ closed: 0 });
    await relogin(f);
    const after = (await api.get(`/api/v1/cocreation/votes/${v.id}`, 'village')).json() as Vote;
    expect(after).toMatchObject({ status: 'closed', result: { ballots: 0, quorumReached: false, passed: false } });
  });
});
