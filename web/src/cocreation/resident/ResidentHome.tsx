import { Button, Flex, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Pass } from '../../../../src/modules/cocreation/pass-schema.ts';
import { ResidentOpinionsCard } from '../opinions/ResidentOpinionsCard';
import { ResidentProjectsCard } from '../projects/ResidentProjectsCard';
import { ResidentVotesCard } from '../votes/ResidentVotesCard';
import { forgetPass, savedPass } from './pass';
import { PassForm } from './PassForm';

/**
 * A village's co-creation page for its residents (/v/<village code>, the QR code on the notice
 * board): after the pass, the village's proposals and an opinion form, open votes, projects to
 * rate and the household's own contributions.
 */
export default function ResidentHome() {
  const { t } = useTranslation();
  const { villageCode = '' } = useParams();
  const [pass, setPass] = useState<Pass | undefined>(() => savedPass(villageCode));
  const signOut = () => {
    forgetPass(villageCode);
    setPass(undefined);
  };
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="resident-home">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('cocreation.home.title', { village: pass?.villageName ?? '' })}
      </Typography.Title>
      <Typography.Text type="secondary">{t('cocreation.home.intro')}</Typography.Text>
      <Link to={`/v/${villageCode}/open`} data-testid="disclosure-link">
        {t('cocreation.home.disclosure')}
      </Link>
      {!pass ? (
        <PassForm villageCode={villageCode} onPass={setPass} />
      ) : (
        <>
          <Flex justify="space-between" align="center">
            <Typography.Text data-testid="pass-name-shown">{t('cocreation.pass.signedIn', { name: pass.name })}</Typography.Text>
            <Button size="small" onClick={signOut} data-testid="pass-sign-out">
              {t('cocreation.pass.signOut')}
            </Button>
          </Flex>
          <ResidentOpinionsCard villageCode={villageCode} onExpired={signOut} />
          <ResidentVotesCard villageCode={villageCode} onExpired={signOut} />
          <ResidentProjectsCard villageCode={villageCode} onExpired={signOut} />
        </>
      )}
    </Space>
  );
}
