import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog.tsx';

/** Asks for a pasted SOP table; the caller sends it to `sop.import`. */
export default function ImportDialog(props: {
  onSubmit: (content: string) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [content, setContent] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Dialog title={t('import.title')} onClose={props.onClose} testId="import-dialog">
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            await props.onSubmit(content);
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
            rows={14}
            className="mono"
            data-testid="import-content"
            onChange={(e) => setContent(e.target.value)}
            required
          />
        </label>
        {error && <p className="field-error">{error}</p>}
        <div className="dialog-actions">
          <button type="button" onClick={props.onClose}>
            {t('import.cancel')}
          </button>
          <button
            type="submit"
            className="primary"
            disabled={busy || !content.trim()}
            data-testid="import-submit"
          >
            {t('import.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
