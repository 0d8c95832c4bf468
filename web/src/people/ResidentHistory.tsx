import { Alert, Spin, Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResidentEvent } from '../../../src/modules/people/schema.ts';
import { errorMessage } from '../api';
import { formatDateTime } from '../labels';
import { residentEvents } from './people-api';
import { eventLabel } from './people-labels';

function noteOf(details: unknown): string | undefined {
  if (details && typeof details === 'object' && 'note' in details && typeof details.note === 'string') return details.note;
  return undefined;
}

/** A resident's registry events, oldest first: registered, born, moved in or out, died. */
export function ResidentHistory({ residentId }: { residentId: string }) {
  const { t } = useTranslation();
  const [events, setEvents] = useState<ResidentEvent[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    residentEvents(residentId)
      .then((list) => !cancelled && setEvents(list))
      .catch((err: unknown) => !cancelled && setError(errorMessage(err)));
    return () => {
      cancelled = true;
    };
  }, [residentId]);

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!events) return <Spin size="small" />;
  if (events.length === 0) return <Typography.Text type="secondary">{t('people.history.empty')}</Typography.Text>;
  return (
    <div data-testid="resident-history">
      <Typography.Text strong>{t('people.history.title')}</Typography.Text>
      <Timeline
        style={{ marginTop: 12 }}
        items={events.map((e) => {
          const note = noteOf(e.details);
          return {
            key: e.id,
            title: e.occurredOn,
            content: (
              <>
                {eventLabel(t, e.kind)}
                {note && <Typography.Text type="secondary">{t('people.history.note', { note })}</Typography.Text>}
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {t('people.history.recordedAt', { time: formatDateTime(e.recordedAt) })}
                </Typography.Text>
              </>
            ),
          };
        })}
      />
    </div>
  );
}
