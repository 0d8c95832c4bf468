import { Alert } from 'antd';
import { ApiError, errorMessage } from '../api';

/** A refusal from the server, shown where it happened: the Chinese message, with code and field for tests. */
export function Refusal({ error, testId }: { error: unknown; testId: string }) {
  if (!error) return null;
  const code = error instanceof ApiError ? error.code : 'UNEXPECTED';
  const field = error instanceof ApiError && typeof error.details.field === 'string' ? error.details.field : '';
  return <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} data-testid={testId} data-code={code} data-field={field} />;
}
