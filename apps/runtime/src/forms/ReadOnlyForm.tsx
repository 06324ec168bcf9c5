import { FormFields } from './FormFields.tsx';
import { createDraft, type FileInfo, type FormFieldView } from './form-draft.ts';

const noChange = () => {};

/** A step's form shown for reading only (a finished task, or one someone else holds). */
export function ReadOnlyForm({
  form,
  files,
}: {
  form: readonly FormFieldView[];
  files: readonly (FileInfo & { field: string })[];
}) {
  const readOnly = form.map((f) => ({ ...f, mode: 'read' as const }));
  return <FormFields form={readOnly} draft={createDraft(readOnly, files)} onChange={noChange} issues={{}} />;
}
