// The quorum (法定人数) of a deliberation meeting, from its roster. Pure: no database, no clock — the
// service stores its answer when the meeting is marked held, and the web page imports it to show
// the indicator live while attendance is taken. The rule depends on the kind of meeting:
//
// - representatives (村民代表会议): at least two thirds of the invited representatives present in
//   person. Basis: 《村民委员会组织法》第二十五条 (村民代表会议有三分之二以上的组成人员参加方可召开);
//   a representative speaks for ten to fifteen households, so a proxy does not count.
// - villager_council (村民会议 / 村民议事会): more than half of the invited adults present, or — when
//   invitations are by household — at least two thirds of the invited households represented
//   (present or by proxy). Basis: 《村民委员会组织法》第二十二条 (本村十八周岁以上村民的过半数，或者
//   本村三分之二以上的户的代表参加).
// - party_members (党员大会): more than half of the invited members present in person. Basis:
//   《中国共产党支部工作条例（试行）》and 《中国共产党基层组织选举工作条例》(应到会党员半数以上).
// - courtyard, fireside, building, sunshine_hall, four_party (院坝会、火塘会、楼宇会、阳光议事厅、
//   四方联动): informal deliberation with no statutory quorum; the platform requires more than half
//   of the invited households (present or by proxy) before the meeting may decide, so that a
//   decision speaks for most of the households it concerns.

import type { Attendance, MeetingKind } from './kinds.js';

/** One roster line as the quorum sees it: a household, or a named person. */
export interface QuorumEntry {
  unit: 'household' | 'person';
  attendance: Attendance | null;
}

export type QuorumRule = 'two_thirds_present' | 'half_adults_present' | 'two_thirds_households' | 'half_present' | 'half_households';

export interface Quorum {
  rule: QuorumRule;
  /** Roster lines the rule counts over. */
  invited: number;
  /** How many of them count as attending under the rule. */
  counted: number;
  /** The smallest count that meets the rule (0 invited: never met). */
  required: number;
  met: boolean;
  /** Whether a proxy counts as attending under this rule. */
  proxiesCount: boolean;
  /** The rule in words, for the page and the minutes. */
  description: string;
}

export const INFORMAL_KINDS: readonly MeetingKind[] = ['courtyard', 'fireside', 'building', 'sunshine_hall', 'four_party'];

/** The smallest n with n ≥ 2/3 of `invited`. */
const twoThirds = (invited: number) => Math.ceil((invited * 2) / 3);
/** The smallest n with n > half of `invited`. */
const moreThanHalf = (invited: number) => Math.floor(invited / 2) + 1;

function build(rule: QuorumRule, entries: QuorumEntry[], proxiesCount: boolean, required: (n: number) => number, description: string): Quorum {
  const invited = entries.length;
  const counted = entries.filter((e) => e.attendance === 'present' || (proxiesCount && e.attendance === 'proxy')).length;
  const need = invited ? required(invited) : 0;
  return { rule, invited, counted, required: need, met: invited > 0 && counted >= need, proxiesCount, description };
}

/** The quorum of a meeting of `kind` over its roster, as attendance now stands. */
export function computeQuorum(kind: MeetingKind, entries: QuorumEntry[]): Quorum {
  switch (kind) {
    case 'representatives':
      return build('two_thirds_present', entries, false, twoThirds, '应到村民代表三分之二以上亲自到会（代理不计）');
    case 'party_members':
      return build('half_present', entries, false, moreThanHalf, '应到党员半数以上亲自到会（代理不计）');
    case 'villager_council':
      // Invited by household: the households' representatives; by person: the adults themselves.
      return entries.some((e) => e.unit === 'household')
        ? build('two_thirds_households', entries, true, twoThirds, '本村三分之二以上的户的代表参加（含代理）')
        : build('half_adults_present', entries, false, moreThanHalf, '应到十八周岁以上村民过半数亲自到会');
    default:
      return build('half_households', entries, true, moreThanHalf, '受邀户过半数到会（含代理）');
  }
}
