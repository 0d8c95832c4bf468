import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Form, Input, Modal, Radio, Select } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  EMPLOYMENTS,
  GRID_KINDS,
  GRID_TAGS,
  type Employment,
  type Grid,
  type GridKind,
  type GridSaveResult,
  type GridWorkerInput,
  type PolygonValue,
  type UpdateGridBody,
} from '../../../src/modules/regions/grid-schema.ts';
import { alertMessage } from '../components/form-errors';
import { BoundaryInput, boundaryRules } from './BoundaryInput';
import { parsePolygon } from './geojson-input';
import { createGrid, updateGrid } from './grid-edit-api';
import { showGridFieldError } from './grid-field-errors';
import { gridKindLabel, gridTagLabel } from './grid-labels';

interface WorkerRow {
  name: string;
  employment: Employment;
  phone?: string | null;
  /** Kept as it was: the worker's account, when they have one. */
  userId?: string | null;
}

interface GridFormValues {
  name: string;
  kind: GridKind;
  tags: string[];
  workers?: WorkerRow[];
  /** GeoJSON text; empty keeps the grid's boundary (required for a new grid). */
  boundary?: string;
}

/** The server's tag format (grid-schema.ts), checked here so a bad free tag is named before saving. */
const TAG_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
const MASKED_PHONE = /^[0-9]{3}\*{4}[0-9]{4}$/;
const MOBILE = /^1[0-9]{10}$/;
const FORM_FIELDS = ['name', 'kind', 'tags', 'workers', 'boundary'] as const;

/** Only the masked number is stored: a full mobile number typed in is masked before it leaves the browser. */
function maskPhone(phone: string | null | undefined): string | null {
  const p = phone?.replace(/\s+/g, '') ?? '';
  if (!p) return null;
  return MOBILE.test(p) ? `${p.slice(0, 3)}****${p.slice(7)}` : p;
}

function workerInputs(rows: WorkerRow[]): GridWorkerInput[] {
  return rows.map((r) => ({ name: r.name.trim(), employment: r.employment, phoneMasked: maskPhone(r.phone), ...(r.userId ? { userId: r.userId } : {}) }));
}

function initialValues(grid: Grid | null): GridFormValues {
  return {
    name: grid?.name ?? '',
    kind: grid?.kind ?? 'comprehensive',
    tags: grid?.tags ?? [],
    workers: (grid?.workers ?? []).map((w) => ({ name: w.name, employment: w.employment, phone: w.phoneMasked, userId: w.userId })),
    boundary: '',
  };
}

/** What changed: fields left out stay as they are, so an untouched worker list is not rewritten. */
function changesOf(grid: Grid, values: GridFormValues, boundary: PolygonValue | undefined): UpdateGridBody {
  const body: UpdateGridBody = {};
  const name = values.name.trim();
  if (name !== grid.name) body.name = name;
  if (values.kind !== grid.kind) body.kind = values.kind;
  if (JSON.stringify(values.tags) !== JSON.stringify(grid.tags)) body.tags = values.tags;
  const workers = workerInputs(values.workers ?? []);
  if (JSON.stringify(workers) !== JSON.stringify(workerInputs(initialValues(grid).workers ?? []))) body.workers = workers;
  if (boundary) body.boundary = boundary;
  return body;
}

interface GridModalProps {
  /** The grid to change; null draws a new one in `village`. */
  grid: Grid | null;
  village: { code: string; name: string };
  onClose(): void;
  onSaved(result: GridSaveResult): void;
}

/**
 * Edits a grid (name, kind, tags, grid workers, optionally a new boundary) or draws a new one in a
 * village. The boundary comes as GeoJSON; the server judges its geometry and names the field when
 * it refuses (self-crossing, overlapping another grid, outside the village). Mounted while open.
 */
export function GridModal({ grid, village, onClose, onSaved }: GridModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<GridFormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = grid ? 'grid-edit' : 'grid-new';
  const tagOptions = useMemo(() => [...new Set([...GRID_TAGS, ...(grid?.tags ?? [])])].map((tag) => ({ value: tag, label: gridTagLabel(t, tag) })), [grid, t]);

  const submit = async () => {
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return;
    const parsed = values.boundary?.trim() ? parsePolygon(values.boundary) : undefined;
    const boundary = parsed?.ok ? parsed.polygon : undefined;
    setError(null);
    let result: GridSaveResult;
    setSaving(true);
    try {
      if (grid) {
        const body = changesOf(grid, values, boundary);
        if (Object.keys(body).length === 0) {
          message.info(t('gridEdit.noChange'));
          onClose();
          return;
        }
        result = await updateGrid(grid.code, body);
      } else {
        result = await createGrid({
          villageCode: village.code,
          name: values.name.trim(),
          kind: values.kind,
          tags: values.tags,
          boundary: boundary!, // required by the form's rules
          workers: workerInputs(values.workers ?? []),
        });
      }
    } catch (err) {
      if (!showGridFieldError(form, err, FORM_FIELDS)) setError(alertMessage(err));
      return;
    } finally {
      setSaving(false);
    }
    message.success(grid ? t('gridEdit.saved') : t('gridEdit.created', { code: result.grid.code }));
    onSaved(result);
  };

  return (
    <Modal
      open
      width={680}
      title={grid ? t('gridEdit.editTitle', { name: grid.name }) : t('gridEdit.createTitle', { village: village.name })}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': `${id}-submit` }}
      cancelButtonProps={{ 'data-testid': `${id}-cancel` }}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid={`${id}-error`} />}
      <Form<GridFormValues>
        form={form}
        name={id}
        layout="vertical"
        data-testid={`${id}-form`}
        initialValues={initialValues(grid)}
        onValuesChange={() => setError(null)}
      >
        <Form.Item name="name" label={t('gridEdit.field.name')} rules={[{ required: true, whitespace: true, message: t('gridEdit.required') }, { max: 100 }]}>
          <Input maxLength={100} placeholder={t('gridEdit.namePlaceholder')} data-testid={`${id}-name`} />
        </Form.Item>
        <Form.Item name="kind" label={t('gridEdit.field.kind')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={GRID_KINDS.map((k) => ({ value: k, label: gridKindLabel(t, k) }))} data-testid={`${id}-kind`} />
        </Form.Item>
        <Form.Item
          name="tags"
          label={t('gridEdit.field.tags')}
          extra={t('gridEdit.tagsHint')}
          rules={[
            {
              validator: async (_, tags: string[] | undefined) => {
                const bad = (tags ?? []).find((tag) => !TAG_PATTERN.test(tag));
                if (bad !== undefined) throw new Error(t('gridEdit.tagInvalid', { tag: bad }));
              },
            },
          ]}
        >
          <Select mode="tags" options={tagOptions} tokenSeparators={[',', '，', ' ']} placeholder={t('gridEdit.tagsPlaceholder')} data-testid={`${id}-tags`} />
        </Form.Item>
        <Form.Item label={t('gridEdit.field.workers')} required={false} style={{ marginBottom: 8 }}>
          <Form.List name="workers">
            {(fields, { add, remove }) => (
              <div data-testid={`${id}-workers`}>
                {fields.map(({ key, name }) => (
                  <Flex key={key} gap={8} align="flex-start" wrap={false}>
                    <Form.Item
                      name={[name, 'name']}
                      style={{ flex: 1, marginBottom: 8 }}
                      rules={[{ required: true, whitespace: true, message: t('gridEdit.required') }, { max: 50 }]}
                    >
                      <Input placeholder={t('gridEdit.worker.name')} maxLength={50} data-testid={`${id}-worker-name-${name}`} />
                    </Form.Item>
                    <Form.Item name={[name, 'employment']} style={{ marginBottom: 8 }} rules={[{ required: true }]}>
                      <Radio.Group
                        optionType="button"
                        options={EMPLOYMENTS.map((e) => ({ value: e, label: t(`grid.employment.${e}`) }))}
                        data-testid={`${id}-worker-employment-${name}`}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[name, 'phone']}
                      style={{ width: 150, marginBottom: 8 }}
                      rules={[
                        {
                          validator: async (_, phone: string | null | undefined) => {
                            const p = maskPhone(phone);
                            if (p && !MASKED_PHONE.test(p)) throw new Error(t('gridEdit.worker.phoneInvalid'));
                          },
                        },
                      ]}
                    >
                      <Input
                        placeholder={t('gridEdit.worker.phonePlaceholder')}
                        aria-label={t('gridEdit.worker.phone')}
                        data-testid={`${id}-worker-phone-${name}`}
                      />
                    </Form.Item>
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      aria-label={t('gridEdit.worker.remove')}
                      onClick={() => remove(name)}
                      data-testid={`${id}-worker-remove-${name}`}
                    />
                  </Flex>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ name: '', employment: 'part_time', phone: '' })}
                  data-testid={`${id}-worker-add`}
                >
                  {t('gridEdit.worker.add')}
                </Button>
              </div>
            )}
          </Form.List>
        </Form.Item>
        <div data-testid={`${id}-boundary`}>
          <Form.Item
            name="boundary"
            label={grid ? t('gridEdit.field.newBoundary') : t('gridEdit.field.boundary')}
            extra={grid ? t('gridEdit.boundary.keepHint') : undefined}
            required={!grid}
            rules={boundaryRules(t, !grid)}
          >
            <BoundaryInput testId={`${id}-boundary`} />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
