import { App, TreeSelect } from 'antd';
import { useCallback, useEffect, useRef, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { Region } from '../../../src/modules/regions/schema.ts';
import { errorMessage } from '../api';
import { useMe } from '../auth';
import { getRegion, getRegionChildren } from './people-api';

interface RegionNode {
  id: string;
  pId: string | null;
  value: string;
  title: string;
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
  'data-testid'?: string;
}

/** The tree stops at villages unless groups are asked for: most filters take no group code. */
function toNode(r: Region, villagesOnly: boolean, withGroups: boolean): RegionNode {
  return {
    id: r.code,
    pId: r.parentCode,
    value: r.code,
    title: r.name,
    isLeaf: (r.level === 'village' && !withGroups) || r.level === 'group' || r.childCount === 0,
    selectable: !villagesOnly || r.level === 'village',
  };
}

/**
 * The user's region and what lies below it, loaded one level at a time as the user opens nodes.
 * Works as a controlled antd form control (value / onChange).
 */
export function RegionPicker({ value, onChange, villagesOnly = false, withGroups = false, allowClear, placeholder, style, id, ...rest }: RegionPickerProps) {
  const me = useMe();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [nodes, setNodes] = useState<RegionNode[]>([]);
  const known = useRef(new Set<string>());
  const loaded = useRef(new Set<string>());

  const add = useCallback(
    (regions: Region[]) => {
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

  // The root, opened one level so the first click already shows townships or villages.
  useEffect(() => {
    getRegion(me.regionCode)
      .then(async (root) => {
        add([{ ...root, parentCode: null }]);
        if (root.level !== 'village' || withGroups) await loadChildren(root.code);
      })
      .catch((err: unknown) => void message.error(errorMessage(err)));
  }, [me.regionCode, withGroups, add, loadChildren, message]);

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

  return (
    <TreeSelect<string>
      id={id}
      data-testid={rest['data-testid']}
      style={style}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeDataSimpleMode
      treeData={nodes}
      loadData={(node) => loadChildren(String(node.value))}
      allowClear={allowClear}
      placeholder={placeholder ?? (villagesOnly ? t('people.region.villagePlaceholder') : t('people.region.placeholder'))}
      showSearch={{ treeNodeFilterProp: 'title' }}
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
