import { FileImageOutlined, FileOutlined, FilePdfOutlined } from '@ant-design/icons';
import { Flex, Typography } from 'antd';
import type { TaskReportFile } from '../../../src/modules/duties/task-schema.ts';

function FileIcon({ type }: { type: string }) {
  if (type.startsWith('image/')) return <FileImageOutlined />;
  if (type === 'application/pdf') return <FilePdfOutlined />;
  return <FileOutlined />;
}

const size = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/** A progress report's attachments, as the mediation evidence lists them: each opens (images) or downloads from the server. */
export function TaskReportFiles({ files }: { files: TaskReportFile[] }) {
  if (files.length === 0) return null;
  return (
    <Flex vertical gap={2} style={{ marginTop: 4, minWidth: 0 }} data-testid="task-report-files">
      {files.map((f) => (
        <Flex key={f.id} gap={6} align="center" wrap style={{ fontSize: 12, minWidth: 0 }}>
          <FileIcon type={f.contentType} />
          <Typography.Link href={f.url} target="_blank" rel="noopener" style={{ overflowWrap: 'anywhere', fontSize: 12 }} data-testid="task-report-file">
            {f.filename}
          </Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {size(f.bytes)}
          </Typography.Text>
        </Flex>
      ))}
    </Flex>
  );
}
