import { Alert, Button, Flex, Input, Rate, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MyRating } from '../../../../src/modules/cocreation/rating-schema.ts';
import { ApiError, errorMessage } from '../../api';
import { rateProject } from './disclosure-api';

/** Stars and an optional comment for a completed project; one per household. */
export function RatingForm(props: { villageCode: string; projectId: string; onRated: (r: MyRating) => void; onCancel: () => void; onExpired: () => void }) {
  const { t } = useTranslation();
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!score) {
      setError(t('cocreationProjects.resident.needScore'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      props.onRated(await rateProject(props.villageCode, props.projectId, { score, ...(comment.trim() ? { comment: comment.trim() } : {}) }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) props.onExpired();
      else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Flex vertical gap={8} data-testid="rating-form">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('cocreationProjects.resident.onePerHousehold')}
      </Typography.Text>
      <Flex gap={8} align="center">
        <Typography.Text>{t('cocreationProjects.resident.score')}</Typography.Text>
        <Rate value={score} onChange={setScore} style={{ fontSize: 28 }} data-testid="rating-stars" />
      </Flex>
      <Input.TextArea
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        maxLength={500}
        autoSize={{ minRows: 2, maxRows: 5 }}
        placeholder={t('cocreationProjects.resident.comment')}
        data-testid="rating-comment"
      />
      {error && <Alert type="error" showIcon message={error} data-testid="rating-error" />}
      <Flex gap={8}>
        <Button type="primary" loading={busy} onClick={() => void submit()} style={{ flex: 1 }} data-testid="rating-submit">
          {t('cocreationProjects.resident.submit')}
        </Button>
        <Button onClick={props.onCancel}>{t('cocreationProjects.resident.cancel')}</Button>
      </Flex>
    </Flex>
  );
}
