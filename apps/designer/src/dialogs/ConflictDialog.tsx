import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog.tsx';

/**
 * The choice after a save conflict. The safe choice comes first and has the focus: take the
 * server's copy and keep mine as a separate SOP, so nobody's work is lost. Overwriting the
 * colleague's save is possible, but never the default.
 */
export default function ConflictDialog(props: {
  serverRevision: number;
  /** Who saved the server's copy and when (ISO), when the server says. */
  savedBy?: string | null;
  savedAt?: string | null;
  /** Absent where no copy can be made (the local mode without a server). */
  onKeepCopy?: () => Promise<void>;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const who = props.savedBy || t('conflict.someone');
  const when = props.savedAt
    ? new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'id-ID', {
        dateStyle: 'long',
        timeStyle: 'short',
      }).format(new Date(props.savedAt))
    : null;
  const keepCopy = props.onKeepCopy;
  return (
    <Dialog title={t('conflict.title')} onClose={() => undefined} testId="conflict-dialog">
      <p data-testid="conflict-who">
        {when
          ? t('conflict.bodyWhen', { who, when, revision: props.serverRevision })
          : t('conflict.body', { who, revision: props.serverRevision })}
      </p>
      {failed && <p className="field-error">{t('conflict.copyFailed')}</p>}
      <div className="dialog-actions conflict-actions">
        {keepCopy && (
          <button
            type="button"
            className="primary"
            // biome-ignore lint/a11y/noAutofocus: the safe choice is the default of a modal that blocks editing
            autoFocus
            disabled={busy}
            data-testid="conflict-keep-copy"
            onClick={() => {
              setBusy(true);
              setFailed(false);
              keepCopy().catch(() => {
                setFailed(true);
                setBusy(false);
              });
            }}
          >
            {t('conflict.keepCopy')}
          </button>
        )}
        <button
          type="button"
          className={keepCopy ? undefined : 'primary'}
          disabled={busy}
          onClick={props.onTakeTheirs}
          data-testid="conflict-take-theirs"
        >
          {t(keepCopy ? 'conflict.takeTheirsOnly' : 'conflict.takeTheirs')}
        </button>
        <button
          type="button"
          className="danger"
          disabled={busy}
          onClick={props.onKeepMine}
          data-testid="conflict-keep-mine"
        >
          {t('conflict.keepMine')}
        </button>
      </div>
    </Dialog>
  );
}
