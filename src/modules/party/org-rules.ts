import type { PartyOrgKind } from './schema.js';

interface KindRule {
  /** Kinds the parent may have; empty = stands at the top. */
  parents: readonly PartyOrgKind[];
  /** Levels of the region the organization is linked to. */
  levels: readonly string[];
}

/**
 * Which kind sits under which, and at what region level: 县委 (county) › 乡镇党委 (township) ›
 * 社区大党委 / 村党支部 / 党总支 (village) › 小区党支部 / 村民小组党小组 (village or group) ›
 * 楼栋党小组 (village or group).
 */
export const KIND_RULES: Record<PartyOrgKind, KindRule> = {
  county_committee: { parents: [], levels: ['county'] },
  township_committee: { parents: ['county_committee'], levels: ['township'] },
  community_committee: { parents: ['township_committee'], levels: ['village'] },
  village_branch: { parents: ['township_committee'], levels: ['village'] },
  general_branch: { parents: ['township_committee'], levels: ['village'] },
  compound_branch: { parents: ['community_committee', 'general_branch'], levels: ['village', 'group'] },
  group_party_group: { parents: ['village_branch', 'general_branch'], levels: ['village', 'group'] },
  building_group: { parents: ['compound_branch', 'community_committee'], levels: ['village', 'group'] },
};

export const KIND_LABELS: Record<PartyOrgKind, string> = {
  county_committee: '县委',
  township_committee: '乡镇党委',
  community_committee: '社区大党委',
  village_branch: '村党支部',
  general_branch: '党总支',
  compound_branch: '小区党支部',
  group_party_group: '村民小组党小组',
  building_group: '楼栋党小组',
};

/** The kinds that stand for a whole village or community: members of the village enrol here. */
export const VILLAGE_LEVEL_KINDS: readonly PartyOrgKind[] = ['community_committee', 'village_branch', 'general_branch'];

/** Why a kind may not sit under a parent of another kind, or null when it may. */
export function parentProblem(kind: PartyOrgKind, parentKind: PartyOrgKind | null): string | null {
  const rule = KIND_RULES[kind];
  if (rule.parents.length === 0) return parentKind === null ? null : `${KIND_LABELS[kind]}没有上级党组织`;
  if (parentKind === null) return `${KIND_LABELS[kind]}必须有上级党组织`;
  if (!rule.parents.includes(parentKind)) {
    return `${KIND_LABELS[kind]}的上级应为${rule.parents.map((p) => KIND_LABELS[p]).join('或')}，不能是${KIND_LABELS[parentKind]}`;
  }
  return null;
}
