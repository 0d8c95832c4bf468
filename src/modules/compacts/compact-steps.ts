import { COMPACT_STEPS, VETTING_AGENCIES, VETTING_AGENCY_NAMES, type CompactStep } from './kinds.js';
import type { CompactRow, InvitationRow, VersionRow, VettingRow } from './compact-store.js';

// What each of the nine steps needs before it can close (the step's page lists these), as a pure
// function of the compact's records: the service refuses to close a step while any is missing,
// so no step can be skipped and none closes on an empty record.

export const MIN_DELIBERATION_ATTENDEES = 3;
export const MIN_INVITATIONS = 3;
export const MIN_COMMITTEE = 3;

export interface StepState {
  compact: CompactRow;
  /** China date, YYYY-MM-DD. */
  today: string;
  invitations: InvitationRow[];
  vettings: VettingRow[];
  versions: VersionRow[];
  unansweredOpinions: number;
  unansweredObjections: number;
  vote: { status: string; passed: boolean | null; failedArticles: number[] } | null;
}

/** The step after `step` (the filing's end, 'filed', has none). */
export function nextStep(step: CompactStep): CompactStep {
  const i = COMPACT_STEPS.indexOf(step);
  return COMPACT_STEPS[Math.min(i + 1, COMPACT_STEPS.length - 1)]!;
}

export function latestVersion(s: Pick<StepState, 'versions'>): VersionRow | undefined {
  return s.versions[s.versions.length - 1];
}

/** What the open step still needs, in words for the cadre; empty when it may close. */
export function needsOf(s: StepState): string[] {
  const c = s.compact;
  const latest = latestVersion(s);
  const needs: string[] = [];
  switch (c.step) {
    case 'deliberation':
      if (!c.deliberated_on || !c.deliberation_minutes) needs.push('填写两委商议的日期、参加人员和会议记录');
      else if (c.deliberation_attendees.length < MIN_DELIBERATION_ATTENDEES) needs.push(`两委商议至少 ${MIN_DELIBERATION_ATTENDEES} 人参加`);
      break;
    case 'invitation':
      if (s.invitations.length < MIN_INVITATIONS) needs.push(`从户籍人口中选人，至少发出 ${MIN_INVITATIONS} 份邀请函（已发 ${s.invitations.length} 份）`);
      break;
    case 'committee': {
      const members = s.invitations.filter((i) => i.committee_role).length;
      if (members < MIN_COMMITTEE) needs.push(`执委会至少 ${MIN_COMMITTEE} 名成员（现有 ${members} 名）`);
      for (const agency of VETTING_AGENCIES) {
        const v = s.vettings.find((x) => x.agency === agency);
        if (!v) needs.push(`${VETTING_AGENCY_NAMES[agency]}尚未审核执委会人选`);
        else if (v.decision === 'refuse') needs.push(`${VETTING_AGENCY_NAMES[agency]}不同意：${v.note}`);
      }
      break;
    }
    case 'draft':
      if (!latest) needs.push('起草初稿：逐条写出条款并保存');
      break;
    case 'consultation':
      if (!c.consultation_until) needs.push('设定征求意见的截止日期');
      else if (s.today < c.consultation_until) needs.push(`征求意见到 ${c.consultation_until} 截止，截止后才能结束本步`);
      if (s.unansweredOpinions > 0) needs.push(`还有 ${s.unansweredOpinions} 条意见未答复（采纳、部分采纳或不采纳，并说明理由）`);
      break;
    case 'revision':
      if (!latest || latest.seq <= (c.revision_base_seq ?? latest.seq)) needs.push('根据征求的意见修改条款，保存修改后的新版本');
      break;
    case 'notice':
      if (!c.notice_from || !c.notice_until) needs.push('设定二次公示的起始日期和公示天数（工作日）');
      else {
        if (c.notice_version_id !== latest?.id) needs.push('公示之后条款又有修改，请重新公示');
        if (s.today <= c.notice_until) needs.push(`公示到 ${c.notice_until}，期满后才能进入表决`);
      }
      if (s.unansweredObjections > 0) needs.push(`还有 ${s.unansweredObjections} 条异议未答复`);
      break;
    case 'vote':
      if (!s.vote) needs.push('发起全体表决（村民会议或户代表表决，整体或逐条）');
      else if (c.vote_version_id !== latest?.id) needs.push('表决之后条款又有修改，请重新公示、表决');
      else if (s.vote.status !== 'closed') needs.push('表决尚未结束');
      else if (!s.vote.passed)
        needs.push(
          s.vote.failedArticles.length
            ? `第 ${s.vote.failedArticles.join('、')} 条未通过：不能张榜，请退回修改后重新公示、表决`
            : '表决未通过：不能张榜，请退回修改后重新公示、表决',
        );
      break;
    case 'publication':
      if (c.published_version_id !== latest?.id || !c.published_on) needs.push('张榜公布：填写公布日期，打印张贴');
      break;
    case 'filing':
      needs.push('等待乡镇审查备案');
      break;
    case 'filed':
      break;
  }
  return needs;
}
