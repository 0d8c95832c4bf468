import { Alert, AutoComplete, Button, Flex, Input, List, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Diff, Flag, Version } from '../../../src/modules/compacts/compact-schema.ts';
import { COMPACT_TOPICS } from '../../../src/modules/compacts/kinds.ts';
import { formatDateTime } from '../labels';
import { Refusal } from './common';
import { getDiff, saveVersion } from './compacts-api';
import { useRun, type PanelProps } from './use-run';

// Steps 4 and 6: the articles in order, edited and saved as a new version (the server checks
// legality on saving); each flag shown next to its article; the versions with a diff of each.

interface Row {
  /** The editor's own id for React. */
  uid: number;
  /** An existing article's identity (opinions hang on it); none for a new article. */
  key?: string;
  topic: string;
  text: string;
}

let nextUid = 1;
const rowsOf = (v?: Version): Row[] =>
  v ? v.articles.map((a) => ({ uid: nextUid++, key: a.key, topic: a.topic, text: a.text })) : [{ uid: nextUid++, topic: COMPACT_TOPICS[0], text: '' }];

export function FlagNote({ flag }: { flag: Flag }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginTop: 4 }}
      data-testid="article-flag"
      data-article={flag.articleNumber}
      data-kind={flag.kind}
      title={`${t('compacts.editor.flagged')}：“${flag.matched}”`}
      description={
        <>
          <div>{t('compacts.editor.flagReason', { reason: flag.reason })}</div>
          <div>{t('compacts.editor.flagSuggestion', { suggestion: flag.suggestion })}</div>
        </>
      }
    />
  );
}

export function ArticleEditor({ c, open, mayEdit, onChange, version, onSaved }: PanelProps & { version?: Version; onSaved(): void }) {
  const { t } = useTranslation();
  const { busy, error, run } = useRun(onChange);
  const [rows, setRows] = useState<Row[]>(() => rowsOf(version));
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState<number>();
  useEffect(() => setRows(rowsOf(version)), [version]);
  const editable = open && mayEdit;
  const flagsOf = (key?: string) => (key && version ? version.flags.filter((f) => f.articleKey === key) : []);

  const change = (uid: number, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.uid === uid ? { ...r, ...patch } : r)));
  const move = (i: number, by: number) =>
    setRows((rs) => {
      const out = [...rs];
      const [r] = out.splice(i, 1);
      out.splice(i + by, 0, r!);
      return out;
    });
  const save = async () => {
    const articles = rows
      .filter((r) => r.text.trim())
      .map((r) => ({ ...(r.key ? { key: r.key } : {}), topic: r.topic.trim() || COMPACT_TOPICS[0], text: r.text.trim() }));
    const ok = await run(async () => {
      const out = await saveVersion(c.id, { articles, ...(note.trim() ? { note: note.trim() } : {}) });
      setSaved(out.versionSeq);
      return out;
    });
    if (ok) {
      setNote('');
      onSaved();
    }
  };

  return (
    <div data-testid="article-editor">
      <Refusal error={error} testId="article-refusal" />
      {saved !== undefined && (
        <Alert
          type={version?.seq === saved && version.flags.length ? 'warning' : 'success'}
          showIcon
          closable
          onClose={() => setSaved(undefined)}
          style={{ marginBottom: 12 }}
          data-testid="article-saved"
          title={`${t('compacts.editor.saved', { seq: saved })}${version?.seq === saved ? ` · ${version.flags.length ? t('compacts.editor.flags', { n: version.flags.length }) : t('compacts.editor.noFlags')}` : ''}`}
        />
      )}
      <List
        size="small"
        header={t('compacts.editor.title')}
        dataSource={rows}
        rowKey="uid"
        renderItem={(r, i) => (
          <List.Item data-testid="article-row" data-number={i + 1} data-key={r.key ?? ''}>
            <div style={{ width: '100%', minWidth: 0 }}>
              <Flex gap={8} wrap align="start">
                <Typography.Text strong style={{ flex: 'none', paddingTop: 4 }}>
                  {t('compacts.common.article', { n: i + 1 })}
                </Typography.Text>
                {editable ? (
                  <>
                    <AutoComplete
                      value={r.topic}
                      onChange={(v) => change(r.uid, { topic: v })}
                      options={COMPACT_TOPICS.map((v) => ({ value: v }))}
                      placeholder={t('compacts.editor.topic')}
                      style={{ width: 120 }}
                      data-testid="article-topic"
                    />
                    <Input.TextArea
                      value={r.text}
                      onChange={(e) => change(r.uid, { text: e.target.value })}
                      autoSize={{ minRows: 1, maxRows: 6 }}
                      maxLength={1000}
                      placeholder={t('compacts.editor.text')}
                      style={{ flex: '1 1 260px' }}
                      data-testid="article-text"
                    />
                    <Space.Compact>
                      <Button size="small" disabled={i === 0} onClick={() => move(i, -1)} data-testid="article-up">
                        {t('compacts.editor.up')}
                      </Button>
                      <Button size="small" disabled={i === rows.length - 1} onClick={() => move(i, 1)} data-testid="article-down">
                        {t('compacts.editor.down')}
                      </Button>
                      <Button
                        size="small"
                        danger
                        disabled={rows.length === 1}
                        onClick={() => setRows((rs) => rs.filter((x) => x.uid !== r.uid))}
                        data-testid="article-remove"
                      >
                        {t('compacts.editor.remove')}
                      </Button>
                    </Space.Compact>
                  </>
                ) : (
                  <div style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>
                    <Tag>{r.topic}</Tag>
                    {r.text}
                  </div>
                )}
              </Flex>
              {flagsOf(r.key).map((f) => (
                <FlagNote key={`${f.ruleCode}-${f.matched}`} flag={f} />
              ))}
            </div>
          </List.Item>
        )}
      />
      {editable && (
        <Flex gap={8} wrap align="center" style={{ marginTop: 8 }}>
          <Button
            onClick={() => setRows((rs) => [...rs, { uid: nextUid++, topic: rs.at(-1)?.topic ?? COMPACT_TOPICS[0], text: '' }])}
            data-testid="article-add"
          >
            {t('compacts.editor.add')}
          </Button>
          <Input
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={500}
            placeholder={t('compacts.editor.note')}
            style={{ maxWidth: 320 }}
            data-testid="article-note"
          />
          <Button type="primary" loading={busy} onClick={() => void save()} data-testid="article-save">
            {t('compacts.editor.save')}
          </Button>
        </Flex>
      )}
      <VersionHistory c={c} />
    </div>
  );
}

function VersionHistory({ c }: { c: PanelProps['c'] }) {
  const { t } = useTranslation();
  const [diff, setDiff] = useState<Diff>();
  const [error, setError] = useState<unknown>();
  const compare = (seq: number) => {
    setError(undefined);
    getDiff(c.id, seq - 1, seq).then(setDiff, setError);
  };
  if (c.versions.length === 0) return null;
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('compacts.editor.versions')}
      </Typography.Title>
      <List
        size="small"
        dataSource={[...c.versions].reverse()}
        renderItem={(v) => (
          <List.Item data-testid="version-row" data-seq={v.seq}>
            <Flex gap={8} wrap align="center">
              <Tag color="blue">{t('compacts.common.version', { seq: v.seq })}</Tag>
              <span>{t('compacts.editor.articles', { n: v.articles })}</span>
              {v.flags > 0 && <Tag color="orange">{t('compacts.editor.flags', { n: v.flags })}</Tag>}
              <Typography.Text type="secondary">
                {formatDateTime(v.createdAt)} {v.note ?? ''}
              </Typography.Text>
              {v.seq > 1 && (
                <Button size="small" onClick={() => compare(v.seq)} data-testid="version-diff">
                  {t('compacts.editor.diff')}
                </Button>
              )}
            </Flex>
          </List.Item>
        )}
      />
      <Refusal error={error} testId="diff-refusal" />
      {diff && (
        <List
          size="small"
          bordered
          header={t('compacts.editor.diffTitle', { from: diff.from, to: diff.to })}
          dataSource={diff.articles}
          data-testid="version-diff-view"
          renderItem={(a) => (
            <List.Item data-testid="diff-row" data-change={a.change} data-from={a.fromNumber ?? ''} data-to={a.toNumber ?? ''}>
              <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                <Tag color={{ added: 'green', removed: 'red', changed: 'orange', renumbered: 'blue', same: 'default' }[a.change]}>
                  {t(`compacts.editor.change.${a.change}`)}
                </Tag>
                {a.toNumber !== null ? t('compacts.common.article', { n: a.toNumber }) : ''}
                {a.fromNumber !== null && a.fromNumber !== a.toNumber && ` (${t('compacts.editor.was', { n: a.fromNumber })})`} <Tag>{a.topic}</Tag>
                {a.change === 'changed' ? (
                  <>
                    <div>
                      <Typography.Text delete type="secondary">
                        {a.fromText}
                      </Typography.Text>
                    </div>
                    <div>{a.toText}</div>
                  </>
                ) : (
                  <div>{a.change === 'removed' ? <Typography.Text delete>{a.fromText}</Typography.Text> : a.toText}</div>
                )}
              </div>
            </List.Item>
          )}
        />
      )}
    </>
  );
}
