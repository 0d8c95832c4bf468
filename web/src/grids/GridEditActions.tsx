import { BorderOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Grid, GridSaveResult, GridWarning } from '../../../src/modules/regions/grid-schema.ts';
import type { Region } from '../../../src/modules/regions/schema.ts';
import { hasAnyPermission, useMe } from '../auth';
import { GridModal } from './GridModal';
import { VillageBoundaryModal } from './VillageBoundaryModal';

/** Village boundaries are drawn from above (boundary-service.ts): the township or the county. */
const BOUNDARY_ROLES = new Set(['county_staff', 'township_staff']);

export interface GridEditActionsProps {
  grid: Grid;
  /** A grid was changed or created: the page puts it on the map (and selects a new one). */
  onGridSaved?(grid: Grid): void;
  /** The village's boundary was drawn or removed. */
  onVillageSaved?(village: Region): void;
}

/**
 * The editing actions of the grid panel — edit this grid, draw a new grid in its village, draw the
 * village's boundary — for those who may; and the warnings of the last save (advice, not errors).
 */
export function GridEditActions({ grid, onGridSaved, onVillageSaved }: GridEditActionsProps) {
  const { t } = useTranslation();
  const me = useMe();
  const [open, setOpen] = useState<'edit' | 'create' | 'boundary' | null>(null);
  const [warnings, setWarnings] = useState<{ code: string; items: GridWarning[] } | null>(null);
  if (!hasAnyPermission(me, ['regions.edit'])) return null;
  const village = { code: grid.villageCode, name: grid.villageName };

  const saved = (result: GridSaveResult) => {
    setOpen(null);
    setWarnings(result.warnings.length ? { code: result.grid.code, items: result.warnings } : null);
    onGridSaved?.(result.grid);
  };

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button icon={<EditOutlined />} onClick={() => setOpen('edit')} data-testid="grid-edit">
          {t('gridEdit.edit')}
        </Button>
        <Button icon={<PlusOutlined />} onClick={() => setOpen('create')} data-testid="grid-new">
          {t('gridEdit.create')}
        </Button>
        {BOUNDARY_ROLES.has(me.role) && (
          <Button icon={<BorderOutlined />} onClick={() => setOpen('boundary')} data-testid="village-boundary-open">
            {t('gridEdit.villageBoundary')}
          </Button>
        )}
      </Space>
      {warnings?.code === grid.code && (
        <Alert
          type="warning"
          showIcon
          closable={{ onClose: () => setWarnings(null) }}
          style={{ marginBottom: 12 }}
          data-testid="grid-save-warnings"
          title={t('gridEdit.warningsTitle')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {warnings.items.map((w) => (
                <li key={w.code}>{w.message}</li>
              ))}
            </ul>
          }
        />
      )}
      {open === 'edit' && <GridModal grid={grid} village={village} onClose={() => setOpen(null)} onSaved={saved} />}
      {open === 'create' && <GridModal grid={null} village={village} onClose={() => setOpen(null)} onSaved={saved} />}
      {open === 'boundary' && (
        <VillageBoundaryModal
          village={village}
          onClose={() => setOpen(null)}
          onSaved={(region) => {
            setOpen(null);
            onVillageSaved?.(region);
          }}
        />
      )}
    </>
  );
}
