import {
  attendanceLine,
  dayOf,
  mergeTarget,
  passHolder,
  planAnswer,
  planBallots,
  planCareTeam,
  planContribution,
  planMeeting,
  planOpinion,
  planProposal,
  planRatings,
  shuffled,
  type Household,
  type OpinionRef,
  type Outcome,
  type Run,
  type Village,
  type Voter,
} from './demo-kit.js';
import {
  CARE_DUTIES,
  GENERAL_OPINIONS,
  LIGHT_CARE,
  LIGHT_RURAL,
  LIGHT_URBAN,
  PUBLIC_OPTIONS,
  RECENT_OPINIONS,
  ROAD,
  TOPICS,
  type GeneralOpinion,
} from './demo-words.js';
import { searchLinkChoices } from './opinion-service.js';
import { addMilestone, changeProjectStatus, createProject } from './project-service.js';
import { closeVote, createVote, openVote } from './vote-service.js';

// The story the demo plays (issue #11): the full year in the demo village, a lighter one elsewhere.
// Days are counted from today (negative: past); everything after today is left for the future.

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

/** `k` households spread evenly over the list (address order). */
const spread = (hs: Household[], k: number) =>
  Array.from({ length: Math.min(k, hs.length) }, (_, i) => hs[Math.floor((i * hs.length) / Math.min(k, hs.length))]!);

/** The first adult of a household (its head where the head is an adult). */
const adultOf = (h: Household) => h.members.find((m) => m.adult)!;

/** An ordinary opinion's answer: declined with its reason, now and then merged into an earlier one of its topic, else the reply. */
function ordinaryAnswer(run: Run, ref: OpinionRef, g: GeneralOpinion, adopt?: () => { proposalId?: string; projectId?: string } | undefined) {
  return (): Outcome | undefined => {
    if (g.adopt) {
      const into = adopt?.();
      return into?.projectId || into?.proposalId ? { outcome: 'adopted', ...into } : { outcome: 'answered', answer: '已记录，将在项目实施时统筹考虑' };
    }
    if (g.decline) return { outcome: 'declined', answer: g.decline };
    const target = mergeTarget(run, ref);
    if (target && run.rnd.chance(0.6)) {
      ref.merged = true;
      return { outcome: 'merged', mergedInto: target.id! };
    }
    return { outcome: 'answered', answer: g.reply! };
  };
}

/** Ordinary opinions spread over [from, to] days, each answered a few days later. */
function planOrdinaryOpinions(run: Run, v: Village, count: number, from: number, to: number, visits: { id: string; visitedOn: string }[] = []) {
  const pool = shuffled(
    run.rnd,
    GENERAL_OPINIONS.filter((g) => !g.adopt),
  );
  const days = Array.from({ length: count }, () => run.rnd.int(from, to)).sort((a, b) => a - b);
  days.forEach((d, i) => {
    const g = pool[i % pool.length]!;
    const at = run.when(d, run.rnd.int(8, 20), run.rnd.int(0, 59));
    const source = run.rnd.chance(0.55) ? 'resident' : 'cadre';
    planOpinion(run, v, at, { topic: g.topic, content: g.content, source }, (ref, t) => planAnswer(run, v, ref, t, ordinaryAnswer(run, ref, g)));
  });
  // Heard by the grid worker on a household visit (the party module's 走访 records), the day of the visit.
  visits.forEach((visit, i) => {
    const g = pool[(count + i) % pool.length]!;
    const at = Date.parse(`${visit.visitedOn}T17:30:00+08:00`) + i * 60_000;
    planOpinion(run, v, at, { topic: g.topic, content: g.content, source: 'visit', visitId: visit.id }, (ref, t) =>
      planAnswer(run, v, ref, t, ordinaryAnswer(run, ref, g)),
    );
  });
}

/** A few opinions still open: some past their five working days, some just in. */
function planOpenOpinions(run: Run, v: Village, days: number[]) {
  days.forEach((d, i) => {
    const content = RECENT_OPINIONS[(i + v.place.code.length + Number(v.place.code.slice(-3))) % RECENT_OPINIONS.length]!;
    planOpinion(run, v, run.when(d, 9 + i, 15), { topic: 'recent', content, source: i % 2 ? 'cadre' : 'resident' });
  });
}

/** The demo village: a year of the full cycle. */
export async function planMainVillage(run: Run, v: Village): Promise<void> {
  const { rnd, when } = run;
  const H = v.households;
  const n = H.length;
  const code = v.place.code;
  const cutoff = dayOf(when(-85, 0));
  const visits = (await searchLinkChoices(run.sim, v.grid, code)).visits.filter((x) => x.visitedOn >= cutoff);

  // ---- ordinary opinions all year, and a few still open
  planOrdinaryOpinions(run, v, clamp(Math.round(n * 0.5), 10, 18), -355, -30, shuffled(rnd, visits).slice(0, 4));
  planOpenOpinions(run, v, [-17, -13, -10, -1, 0]);

  // ---- 通组公路硬化: opinions → proposal → 党员大会 → 村民代表会议 → project → ledger → completion
  TOPICS.road.forEach((content, i) => planOpinion(run, v, when(-346 + i * 3, 9 + i * 2), { topic: 'road', content, source: i % 2 ? 'cadre' : 'resident' }));
  const roadProposal: { id?: string } = {};
  planProposal(run, v, when(-334, 10), { title: ROAD.proposal, description: ROAD.description, topic: 'road' }, roadProposal);
  const members = H.flatMap((h) => h.members.filter((m) => m.adult && m.partyMember));
  if (members.length >= 3) {
    planMeeting(run, v, {
      kind: 'party_members',
      title: '党员大会：审议通组公路硬化实施方案',
      place: '村党群服务中心会议室',
      createdAt: when(-331, 9),
      startsAt: when(-327, 9, 30),
      invitations: { residentIds: members.map((m) => m.id) },
      agenda: () => [roadProposal.id!],
      rate: 0.8,
      quorum: true,
      minutes: (m) => `${attendanceLine(m)}村党支部书记介绍通组公路硬化实施方案（草案），党员逐条讨论，对让地、筹资标准和施工监督提出修改意见。`,
      resolutions: () => [{ text: '审议通过《通组公路硬化实施方案（草案）》，提请村民代表会议决定', proposalId: roadProposal.id }],
    });
  }
  const roadResolution: { id?: string } = {};
  const representatives = spread(H, clamp(Math.ceil(n / 3), 5, 15)).map(adultOf);
  planMeeting(run, v, {
    kind: 'representatives',
    title: '村民代表会议：通组公路硬化项目',
    place: '村委会会议室',
    createdAt: when(-327, 15),
    startsAt: when(-323, 14),
    invitations: { residentIds: representatives.map((m) => m.id) },
    agenda: () => [roadProposal.id!],
    rate: 0.85,
    quorum: true,
    minutes: (m) => `${attendanceLine(m)}会议讨论通组公路硬化实施方案，逐项表决让地、投工和筹资办法，推选村民理事会成员监督施工。`,
    resolutions: () => [
      {
        text: '同意实施通组公路硬化项目：全长2.3公里、路面宽4.5米；沿线农户自愿无偿让地，受益户每户投工不少于3个工日，群众自愿筹资；由村民理事会监督施工和资金使用，账目按月公开',
        proposalId: roadProposal.id,
      },
    ],
    then: (m) => (roadResolution.id = m.resolutions[0]?.id),
  });
  const road: { id?: string } = {};
  run.tl.at(when(-319, 10), async () => {
    if (!roadResolution.id) return;
    road.id = (
      await createProject(run.sim, v.cadre, { villageCode: code, title: ROAD.title, plan: ROAD.plan, resolutionId: roadResolution.id, budget: ROAD.budget })
    ).id;
    run.counts.projects++;
  });
  let receipt = 0;
  const receiptNo = (at: number) => `筹${dayOf(at).slice(0, 4)}-${String(++receipt).padStart(3, '0')}`;
  const order = shuffled(rnd, H);
  for (const h of order.slice(0, clamp(Math.round(n * 0.5), 2, 15))) {
    const at = when(rnd.int(-316, -281), rnd.int(9, 17), rnd.int(0, 59));
    planContribution(run, v, road, at, h, { kind: 'money', amount: rnd.pick([100, 200, 200, 300, 500, 500, 1000, 2000]), receiptNo: receiptNo(at) });
  }
  run.tl.at(when(-272, 8, 30), async () => {
    if (road.id) await changeProjectStatus(run.sim, v.cadre, road.id, { status: 'building', on: dayOf(when(-272, 8)) });
  });
  for (const h of shuffled(rnd, H).slice(0, clamp(Math.round(n * 0.5), 2, 10))) {
    planContribution(run, v, road, when(rnd.int(-271, -262), rnd.int(9, 17)), h, {
      kind: 'land',
      areaM2: rnd.int(30, 360) / 2,
      description: rnd.pick(ROAD.land),
    });
  }
  for (const h of shuffled(rnd, H).slice(0, clamp(Math.round(n * 0.9), 3, 20))) {
    for (let k = rnd.chance(0.15) ? 2 : 1; k > 0; k--) {
      planContribution(run, v, road, when(rnd.int(-268, -197), rnd.int(17, 19)), h, { kind: 'labour', labourDays: rnd.int(4, 24) / 2 });
    }
  }
  planContribution(run, v, road, when(-250, 15), rnd.pick(H), { kind: 'materials', description: '砂石20立方米（自家河沙）', value: 2400 });
  const milestoneDays = [-258, -236, -214, -196, -180];
  ROAD.milestones.forEach(([title, progress, note], i) =>
    run.tl.at(when(milestoneDays[i]!, 16), async () => {
      if (road.id) await addMilestone(run.sim, v.cadre, road.id, { title, progress, note, reachedOn: dayOf(when(milestoneDays[i]!, 16)) });
    }),
  );
  run.tl.at(when(-179, 16), async () => {
    if (road.id) await changeProjectStatus(run.sim, v.cadre, road.id, { status: 'completed', on: dayOf(when(-179, 16)) });
  });
  planCareTeam(run, v, road, when(-177, 10), CARE_DUTIES.slice(0, 4));
  planRatings(run, v, road, shuffled(rnd, H).slice(0, Math.round(n * 0.65)), when(-178, 0), 14);
  const roadExtra = GENERAL_OPINIONS.find((g) => g.adopt === 'road')!;
  planOpinion(run, v, when(-205, 10), { topic: roadExtra.topic, content: roadExtra.content, source: 'resident' }, (ref, t) =>
    planAnswer(
      run,
      v,
      ref,
      t,
      ordinaryAnswer(run, ref, roadExtra, () => (road.id ? { projectId: road.id } : undefined)),
    ),
  );

  // ---- 豆选: opinions → proposal → 院坝会 → vote (online and paper ballots) → 村民议事会 → the winner's project, being built
  TOPICS.public.forEach((content, i) => planOpinion(run, v, when(-249 + i * 2, 10 + i), { topic: 'public', content, source: i % 2 ? 'resident' : 'cadre' }));
  const publicProposal: { id?: string } = {};
  planProposal(
    run,
    v,
    when(-237, 10),
    {
      title: '村级公益项目选择（人工沙滩、亮化工程、改厕改圈）',
      description: '群众提出了路灯、亲水安全、改厕改圈等意见，村两委拟定三个备选项目，经院坝会讨论后由全村豆选决定。',
      topic: 'public',
    },
    publicProposal,
  );
  const winnerIndex = rnd.weighted([
    [1, 5],
    [2, 3],
    [0, 2],
  ] as const);
  const winner = PUBLIC_OPTIONS[winnerIndex]!;
  const yard = planMeeting(run, v, {
    kind: 'courtyard',
    title: '院坝会：今年的公益项目怎么定',
    place: '村委会院坝',
    createdAt: when(-237, 15),
    startsAt: when(-233, 19, 30),
    invitations: { allHouseholds: true },
    agenda: () => [publicProposal.id!],
    rate: 0.62,
    quorum: true,
    minutes: (m) => `${attendanceLine(m)}村两委介绍人工沙滩、亮化工程、改厕改圈三个备选项目的内容、投资和筹资办法，群众充分讨论，同意以豆选方式决定。`,
    resolutions: () => [
      { text: '人工沙滩、亮化工程、改厕改圈三个备选项目提交全村豆选，每户一票，得票最多且过半数的项目列入今年实施计划', proposalId: publicProposal.id },
    ],
    then: () => {
      for (const [i, g] of shuffled(
        rnd,
        GENERAL_OPINIONS.filter((x) => !x.adopt && !x.decline),
      )
        .slice(0, 2)
        .entries()) {
        planOpinion(run, v, when(-233, 21, 40 + i * 5), { topic: g.topic, content: g.content, source: 'meeting', meetingId: () => yard.id }, (ref, t) =>
          planAnswer(run, v, ref, t, ordinaryAnswer(run, ref, g)),
        );
      }
    },
  });
  const winnerOption: { id?: string } = {};
  const vote: { id?: string } = {};
  run.tl.at(when(-231, 10), async () => {
    if (!publicProposal.id) return;
    const draft = await createVote(run.sim, v.cadre, {
      regionCode: code,
      proposalId: publicProposal.id,
      ...(yard.id ? { meetingId: yard.id } : {}),
      title: '公益项目豆选：人工沙滩、亮化工程、改厕改圈',
      method: 'single',
      electorate: 'household',
      secret: true,
      quorumPct: 50,
      passPct: 50,
      options: PUBLIC_OPTIONS.map((o) => ({ label: o.label, description: o.description })),
      closesAt: new Date(when(-222, 18)).toISOString(),
    });
    vote.id = draft.id;
    run.counts.votes++;
  });
  run.tl.at(when(-230, 9), async () => {
    if (!vote.id) return;
    const opened = await openVote(run.sim, v.cadre, vote.id);
    const ids = opened.options.map((o) => o.id);
    winnerOption.id = ids[winnerIndex];
    const [second, third] = shuffled(
      rnd,
      ids.filter((_, i) => i !== winnerIndex),
    );
    await planBallots(
      run,
      v,
      opened,
      H.map((household) => ({ household })),
      (electors) => {
        // Three in four households vote; the winner takes more than half, so the 豆选 passes without a tie.
        const k = clamp(Math.round(electors.length * (0.72 + rnd.next() * 0.15)), Math.ceil(electors.length / 2), electors.length);
        const w = Math.floor(k / 2) + 1;
        const s = Math.ceil((k - w) * 0.6);
        const choices = shuffled(rnd, [
          ...Array<string>(w).fill(winnerOption.id!),
          ...Array<string>(s).fill(second!),
          ...Array<string>(k - w - s).fill(third!),
        ]);
        return shuffled(rnd, electors)
          .slice(0, k)
          .map((x, i) => {
            const online = !!passHolder(rnd, x.household) && rnd.chance(0.45);
            // Online over the week; on paper on the day of the 豆选 at the courtyard.
            const at = online ? when(rnd.int(-230, -224), rnd.int(8, 21), rnd.int(0, 59)) : when(-223, rnd.int(9, 16), rnd.int(0, 59));
            return { ...x, at, online, choices: [choices[i]!] };
          });
      },
    );
  });
  run.tl.at(when(-222, 18, 5), async () => {
    if (vote.id) await closeVote(run.sim, v.cadre, vote.id);
  });
  const councilResolution: { id?: string } = {};
  planMeeting(run, v, {
    kind: 'villager_council',
    title: `村民议事会：${winner.label}实施方案`,
    place: '村委会院坝',
    createdAt: when(-220, 10),
    startsAt: when(-215, 19, 30),
    invitations: { allHouseholds: true },
    agenda: () => [publicProposal.id!],
    rate: 0.6,
    quorum: true,
    minutes: (m) => `${attendanceLine(m)}通报豆选结果，${winner.label}得票最多。会议讨论实施方案、筹资标准和施工监督办法。`,
    resolutions: () => [{ text: `按豆选结果实施${winner.label}：${winner.plan}`, proposalId: publicProposal.id }],
    then: (m) => (councilResolution.id = m.resolutions[0]?.id),
  });
  const built: { id?: string } = {};
  run.tl.at(when(-213, 10), async () => {
    if (!winnerOption.id || !councilResolution.id) return;
    built.id = (
      await createProject(run.sim, v.cadre, {
        villageCode: code,
        title: winner.title,
        plan: winner.plan,
        voteOptionId: winnerOption.id,
        resolutionId: councilResolution.id,
        budget: winner.budget,
      })
    ).id;
    run.counts.projects++;
  });
  for (const h of shuffled(rnd, H).slice(0, clamp(Math.round(n * 0.3), 2, 8))) {
    const at = when(rnd.int(-211, -190), rnd.int(9, 17), rnd.int(0, 59));
    planContribution(run, v, built, at, h, { kind: 'money', amount: rnd.pick([100, 100, 200, 300]), receiptNo: receiptNo(at) });
  }
  run.tl.at(when(-48, 8, 30), async () => {
    if (built.id) await changeProjectStatus(run.sim, v.cadre, built.id, { status: 'building', on: dayOf(when(-48, 8)) });
  });
  for (const h of shuffled(rnd, H).slice(0, clamp(Math.round(n * 0.25), 2, 6))) {
    planContribution(run, v, built, when(rnd.int(-46, -3), 18), h, { kind: 'labour', labourDays: rnd.int(2, 8) / 2 });
  }
  (
    [
      ['材料进场，基础施工', 25, -40],
      ['主体施工过半', 55, -18],
    ] as const
  ).forEach(([title, progress, d]) =>
    run.tl.at(when(d, 16), async () => {
      if (built.id) await addMilestone(run.sim, v.cadre, built.id, { title, progress, reachedOn: dayOf(when(d, 16)) });
    }),
  );
  const winnerExtra = GENERAL_OPINIONS.find((g) => g.adopt === 'winner')!;
  planOpinion(run, v, when(-150, 11), { topic: winnerExtra.topic, content: winnerExtra.content, source: 'cadre' }, (ref, t) =>
    planAnswer(
      run,
      v,
      ref,
      t,
      ordinaryAnswer(run, ref, winnerExtra, () => (built.id && winner.label === '亮化工程' ? { projectId: built.id } : undefined)),
    ),
  );

  // ---- autumn: a 院坝会 short of its quorum decides nothing; called again, it sets the village's cleaning day
  planMeeting(run, v, {
    kind: 'courtyard',
    title: '院坝会：秋季人居环境整治',
    place: '村委会院坝',
    createdAt: when(-108, 10),
    startsAt: when(-104, 19, 30),
    invitations: { allHouseholds: true },
    rate: 0.3,
    quorum: false,
    minutes: (m) => `${attendanceLine(m)}正值秋收，到会户数不足，本次会议只通报情况、听取意见，不作决定，择日再开。`,
  });
  const again = planMeeting(run, v, {
    kind: 'courtyard',
    title: '院坝会：秋季人居环境整治（再次召开）',
    place: '村委会院坝',
    createdAt: when(-101, 10),
    startsAt: when(-97, 19, 30),
    invitations: { allHouseholds: true },
    rate: 0.66,
    quorum: true,
    minutes: (m) => `${attendanceLine(m)}讨论房前屋后环境卫生和柴草堆放问题，群众同意落实门前三包，设立全村环境卫生日。`,
    resolutions: () => [{ text: '每户落实“门前三包”，每月最后一个星期六为全村环境卫生日，由网格员和党员中心户督促落实' }],
    then: () => {
      const g = GENERAL_OPINIONS.find((x) => x.topic === 'fire')!;
      planOpinion(run, v, when(-97, 21, 45), { topic: g.topic, content: g.content, source: 'meeting', meetingId: () => again.id }, (ref, t) =>
        planAnswer(run, v, ref, t, ordinaryAnswer(run, ref, g)),
      );
    },
  });

  // ---- now: an open vote of the adults on parking, and a planned meeting on winter work
  TOPICS.parking.forEach((content, i) => planOpinion(run, v, when(-28 + i * 3, 10), { topic: 'parking', content, source: i ? 'resident' : 'cadre' }));
  const parking: { id?: string } = {};
  planProposal(
    run,
    v,
    when(-20, 10),
    { title: '村口闲置地改建停车场', description: '赶场天村口拥堵，群众建议把闲置地改建为停车场；拟由全体成年村民表决是否实施。', topic: 'parking' },
    parking,
  );
  const open: { id?: string } = {};
  run.tl.at(when(-6, 10), async () => {
    if (!parking.id) return;
    open.id = (
      await createVote(run.sim, v.cadre, {
        regionCode: code,
        proposalId: parking.id,
        title: '是否同意将村口闲置地改建为停车场',
        method: 'yes_no',
        electorate: 'adult',
        secret: true,
        quorumPct: 50,
        passPct: 51,
        closesAt: new Date(when(5, 18)).toISOString(),
      })
    ).id;
    run.counts.votes++;
  });
  run.tl.at(when(-5, 9), async () => {
    if (!open.id) return;
    const opened = await openVote(run.sim, v.cadre, open.id);
    const adults: Voter[] = H.flatMap((household) => household.members.filter((m) => m.adult).map((person) => ({ household, person })));
    await planBallots(run, v, opened, adults, (electors) =>
      shuffled(rnd, electors)
        .slice(0, Math.round(electors.length * 0.35))
        .map((x) => ({
          ...x,
          at: when(rnd.int(-5, -1), rnd.int(8, 21), rnd.int(0, 59)),
          online: !!x.person?.idEnc && rnd.chance(0.6),
          choices: [
            rnd.weighted([
              ['yes', 62],
              ['no', 28],
              ['abstain', 10],
            ] as const),
          ],
        })),
    );
  });
  TOPICS.winter.forEach((content, i) => planOpinion(run, v, when(-13 + i * 3, 15), { topic: 'winter', content, source: i ? 'cadre' : 'resident' }));
  const winter: { id?: string } = {};
  planProposal(
    run,
    v,
    when(-7, 10),
    { title: '冬季森林防火和人居环境整治', description: '入冬后烧田坎、烧秸秆增多，年前需组织环境卫生大扫除，请院坝会商定巡查和分工。', topic: 'winter' },
    winter,
  );
  planMeeting(run, v, {
    kind: 'courtyard',
    title: '院坝会：冬季森林防火和环境卫生',
    place: '村委会院坝',
    createdAt: when(-2, 10),
    startsAt: when(3, 19, 30),
    invitations: { allHouseholds: true },
    agenda: () => (winter.id ? [winter.id] : []),
    rate: 0.6,
    quorum: true,
    minutes: (m) => attendanceLine(m),
  });
  // The relocation compound's buildings hold their own 楼宇会 on the stairwells and charging.
  planMeeting(run, v, {
    kind: 'building',
    title: '楼宇会：安置点楼道堆物和电动车充电',
    place: '安置点 2 栋架空层',
    createdAt: when(-64, 10),
    startsAt: when(-60, 19, 30),
    invitations: { allHouseholds: true },
    rate: 0.65,
    quorum: true,
    minutes: (m) => `${attendanceLine(m)}楼栋长通报楼道堆放杂物、电动车进楼充电的隐患，住户逐户发言。`,
    resolutions: () => [{ text: '楼道杂物一周内各户自行清理；架空层设集中充电点，电费按表分摊，楼栋长每周巡查一次。' }],
  });
}

/** A village of another township: a handful of opinions, one proposal and meeting, one project (built, being built or planned). */
export function planLightVillage(run: Run, v: Village, index: number): void {
  // index: the rural villages count from 0, the urban one (when there is one) is -1.
  const { rnd, when } = run;
  const H = v.households;
  const n = H.length;
  // Rural ones in the order 火塘会, 阳光议事厅, 院坝会 (the main village already has 院坝会).
  const lp = v.place.kind === 'urban' ? LIGHT_URBAN : LIGHT_RURAL[[0, 2, 1][index % 3]!]!;
  planOrdinaryOpinions(run, v, 4, -200, -25);
  planOpenOpinions(run, v, [-14]);
  lp.topic.forEach((content, i) => planOpinion(run, v, when(-172 + i * 3, 10), { topic: 'project', content, source: i ? 'cadre' : 'resident' }));
  const proposal: { id?: string } = {};
  planProposal(run, v, when(-165, 10), { title: lp.proposal, description: `${lp.topic[0]}；${lp.topic[1]}。`, topic: 'project' }, proposal);
  const resolution: { id?: string } = {};
  planMeeting(run, v, {
    kind: lp.meetingKind,
    title: lp.meetingTitle,
    place: lp.place,
    createdAt: when(-163, 15),
    startsAt: when(-158, 19, 30),
    invitations: { allHouseholds: true },
    ...(lp.invitedParties ? { invitedParties: lp.invitedParties } : {}),
    agenda: () => [proposal.id!],
    rate: 0.6,
    quorum: true,
    minutes: (m) => `${attendanceLine(m)}围绕“${lp.proposal}”充分协商，明确实施内容、筹资和投工办法。`,
    resolutions: () => [{ text: lp.resolution, proposalId: proposal.id }],
    then: (m) => (resolution.id = m.resolutions[0]?.id),
  });
  const project: { id?: string } = {};
  run.tl.at(when(-155, 10), async () => {
    if (!resolution.id) return;
    project.id = (
      await createProject(run.sim, v.cadre, { villageCode: v.place.code, title: lp.title, plan: lp.plan, resolutionId: resolution.id, budget: lp.budget })
    ).id;
    run.counts.projects++;
  });
  const stage = (index + 1) % 3;
  if (stage === 2) return;
  const start = stage === 0 ? -140 : -60;
  let receipt = 0;
  for (const h of shuffled(rnd, H).slice(0, clamp(Math.round(n * 0.2), 2, 3))) {
    const at = when(rnd.int(-154, -141), rnd.int(9, 17));
    planContribution(run, v, project, at, h, {
      kind: 'money',
      amount: rnd.pick([100, 200, 300, 500]),
      receiptNo: `筹${dayOf(at).slice(0, 4)}-${String(++receipt).padStart(3, '0')}`,
    });
  }
  run.tl.at(when(start, 8, 30), async () => {
    if (project.id) await changeProjectStatus(run.sim, v.cadre, project.id, { status: 'building', on: dayOf(when(start, 8)) });
  });
  for (const h of shuffled(rnd, H).slice(0, clamp(Math.round(n * 0.3), 3, 5))) {
    planContribution(run, v, project, when(rnd.int(start + 2, start + 40), 18), h, { kind: 'labour', labourDays: rnd.int(2, 10) / 2 });
  }
  if (stage === 0 && lp.materials)
    planContribution(run, v, project, when(start + 5, 15), rnd.pick(H), { kind: 'materials', description: lp.materials, value: 1800 });
  const steps = stage === 0 ? lp.milestones : lp.milestones.slice(0, 1);
  steps.forEach(([title, progress], i) => {
    const d = start + 12 + i * 16;
    run.tl.at(when(d, 16), async () => {
      if (project.id) await addMilestone(run.sim, v.cadre, project.id, { title, progress, reachedOn: dayOf(when(d, 16)) });
    });
  });
  if (stage !== 0) return;
  const done = start + 12 + (steps.length - 1) * 16 + 1;
  run.tl.at(when(done, 16), async () => {
    if (project.id) await changeProjectStatus(run.sim, v.cadre, project.id, { status: 'completed', on: dayOf(when(done, 16)) });
  });
  planCareTeam(run, v, project, when(done + 2, 10), LIGHT_CARE);
  planRatings(run, v, project, shuffled(rnd, H).slice(0, Math.round(n * 0.5)), when(done + 1, 0), 14);
}
