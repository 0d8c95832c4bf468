import { useMemo, useReducer, useRef } from 'react';
import type { Region } from '../../../src/modules/regions/schema.ts';
import { getRegion, getRegionChildren } from './regions-api';

export interface RegionStore {
  get(code: string): Region | undefined;
  childrenOf(code: string): Region[] | undefined;
  /** Fetches a region once; later calls are served from memory. */
  load(code: string): Promise<Region>;
  /** Fetches a region's children once. */
  loadChildren(code: string): Promise<Region[]>;
  /** The ancestors of `code` from `rootCode` down to its parent, with their children loaded. */
  loadPath(code: string, rootCode: string): Promise<string[]>;
  /** Fetches a region and its children again, after an edit changed them (a group added, renamed, removed). */
  refresh(code: string): Promise<void>;
}

/**
 * A per-page cache of the region tree, filled lazily: the tree, the details pane and deep links
 * share it, so each region and each child list is fetched at most once.
 */
export function useRegionStore(): RegionStore {
  const regions = useRef(new Map<string, Region>());
  const children = useRef(new Map<string, string[]>());
  const inFlight = useRef(new Map<string, Promise<unknown>>());
  const [, rerender] = useReducer((n: number) => n + 1, 0);

  return useMemo(() => {
    function once<T>(key: string, fetcher: () => Promise<T>): Promise<T> {
      const running = inFlight.current.get(key) as Promise<T> | undefined;
      if (running) return running;
      const p = fetcher().finally(() => inFlight.current.delete(key));
      inFlight.current.set(key, p);
      return p;
    }

    const store: RegionStore = {
      get: (code) => regions.current.get(code),
      childrenOf: (code) => {
        const codes = children.current.get(code);
        return codes?.map((c) => regions.current.get(c)).filter((r): r is Region => r !== undefined);
      },
      async load(code) {
        const hit = regions.current.get(code);
        if (hit) return hit;
        return once(`region:${code}`, async () => {
          const region = await getRegion(code);
          regions.current.set(code, region);
          rerender();
          return region;
        });
      },
      async loadChildren(code) {
        const cached = store.childrenOf(code);
        if (cached) return cached;
        return once(`children:${code}`, async () => {
          const list = await getRegionChildren(code);
          for (const r of list) regions.current.set(r.code, r);
          children.current.set(
            code,
            list.map((r) => r.code),
          );
          rerender();
          return list;
        });
      },
      async loadPath(code, rootCode) {
        const path: string[] = [];
        let region = await store.load(code);
        // Regions have at most six levels, so this walks a handful of steps.
        while (region.code !== rootCode && region.parentCode) {
          path.unshift(region.parentCode);
          region = await store.load(region.parentCode);
        }
        if (region.code !== rootCode) return [];
        await Promise.all(path.map((c) => store.loadChildren(c)));
        return path;
      },
      async refresh(code) {
        const [region, list] = await Promise.all([getRegion(code), getRegionChildren(code)]);
        regions.current.set(code, region);
        for (const r of list) regions.current.set(r.code, r);
        children.current.set(
          code,
          list.map((r) => r.code),
        );
        rerender();
      },
    };
    return store;
  }, []);
}
