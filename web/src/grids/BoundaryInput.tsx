import { UploadOutlined } from '@ant-design/icons';
import { Button, Input, Space, Typography, Upload, type FormRule } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parsePolygon, vertexCount } from './geojson-input';

const MAX_FILE_MB = 5;

interface BoundaryInputProps {
  /** The GeoJSON text (set by Form.Item). */
  value?: string;
  onChange?(value: string): void;
  /** Prefix of the data-testids: `${testId}-text`, `${testId}-file`. */
  testId: string;
  disabled?: boolean;
}

/** A GeoJSON polygon as text: pasted, or read from a .geojson / .json file into the same box. */
export function BoundaryInput({ value = '', onChange, testId, disabled }: BoundaryInputProps) {
  const { t } = useTranslation();
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const parsed = value.trim() ? parsePolygon(value) : undefined;

  const read = async (file: File) => {
    setFileProblem(null);
    if (file.size > MAX_FILE_MB * 1024 * 1024) {
      setFileProblem(t('gridEdit.boundary.fileTooLarge', { mb: MAX_FILE_MB }));
      return;
    }
    try {
      onChange?.(await file.text());
    } catch {
      setFileProblem(t('gridEdit.boundary.fileUnreadable'));
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={4}>
      <Input.TextArea
        data-testid={`${testId}-text`}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange?.(e.target.value)}
        placeholder={t('gridEdit.boundary.placeholder')}
        autoSize={{ minRows: 3, maxRows: 8 }}
        spellCheck={false}
        style={{ fontFamily: 'monospace', fontSize: 12 }}
      />
      <Space wrap>
        <Upload
          accept=".geojson,.json,application/geo+json,application/json"
          showUploadList={false}
          maxCount={1}
          disabled={disabled}
          beforeUpload={(file) => {
            void read(file);
            return Upload.LIST_IGNORE;
          }}
        >
          <Button size="small" icon={<UploadOutlined />} disabled={disabled} data-testid={`${testId}-file`}>
            {t('gridEdit.boundary.upload')}
          </Button>
        </Upload>
        {parsed?.ok && (
          <Typography.Text type="secondary" data-testid={`${testId}-summary`}>
            {t('gridEdit.boundary.summary', { rings: parsed.polygon.coordinates.length, points: vertexCount(parsed.polygon) })}
          </Typography.Text>
        )}
        {fileProblem && <Typography.Text type="danger">{fileProblem}</Typography.Text>}
      </Space>
    </Space>
  );
}

/** Form rules for a BoundaryInput: the text must read as a Polygon; `required` also refuses an empty box. */
export function boundaryRules(t: TFunction, required: boolean): FormRule[] {
  return [
    {
      validator: async (_, text: string | undefined) => {
        if (!text?.trim()) {
          if (required) throw new Error(t('gridEdit.required'));
          return;
        }
        const parsed = parsePolygon(text);
        if (!parsed.ok) throw new Error(t(`gridEdit.boundary.${parsed.problem}`));
      },
    },
  ];
}
