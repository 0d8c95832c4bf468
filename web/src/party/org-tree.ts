import { KIND_RULES } from '../../../src/modules/party/org-rules.ts';
import type { RegionLevel } from '../../../src/modules/regions/schema.ts';
import { PARTY_ORG_KINDS, type PartyOrgDetail, type PartyOrgKind, type PartyOrgNode } from '../../../src/modules/party/schema.ts';

/** Every organization of the tree, parents before children. */
export function flattenOrgs(roots: PartyOrgNode[]): PartyOrgNode[] {
  return roots.flatMap((r) => [r, ...flattenOrgs(r.children)]);
}

/** The ids of an organization and of every organization below it. */
function subtreeIds(roots: PartyOrgNode[], id: string): Set<string> {
  const node = flattenOrgs(roots).find((o) => o.id === id);
  return new Set(node ? flattenOrgs([node]).map((o) => o.id) : [id]);
}

/** The region levels an organization of this kind may be linked to. */
export type OrgRegionLevel = Extract<RegionLevel, 'county' | 'township' | 'village' | 'group'>;
export function kindLevels(kind: PartyOrgKind): OrgRegionLevel[] {
  return KIND_RULES[kind].levels as OrgRegionLevel[];
}

/** The kinds that may be set up under an organization of this kind (org-rules.ts, shared with the server). */
export function childKinds(parentKind: PartyOrgKind): PartyOrgKind[] {
  return PARTY_ORG_KINDS.filter((k) => KIND_RULES[k].parents.includes(parentKind));
}

/** Organizations of the tree the given one may move under: a parent kind that fits, and not itself or one below it. */
export function parentCandidates(roots: PartyOrgNode[], org: PartyOrgDetail): PartyOrgNode[] {
  const allowed = KIND_RULES[org.kind].parents;
  const own = subtreeIds(roots, org.id);
  return flattenOrgs(roots).filter((o) => allowed.includes(o.kind) && !own.has(o.id));
}

/** Where a member may be transferred: any other organization of the tree. */
export function transferTargets(roots: PartyOrgNode[], currentOrgId: string): PartyOrgNode[] {
  return flattenOrgs(roots).filter((o) => o.id !== currentOrgId);
}
