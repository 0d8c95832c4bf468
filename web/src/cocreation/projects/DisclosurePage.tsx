import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, QRCode, Skeleton, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Disclosure } from '../../../../src/modules/cocreation/disclosure-schema.ts';
import { errorMessage } from '../../api';
import { getDisclosure } from './disclosure-api';
import { DisclosureDecisions } from './DisclosureDecisions';
import { DisclosureProjects } from './DisclosureProjects';
import { DisclosureVotes } from './DisclosureVotes';

/**
 * A village's public disclosure page (/v/<village code>/open; 三公开): what the village decided,
 * how votes went, what its projects cost and received, and how residents rated them. No login;
 * the QR code links here, for printing on the notice board. No personal data is ever shown.
 */
export default function DisclosurePage() {
  const { t } = useTranslation();
  const { villageCode = '' } = useParams();
  const [data, setData] = useState<Disclosure>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    getDisclosure(villageCode).then(setData, (err: unknown) => setError(errorMessage(err)));
  }, [villageCode]);

  if (error) return <Alert type="error" showIcon message={error} data-testid="disclosure-error" />;
  if (!data) return <Skeleton active />;
  const url = `${window.location.origin}/v/${villageCode}/open`;
  return (
    <Flex vertical gap={16} data-testid="disclosure-page">
      <Flex vertical gap={4}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="disclosure-title">
          {t('cocreationProjects.disclosure.title', { village: data.village.name })}
        </Typography.Title>
        {data.village.townshipName && <Typography.Text type="secondary">{data.village.townshipName}</Typography.Text>}
        <Typography.Text type="secondary">{t('cocreationProjects.disclosure.intro')}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('cocreationProjects.disclosure.updated', { time: data.generatedAt.slice(0, 16).replace('T', ' ') })}
        </Typography.Text>
      </Flex>
      <Tabs
        items={[
          { key: 'projects', label: t('cocreationProjects.disclosure.tabs.projects'), children: <DisclosureProjects projects={data.projects} /> },
          { key: 'decisions', label: t('cocreationProjects.disclosure.tabs.decisions'), children: <DisclosureDecisions decisions={data.decisions} /> },
          { key: 'votes', label: t('cocreationProjects.disclosure.tabs.votes'), children: <DisclosureVotes votes={data.votes} /> },
        ]}
      />
      <Card size="small" data-testid="disclosure-qr">
        <Flex gap={16} align="center" wrap>
          <QRCode value={url} size={132} bordered={false} />
          <Flex vertical gap={4} style={{ minWidth: 0, flex: 1 }}>
            <Typography.Text strong>{t('cocreationProjects.disclosure.qr')}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('cocreationProjects.disclosure.qrHelp')}
            </Typography.Text>
            <Typography.Text copyable style={{ fontSize: 12, overflowWrap: 'anywhere' }}>
              {url}
            </Typography.Text>
            <Button icon={<PrinterOutlined />} onClick={() => window.print()} style={{ alignSelf: 'start' }}>
              {t('cocreationProjects.disclosure.print')}
            </Button>
          </Flex>
        </Flex>
      </Card>
    </Flex>
  );
}
