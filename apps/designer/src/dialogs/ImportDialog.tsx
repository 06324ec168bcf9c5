import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORT_ACCEPT, type ImportInput, readImportFile } from '../app/import-file.ts';
import { Dialog } from './Dialog.tsx';

/** Asks for a pasted SOP table or a file (.docx, .xlsx, BPMN, JSON); the caller sends it to `sop.import`. */
export default function ImportDialog(props: {
  onSubmit: (input: ImportInput) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [content, setContent] = useState('');
  const [file, setFile] = useState<{ name: string; input: ImportInput } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pick = async (picked: File | undefined) => {
    setError(null);
    setFile(null);
    if (!picked) return;
    const input = await readImportFile(picked);
    if (!input) setError(t('import.fileUnknown', { name: picked.name }));
    else setFile({ name: picked.name, input });
  };
  return (
    <Dialog title={t('import.title')} onClose={props.onClose} testId="import-dialog">
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            await props.onSubmit(file ? file.input : { format: 'table', content });
            props.onClose();
          } catch (err) {
            setError(err instanceof Error ? err.message : String(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <p className="muted">{t('import.hint')}</p>
        <label>
          {t('import.content')}
          <textarea
            value={content}
            rows={12}
            className="mono"
            data-testid="import-content"
            disabled={file !== null}
            onChange={(e) => setContent(e.target.value)}
          />
        </label>
        <label>
          {t('import.file')}
          <input
            type="file"
            accept={IMPORT_ACCEPT}
            data-testid="import-file"
            onChange={(e) => void pick(e.target.files?.[0])}
          />
        </label>
        {file && (
          <p className="ok" data-testid="import-file-chosen">
            {t('import.fileChosen', { name: file.name, format: file.input.format })}
          </p>
        )}
        {error && <p className="field-error">{error}</p>}
        <div className="dialog-actions">
          <button type="button" onClick={props.onClose}>
            {t('import.cancel')}
          </button>
          <button
            type="submit"
            className="primary"
            disabled={busy || (!file && !content.trim())}
            data-testid="import-submit"
          >
            {t('import.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
