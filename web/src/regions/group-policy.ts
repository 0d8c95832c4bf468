import type { Me } from '../../../src/platform/accounts/schema.ts';

/** Groups (村民小组 / 小区 / 自治单元) are edited by whoever holds `regions.edit` (as on the server). */
export function canEditGroups(me: Me): boolean {
  return me.permissions.includes('regions.edit');
}
