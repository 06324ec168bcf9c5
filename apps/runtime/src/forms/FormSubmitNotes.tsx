import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../app/feedback.tsx';
import type { FormFieldView } from './form-draft.ts';

/**
 * What stands above a form's submit button: "fix the marked fields" when the shared check found
 * issues, else the server's refusal (its field issues already sit beside the fields), and a note
 * while uploads are still running.
 */
export function FormSubmitNotes({
  form,
  hasLocalIssues,
  uploading,
  error,
}: {
  form: readonly FormFieldView[];
  hasLocalIssues: boolean;
  uploading: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  return (
    <>
      {hasLocalIssues && (
        <p className="alert alert-error" role="alert" data-testid="form-issues">
          {t('form.fixIssues')}
        </p>
      )}
      {Boolean(error) && !hasLocalIssues && <ErrorMessage error={error} fieldKeys={form.map((f) => f.key)} />}
      {uploading && <p className="muted small">{t('form.uploadsPending')}</p>}
    </>
  );
}
