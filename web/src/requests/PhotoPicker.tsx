import { CameraOutlined, DeleteOutlined, PictureOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_PHOTO_BYTES, MAX_PHOTOS, preparePhotos, type PhotoInput, type PhotoProblem } from './photos';

interface PhotoPickerProps {
  value?: PhotoInput[];
  onChange?(photos: PhotoInput[]): void;
  /** Phone screens: open the back camera straight away. */
  camera?: boolean;
  size?: 'middle' | 'large';
  /** All photos together at most this many bytes (a resident's report has a smaller allowance). */
  maxTotalBytes?: number;
}

/** Up to six photos, checked for type and size before they are kept; thumbnails with a remove button. */
export function PhotoPicker({ value = [], onChange, camera, size = 'middle', maxTotalBytes }: PhotoPickerProps) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [problems, setProblems] = useState<PhotoProblem[]>([]);
  const full = value.length >= MAX_PHOTOS;

  const onFiles = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    const { photos, problems: found } = await preparePhotos(Array.from(list), value, maxTotalBytes);
    setProblems(found);
    if (photos.length) onChange?.([...value, ...photos]);
    if (input.current) input.current.value = '';
  };

  return (
    <Flex vertical gap={8}>
      <Flex gap={8} wrap>
        {value.map((p, i) => (
          <div key={`${p.filename}-${i}`} style={{ position: 'relative', width: 88, height: 88 }} data-testid="photo-thumb">
            <img src={p.data} alt={p.filename} style={{ width: 88, height: 88, objectFit: 'cover', borderRadius: 6, border: '1px solid #f0f0f0' }} />
            <Button
              size="small"
              shape="circle"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('requests.photos.remove')}
              style={{ position: 'absolute', top: 2, right: 2 }}
              onClick={() => onChange?.(value.filter((_, j) => j !== i))}
            />
          </div>
        ))}
        {!full && (
          <Button
            size={size}
            icon={camera ? <CameraOutlined /> : <PictureOutlined />}
            style={camera ? { width: 88, height: 88 } : undefined}
            onClick={() => input.current?.click()}
            data-testid="photo-add"
          >
            {camera ? t('requests.photos.takePhoto') : t('requests.photos.add')}
          </Button>
        )}
        <input
          ref={input}
          type="file"
          accept={camera ? 'image/*' : 'image/jpeg,image/png,image/webp'}
          capture={camera ? 'environment' : undefined}
          multiple={!camera}
          style={{ display: 'none' }}
          data-testid="photo-input"
          onChange={(e) => void onFiles(e.target.files)}
        />
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('requests.photos.hint', { count: MAX_PHOTOS, mb: MAX_PHOTO_BYTES / 1024 / 1024 })}
      </Typography.Text>
      {problems.length > 0 && (
        <Alert
          type="warning"
          showIcon
          closable
          onClose={() => setProblems([])}
          title={problems
            .map((p) =>
              t(`requests.photos.problem.${p.reason}`, { file: p.file, count: MAX_PHOTOS, mb: maxTotalBytes ? Math.floor(maxTotalBytes / 1024 / 1024) : 0 }),
            )
            .join('；')}
        />
      )}
    </Flex>
  );
}
