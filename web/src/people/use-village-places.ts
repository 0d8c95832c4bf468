import { useEffect, useState } from 'react';
import type { Building } from '../../../src/modules/people/building-schema.ts';
import type { Grid } from '../../../src/modules/regions/grid-schema.ts';
import type { Region } from '../../../src/modules/regions/schema.ts';
import { errorMessage } from '../api';
import { listGrids } from '../grids/grids-api';
import { getRegionChildren } from '../regions/regions-api';
import { listBuildings } from './buildings-api';

export interface Loaded<T> {
  items: T[];
  loading: boolean;
  error: string | null;
}

/** Fetches a village's list when the village changes; nothing without a village. */
function useVillageList<T>(villageCode: string | undefined, fetch: (code: string) => Promise<T[]>): Loaded<T> {
  const [state, setState] = useState<Loaded<T> & { code?: string }>({ items: [], loading: false, error: null });
  useEffect(() => {
    if (!villageCode) return;
    let cancelled = false;
    setState({ items: [], loading: true, error: null, code: villageCode });
    fetch(villageCode)
      .then((items) => !cancelled && setState({ items, loading: false, error: null, code: villageCode }))
      .catch((err: unknown) => !cancelled && setState({ items: [], loading: false, error: errorMessage(err), code: villageCode }));
    return () => {
      cancelled = true;
    };
    // `fetch` is one of the module-level functions below, the same on every render.
  }, [villageCode, fetch]);
  // A list of another village (or of none) is never shown while the new one loads.
  return villageCode && state.code === villageCode ? state : { items: [], loading: !!villageCode, error: null };
}

const fetchGroups = async (code: string) => (await getRegionChildren(code)).filter((r) => r.level === 'group');
const fetchGrids = async (code: string) => (await listGrids({ villageCode: code })).items;
const fetchBuildings = async (code: string) => (await listBuildings({ villageCode: code })).items;

/** The village's 村民小组 / 小区 / 自治单元. */
export function useVillageGroups(villageCode: string | undefined): Loaded<Region> {
  return useVillageList(villageCode, fetchGroups);
}

/** The village's grids, for pickers. */
export function useVillageGrids(villageCode: string | undefined): Loaded<Grid> {
  return useVillageList(villageCode, fetchGrids);
}

/** The village's buildings and courtyards. */
export function useVillageBuildings(villageCode: string | undefined): Loaded<Building> {
  return useVillageList(villageCode, fetchBuildings);
}
