import { App, TreeSelect } from 'antd';
import { useCallback, useEffect, useRef, useState, type CSSProperties, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Region, RegionPlace } from '../../../src/modules/regions/schema.ts';
import { errorMessage } from '../api';
import { useMe } from '../auth';
import { getRegion, getRegionChildren } from './people-api';
import { RecentPlacesBar } from './RecentPlacesBar';
import { loadPinyin, placeMatches, placesUnder, recentPlaces, rememberPlace, type RecentPlace } from './region-search';

interface RegionNode {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  level: string;
  isLeaf: boolean;
  selectable: boolean;
}

interface RegionPickerProps {
  value?: string;
  onChange?(code: string | undefined): void;
  /** Only villages (村/社区) can be chosen, e.g. where a household is registered. */
  villagesOnly?: boolean;
  /** Villages open to their groups (村民小组 / 小区 / 自治单元), for filters that take a group code. */
  withGroups?: boolean;
  allowClear?: boolean;
  placeholder?: string;
  style?: CSSProperties;
  id?: string;
  /** Opens with the focus in the search box and the list shown (a refusal that asks for a unit). */
  autoFocus?: boolean;
  defaultOpen?: boolean;
  /** After the user picked a place (not when the value is set from outside), with its level. */
  onPicked?(code: string | undefined, level: string | undefined): void;
  'data-testid'?: string;
}

type PlaceLike = Pick<Region, 'code' | 'name' | 'level' | 'parentCode'> & { childCount?: number };

/** The tree stops at villages unless groups are asked for: most filters take no group code. */
function toNode(r: PlaceLike, villagesOnly: boolean, withGroups: boolean): RegionNode {
  return {
    id: r.code,
    pId: r.parentCode,
    value: r.code,
    title: r.name,
    level: r.level,
    isLeaf: (r.level === 'village' && !withGroups) || r.level === 'group' || r.childCount === 0,
    selectable: !villagesOnly || r.level === 'village',
  };
}

/**
 * The user's region and what lies below it, loaded one level at a time as the user opens nodes,
 * and found by typing: part of a name, or its pinyin initials (`shc` → 上黄村) — the first key
 * loads every township and village of the scope once (no counts), so a village is found without
 * opening its township. The last few places picked come first. Works as a controlled antd form
 * control (value / onChange).
 */
export function RegionPicker({
  value,
  onChange,
  villagesOnly = false,
  withGroups = false,
  allowClear,
  placeholder,
  style,
  id,
  autoFocus,
  defaultOpen,
  onPicked,
  ...rest
}: RegionPickerProps) {
  const me = useMe();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [nodes, setNodes] = useState<RegionNode[]>([]);
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState(!!defaultOpen);
  const [recent, setRecent] = useState<RecentPlace[]>(() => recentPlaces(me.id));
  const known = useRef(new Set<string>());
  const loaded = useRef(new Set<string>());
  const allLoaded = useRef(false);

  const add = useCallback(
    (regions: PlaceLike[]) => {
      const fresh = regions.filter((r) => !known.current.has(r.code) && (withGroups || r.level !== 'group'));
      fresh.forEach((r) => known.current.add(r.code));
      if (fresh.length) setNodes((ns) => [...ns, ...fresh.map((r) => toNode(r, villagesOnly, withGroups))]);
    },
    [villagesOnly, withGroups],
  );

  const loadChildren = useCallback(
    async (code: string) => {
      if (loaded.current.has(code)) return;
      loaded.current.add(code);
      try {
        add(await getRegionChildren(code));
      } catch (err) {
        loaded.current.delete(code);
        void message.error(errorMessage(err));
      }
    },
    [add, message],
  );

  /** Every township and village of the scope, for the search (once). */
  const loadAll = useCallback(async () => {
    if (allLoaded.current) return;
    allLoaded.current = true;
    // The tree filters again only when its data changes: hand it a new array once pinyin can match,
    // or 'shc' typed before the library arrived would keep showing nothing.
    void loadPinyin().then(() => {
      setNodes((n) => [...n]);
    });
    try {
      const places: RegionPlace[] = await placesUnder(me.regionCode);
      add(places);
      // Their children are all known now (down to villages), so opening them asks nothing more.
      loaded.current.add(me.regionCode);
      for (const p of places) if (p.level === 'township') loaded.current.add(p.code);
    } catch (err) {
      allLoaded.current = false;
      void message.error(errorMessage(err));
    }
  }, [me.regionCode, add, message]);

  // The root, opened one level so the first click already shows townships or villages.
  useEffect(() => {
    getRegion(me.regionCode)
      .then(async (root) => {
        add([{ ...root, parentCode: null }]);
        if (root.level !== 'village' || withGroups) await loadChildren(root.code);
      })
      .catch((err: unknown) => void message.error(errorMessage(err)));
  }, [me.regionCode, withGroups, add, loadChildren, message]);

  // Opened by a refusal that asks for a unit: the user will type next.
  useEffect(() => {
    if (defaultOpen) void loadAll();
  }, [defaultOpen, loadAll]);

  // A value chosen elsewhere (a link, the address bar) may sit deeper than what is loaded: load its ancestors.
  useEffect(() => {
    if (!value || known.current.has(value) || !known.current.has(me.regionCode)) return;
    let cancelled = false;
    (async () => {
      const chain: string[] = [];
      let code: string | null = value;
      while (code && !known.current.has(code) && chain.length < 6) {
        const region: Region = await getRegion(code);
        chain.unshift(region.parentCode ?? '');
        code = region.parentCode;
      }
      for (const parent of chain) if (!cancelled && parent) await loadChildren(parent);
    })().catch(() => undefined); // Out of scope or gone: the picker just shows the code.
    return () => {
      cancelled = true;
    };
  }, [value, nodes.length, me.regionCode, loadChildren]);

  /** A place picked from the tree, or from the recent list (`recentOne`, maybe not in the tree yet). */
  const pick = (code: string | undefined, recentOne?: RecentPlace) => {
    const node = code ? nodes.find((n) => n.value === code) : undefined;
    const place: RecentPlace | undefined = node ? { code: node.value, name: node.title, level: node.level } : recentOne;
    onChange?.(code);
    onPicked?.(code, place?.level);
    if (place) {
      rememberPlace(me.id, place);
      setRecent(recentPlaces(me.id));
    }
  };

  const choosable = recent.filter((r) => r.code !== value && (!villagesOnly || r.level === 'village') && (withGroups || r.level !== 'group'));
  const popup = (menu: ReactElement) => (
    <>
      {!search && (
        <RecentPlacesBar
          places={choosable}
          onPick={(r) => {
            add([{ code: r.code, name: r.name, level: r.level as Region['level'], parentCode: null, childCount: 0 }]);
            pick(r.code, r);
            setOpen(false);
          }}
        />
      )}
      {menu}
    </>
  );

  return (
    <TreeSelect<string>
      id={id}
      data-testid={rest['data-testid']}
      style={style}
      value={value}
      onChange={(v) => pick(v ?? undefined)}
      treeDataSimpleMode
      treeData={nodes}
      loadData={(node) => loadChildren(String(node.value))}
      allowClear={allowClear}
      autoFocus={autoFocus}
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) void loadAll();
        else setSearch('');
      }}
      placeholder={placeholder ?? (villagesOnly ? t('people.region.villagePlaceholder') : t('people.region.placeholder'))}
      showSearch={{
        searchValue: search,
        onSearch: (s) => {
          setSearch(s);
          if (s.trim()) void loadAll();
        },
        filterTreeNode: (input, node) => placeMatches(String(node.title ?? ''), input),
      }}
      popupRender={popup}
      notFoundContent={t('people.region.none')}
      treeDefaultExpandedKeys={[me.regionCode]}
      popupMatchSelectWidth={false}
    />
  );
}

/** The user's own village when their scope is one village (a village cadre, a grid worker); else undefined. */
export function useOwnVillage(): string | undefined {
  const me = useMe();
  const [code, setCode] = useState<string | undefined>();
  useEffect(() => {
    let cancelled = false;
    getRegion(me.regionCode)
      .then((r) => !cancelled && setCode(r.level === 'village' ? r.code : undefined))
      .catch(() => undefined); // The picker itself reports a failure to load regions.
    return () => {
      cancelled = true;
    };
  }, [me.regionCode]);
  return code;
}
