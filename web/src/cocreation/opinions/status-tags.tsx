import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Opinion, Proposal } from '../../../../src/modules/cocreation/opinion-schema.ts';

const OPINION_COLOR = { open: 'processing', adopted: 'green', merged: 'blue', answered: 'cyan', declined: 'default' } as const;
const PROPOSAL_COLOR = { open: 'processing', deliberating: 'orange', decided: 'green', closed: 'default' } as const;

/** An opinion's status in words (and red "overdue" when open past its due date). */
export function OpinionStatusTag({ status, overdue }: { status: Opinion['status']; overdue?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Tag color={OPINION_COLOR[status]}>{t(`cocreationOpinions.status.${status}`)}</Tag>
      {overdue && (
        <Tag color="red" data-testid="opinion-overdue">
          {t('cocreationOpinions.overdue')}
        </Tag>
      )}
    </>
  );
}

export function ProposalStatusTag({ status }: { status: Proposal['status'] }) {
  const { t } = useTranslation();
  return <Tag color={PROPOSAL_COLOR[status]}>{t(`cocreationOpinions.proposals.status.${status}`)}</Tag>;
}
