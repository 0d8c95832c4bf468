import type { FormInstance } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { alertMessage } from '../components/form-errors';
import { showServerFieldError } from './field-errors';

/**
 * The submit step every party form shares: validate, call the server, and put its error on the
 * field it names, or in the form's alert (a 409 such as "still has members", a 404).
 */
export function useFormSubmit<T>(form: FormInstance<T>, fields: readonly string[]) {
  const { t } = useTranslation();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (action: (values: T) => Promise<void>) => {
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return;
    setSaving(true);
    setError(null);
    try {
      await action(values);
    } catch (err) {
      const item = (n: number, reason: string) => t('party.form.item', { n, reason });
      if (!showServerFieldError(form, err, fields, item)) setError(alertMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return { saving, error, clearError: () => setError(null), submit };
}
