import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog.tsx';

/** The choice after a save conflict: keep mine (save over the new base) or take the server's copy. */
export default function ConflictDialog(props: {
  serverRevision: number;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog title={t('conflict.title')} onClose={() => undefined} testId="conflict-dialog">
      <p>{t('conflict.body', { revision: props.serverRevision })}</p>
      <div className="dialog-actions">
        <button type="button" onClick={props.onTakeTheirs} data-testid="conflict-take-theirs">
          {t('conflict.takeTheirs')}
        </button>
        <button type="button" className="primary" onClick={props.onKeepMine} data-testid="conflict-keep-mine">
          {t('conflict.keepMine')}
        </button>
      </div>
    </Dialog>
  );
}
