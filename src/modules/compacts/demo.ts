import { SYSTEM_ACTOR, type Actor } from '../../platform/actor.js';
import { ManualClock } from '../../platform/clock.js';
import { SYSTEM_CONTEXT, withContext } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { chinaDate } from '../../platform/time.js';
import { castOnlineBallot, closeVote, type ResidentPass } from '../cocreation/index.js';
import { decideFiling, publish, setNotice, startVote } from './adoption-service.js';
import type { Compact } from './compact-schema.js';
import { completeStep, createCompact, invite, recordDeliberation, setCommittee, vet } from './compact-service.js';
import { saveVersion, versionIn } from './text-service.js';
import {
  addCadreOpinion,
  addResidentObjection,
  addResidentOpinion,
  answerObjection,
  answerOpinion,
  confirmRead,
  listObjections,
  listOpinions,
  setConsultation,
} from './voice-service.js';
import { DEMO_ARTICLES, DEMO_OPINIONS, REVISED } from './demo-words.js';

// Village compact demo data, through the services on a simulated clock: in the demo cadre's
// village a compact that went through all nine steps (its first draft had a fine the revision
// removed), was voted, put up and filed, and that households confirm having read; in a
// neighbouring village one half-way, its consultation still open with opinions waiting.

const DAY = 86_400_000;

export interface DemoCompactsSummary {
  compacts: number;
  opinions: number;
  ballots: number;
  readings: number;
  seconds: number;
}

interface Member {
  id: string;
  name: string;
  household_id: string;
  path: string;
  relation: string;
}

async function demoPlaces(deps: Deps) {
  return withContext(deps.db, SYSTEM_CONTEXT, async (tx) => {
    const account = await tx
      .selectFrom('users')
      .select(['id', 'display_name', 'region_code', 'scope_path'])
      .where('username', '=', 'village')
      .where('role', '=', 'village_cadre')
      .executeTakeFirst();
    if (!account) return undefined;
    const village = await tx
      .selectFrom('regions')
      .select(['code', 'name', 'path', 'parent_code'])
      .where('code', '=', account.region_code)
      .executeTakeFirstOrThrow();
    const township = await tx.selectFrom('regions').select(['code', 'name', 'path']).where('code', '=', village.parent_code!).executeTakeFirstOrThrow();
    const neighbour = await tx
      .selectFrom('regions')
      .select(['code', 'name', 'path'])
      .where('parent_code', '=', township.code)
      .where('level', '=', 'village')
      .where('code', '<>', village.code)
      .orderBy('code')
      .executeTakeFirst();
    const cadre: Actor = {
      ...SYSTEM_ACTOR,
      userId: account.id,
      username: 'village',
      displayName: account.display_name,
      role: 'village_cadre',
      regionCode: village.code,
      scopePath: account.scope_path,
    };
    return { village, township, neighbour, cadre };
  });
}

async function adults(deps: Deps, villageCode: string, today: string): Promise<Member[]> {
  const adultBy = `${Number(today.slice(0, 4)) - 19}${today.slice(4)}`;
  return withContext(deps.db, SYSTEM_CONTEXT, (tx) =>
    tx
      .selectFrom('residents as r')
      .innerJoin('households as h', 'h.id', 'r.household_id')
      .select(['r.id', 'r.name', 'r.household_id', 'r.path', 'r.relation'])
      .where('h.village_code', '=', villageCode)
      .where('h.status', '=', 'active')
      .where('r.status', '=', 'active')
      .where('r.birth_date', '<=', adultBy)
      .orderBy('h.address')
      .orderBy('r.id')
      .execute(),
  ) as Promise<Member[]>;
}

const passOf = (m: Member, village: { code: string; path: string }, now: Date): ResidentPass => ({
  residentId: m.id,
  householdId: m.household_id,
  name: m.name,
  villageCode: village.code,
  villagePath: village.path,
  householdPath: m.path,
  adult: true,
  isHead: m.relation === 'head',
  expiresAt: new Date(now.getTime() + 2 * 3600_000).toISOString(),
});

export async function seedDemoCompacts(deps: Deps, onProgress: (done: number, total: number) => void = () => {}): Promise<DemoCompactsSummary> {
  const started = Date.now();
  const places = await demoPlaces(deps);
  const summary: DemoCompactsSummary = { compacts: 0, opinions: 0, ballots: 0, readings: 0, seconds: 0 };
  if (!places) return summary;
  const end = deps.clock.now().getTime();
  const clock = new ManualClock(new Date(end - 150 * DAY));
  const sim: Deps = { ...deps, clock };
  const at = (daysBeforeEnd: number) => clock.set(new Date(end - daysBeforeEnd * DAY));
  const today = () => chinaDate(clock.now());
  const township: Actor = {
    ...SYSTEM_ACTOR,
    role: 'township_staff',
    username: 'demo',
    displayName: `${places.township.name}（演示）`,
    regionCode: places.township.code,
    scopePath: places.township.path,
  };
  const { village, cadre } = places;
  const people = await adults(deps, village.code, chinaDate(new Date(end)));
  const heads = people.filter((p) => p.relation === 'head');
  if (heads.length < 12) return summary;
  const total = 10;
  let done = 0;
  const tick = () => onProgress(++done, total);

  // 1–3: deliberation, invitations, the committee and its vetting.
  at(150);
  let c: Compact = await createCompact(sim, cadre, { regionCode: village.code, title: `${village.name.replace(/(村民委员会|居民委员会)$/, '')}村规民约` });
  summary.compacts++;
  c = await recordDeliberation(sim, cadre, c.id, {
    heldOn: today(),
    attendees: ['村党支部书记', '村委会主任', '村监委会主任', '村委委员'],
    minutes: '两委研究决定修订村规民约：对照移风易俗、人居环境整治新要求，删改不合法、不合时宜的条款。',
  });
  c = await completeStep(sim, cadre, c.id, 'deliberation', {});
  at(147);
  const capacities = ['寨老', '老党员', '老干部', '房族族长', '鼓楼楼长', '外出务工代表'];
  for (let i = 0; i < capacities.length; i++) c = await invite(sim, cadre, c.id, { residentId: heads[i]!.id, capacity: capacities[i]! });
  c = await completeStep(sim, cadre, c.id, 'invitation', {});
  tick();
  at(144);
  for (const [i, inv] of c.invitations.slice(0, 5).entries()) c = await setCommittee(sim, cadre, c.id, inv.id, { committeeRole: i === 0 ? '主任' : '委员' });
  for (const agency of ['justice', 'governance', 'police'] as const) {
    c = await vet(sim, township, c.id, {
      agency,
      decision: 'approve',
      reviewerName: { justice: '司法所所长', governance: '综治中心主任', police: '派出所所长' }[agency],
      note: '人选无违法犯罪记录，同意',
    });
  }
  c = await completeStep(sim, cadre, c.id, 'committee', {});
  tick();

  // 4–5: the draft (with a fine the legality check flags) and a fortnight of opinions.
  at(140);
  c = await saveVersion(sim, cadre, c.id, { note: '执委会起草', articles: DEMO_ARTICLES });
  c = await completeStep(sim, cadre, c.id, 'draft', {});
  c = await setConsultation(sim, cadre, c.id, { until: chinaDate(new Date(end - 125 * DAY)) });
  const v1 = c.versions.at(-1)!;
  const articles = (await withContext(deps.db, SYSTEM_CONTEXT, (tx) => versionIn(tx, c.id, v1.seq)))!.articles;
  for (const [i, o] of DEMO_OPINIONS.entries()) {
    at(139 - i);
    const who = heads[6 + i]!;
    const articleKey = o.article ? articles[o.article - 1]!.key : undefined;
    if (o.source === 'visit')
      c = await addCadreOpinion(sim, cadre, c.id, { source: 'visit', residentId: who.id, ...(articleKey ? { articleKey } : {}), text: o.text });
    else
      await addResidentOpinion(sim, passOf(who, village, clock.now()), null, c.id, {
        ...(articleKey ? { articleKey } : {}),
        text: o.text,
        away: o.source === 'migrant',
      });
    summary.opinions++;
  }
  tick();
  at(125);
  for (const [i, o] of (await listOpinions(sim, cadre, c.id)).entries()) {
    c = await answerOpinion(sim, cadre, c.id, o.id, DEMO_OPINIONS[i]!.answer);
  }
  at(124);
  c = await completeStep(sim, cadre, c.id, 'consultation', {});
  tick();

  // 6–7: the revision (the fine goes, the bride price lowers), the second notice and an objection.
  at(122);
  c = await saveVersion(sim, cadre, c.id, { note: '根据征求的意见修改', articles: REVISED(articles) });
  c = await completeStep(sim, cadre, c.id, 'revision', {});
  c = await setNotice(sim, cadre, c.id, { from: today(), workingDays: 7 });
  at(120);
  await addResidentObjection(sim, passOf(heads[11]!, village, clock.now()), null, c.id, { text: '建议写明红白理事会的监督办法。' });
  at(118);
  const [objection] = await listObjections(sim, cadre, c.id);
  c = await answerObjection(sim, cadre, c.id, objection!.id, { answer: '已在第十条写明由红白理事会监督，并在村务公开栏公示。' });
  tick();
  at(110);
  c = await completeStep(sim, cadre, c.id, 'notice', {});

  // 8: the household vote, about four in five for.
  c = await startVote(sim, cadre, c.id, { electorate: 'household', closesAt: new Date(end - 107 * DAY).toISOString() });
  for (const [i, h] of heads.entries()) {
    if (i % 10 === 9) continue;
    clock.set(new Date(end - 110 * DAY + (i + 1) * 60_000));
    await castOnlineBallot(sim, passOf(h, village, clock.now()), null, c.vote!.id, { choices: [i % 7 === 3 ? 'no' : i % 11 === 5 ? 'abstain' : 'yes'] });
    summary.ballots++;
  }
  tick();
  at(107.5);
  await closeVote(sim, cadre, c.vote!.id);
  c = await completeStep(sim, cadre, c.id, 'vote', {});
  tick();

  // 9 and the filing: put up, submitted, filed; households confirm having read it.
  at(106);
  c = await publish(sim, cadre, c.id, { publishedOn: today() });
  c = await completeStep(sim, cadre, c.id, 'publication', {});
  at(100);
  c = await decideFiling(sim, township, c.id, { decision: 'accept', note: '经审查，内容合法，程序完备，同意备案。' });
  tick();
  for (const [i, h] of heads.entries()) {
    if (i % 3 === 2) continue;
    at(99 - (i % 60));
    await confirmRead(sim, passOf(h, village, clock.now()), null, c.id);
    summary.readings++;
  }
  tick();

  // The neighbouring village: half-way, consultation open until next week.
  if (places.neighbour) {
    const n = places.neighbour;
    const nCadre: Actor = {
      ...SYSTEM_ACTOR,
      role: 'village_cadre',
      username: 'demo',
      displayName: `${n.name}两委（演示）`,
      regionCode: n.code,
      scopePath: n.path,
    };
    const nPeople = (await adults(deps, n.code, chinaDate(new Date(end)))).filter((p) => p.relation === 'head');
    if (nPeople.length >= 8) {
      at(25);
      let d = await createCompact(sim, nCadre, { regionCode: n.code, title: `${n.name.replace(/(村民委员会|居民委员会)$/, '')}村规民约（修订）` });
      summary.compacts++;
      d = await recordDeliberation(sim, nCadre, d.id, {
        heldOn: today(),
        attendees: ['村党支部书记', '村委会主任', '村委委员'],
        minutes: '两委商议启动村规民约修订。',
      });
      d = await completeStep(sim, nCadre, d.id, 'deliberation', {});
      for (let i = 0; i < 4; i++) d = await invite(sim, nCadre, d.id, { residentId: nPeople[i]!.id, capacity: capacities[i]! });
      d = await completeStep(sim, nCadre, d.id, 'invitation', {});
      at(20);
      for (const inv of d.invitations.slice(0, 3)) d = await setCommittee(sim, nCadre, d.id, inv.id, { committeeRole: '委员' });
      for (const agency of ['justice', 'governance', 'police'] as const)
        d = await vet(sim, township, d.id, { agency, decision: 'approve', reviewerName: '联审人员', note: '同意' });
      d = await completeStep(sim, nCadre, d.id, 'committee', {});
      at(12);
      d = await saveVersion(sim, nCadre, d.id, { note: '初稿', articles: DEMO_ARTICLES });
      d = await completeStep(sim, nCadre, d.id, 'draft', {});
      d = await setConsultation(sim, nCadre, d.id, { until: chinaDate(new Date(end + 7 * DAY)) });
      for (const [i, o] of DEMO_OPINIONS.slice(0, 4).entries()) {
        at(10 - i * 2);
        await addResidentOpinion(sim, passOf(nPeople[4 + i]!, n, clock.now()), null, d.id, { text: o.text, away: o.source === 'migrant' });
        summary.opinions++;
      }
      const first = (await listOpinions(sim, nCadre, d.id))[0];
      if (first) await answerOpinion(sim, nCadre, d.id, first.id, DEMO_OPINIONS[0]!.answer);
    }
  }
  tick();
  summary.seconds = Math.round((Date.now() - started) / 100) / 10;
  return summary;
}
