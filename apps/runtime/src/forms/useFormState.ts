import { type ApiIssue, type FormIssue, readApiError } from '@alur/schema/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftChange } from './FormFields.tsx';
import {
  checkDraft,
  collectSubmission,
  createDraft,
  editDraft,
  type FileInfo,
  type FormFieldView,
  mapIssues,
} from './form-draft.ts';

/**
 * The state of one form on a page: what the user typed (kept when the server refuses it), which
 * uploads are running, and the issues to show beside each field — the shared check's before
 * sending, the server's after (`INVALID_FORM_DATA`); an issue disappears once its field is edited.
 */
export function useFormState(
  form: readonly FormFieldView[],
  caseFiles: readonly (FileInfo & { field: string })[] = [],
  serverError: unknown = null,
) {
  const { i18n } = useTranslation();
  const [draft, setDraft] = useState(() => createDraft(form, caseFiles));
  const [uploads, setUploads] = useState<Record<string, number>>({});
  const [localIssues, setLocalIssues] = useState<FormIssue[]>([]);
  // Fields edited since the last submit: their old issues no longer apply.
  const [touchedSinceSubmit, setTouched] = useState<Record<string, true>>({});

  const change: DraftChange = useCallback((key, update) => {
    setDraft((d) => editDraft(d, key, typeof update === 'function' ? update(d.values[key]) : update));
    setTouched((prev) => (prev[key] ? prev : { ...prev, [key]: true }));
  }, []);
  const onUploading = useCallback(
    (key: string, count: number) =>
      setUploads((prev) => (prev[key] === count ? prev : { ...prev, [key]: count })),
    [],
  );

  const serverIssues: ApiIssue[] = serverError ? readApiError(serverError).issues : [];
  const shown = (localIssues.length > 0 ? localIssues : serverIssues).filter(
    (i) => !touchedSinceSubmit[i.path],
  );
  const language = i18n.language === 'en' ? 'en' : 'id';
  const issues = mapIssues(shown, form, language);

  /** Checks the form as the server will; returns the `data` to send, or null when issues are shown. */
  const prepare = (): Record<string, unknown> | null => {
    setTouched({});
    const found = checkDraft(form, draft, new Date().getFullYear());
    setLocalIssues(found);
    return found.length > 0 ? null : collectSubmission(form, draft);
  };

  return {
    draft,
    change,
    onUploading,
    uploading: Object.values(uploads).some((n) => n > 0),
    issues,
    hasLocalIssues: localIssues.length > 0 && shown.length > 0,
    prepare,
  };
}
