import { Button, Flex, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Grid } from '../../../src/modules/regions/grid-schema.ts';
import { listGrids } from '../grids/grids-api';
import { RegionPicker } from '../people/RegionPicker';
import { PinMap, type LatLng } from './PinMap';

/** The grids of one village (empty while loading, or when it has none / cannot be read). */
export function useVillageGrids(villageCode: string | null | undefined): Grid[] {
  const [grids, setGrids] = useState<Grid[]>([]);
  useEffect(() => {
    if (!villageCode) {
      setGrids([]);
      return;
    }
    let cancelled = false;
    listGrids({ villageCode })
      .then((list) => !cancelled && setGrids(list.items))
      // The map is a help: without the grids the point is drawn alone.
      .catch(() => !cancelled && setGrids([]));
    return () => {
      cancelled = true;
    };
  }, [villageCode]);
  return grids;
}

/** 地图标注: pick a village, then click where the matter is on its grid map. */
export function VillagePinPicker({ value, onChange }: { value: LatLng | null; onChange(point: LatLng | null): void }) {
  const { t } = useTranslation();
  const [village, setVillage] = useState<string | undefined>();
  const grids = useVillageGrids(village);
  return (
    <Flex vertical gap={8} data-testid="pin-picker">
      <RegionPicker villagesOnly value={village} onChange={setVillage} allowClear placeholder={t('requests.map.pickVillage')} style={{ width: '100%' }} />
      {village && <PinMap grids={grids} point={value} onPick={onChange} height={240} />}
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary">
          {value ? t('requests.map.point', { lat: value.lat.toFixed(5), lng: value.lng.toFixed(5) }) : t('requests.map.clickToPin')}
        </Typography.Text>
        {value && (
          <Button size="small" type="link" onClick={() => onChange(null)}>
            {t('requests.map.clear')}
          </Button>
        )}
      </Flex>
    </Flex>
  );
}
