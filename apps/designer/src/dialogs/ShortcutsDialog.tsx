import { useTranslation } from 'react-i18next';
import { SHORTCUTS } from '../app/shortcuts.ts';
import { Dialog } from './Dialog.tsx';

/** Lists every keyboard shortcut (opened with "?"). */
export default function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const rows: [string, string][] = [
    ...SHORTCUTS.map((s) => [s.keys.join(' / '), t(`shortcuts.${s.action}`)] as [string, string]),
    ['Ctrl + klik', t('shortcuts.multi')],
    ['Shift + seret', t('shortcuts.boxSelect')],
    ['Esc', t('shortcuts.cancel')],
  ];
  return (
    <Dialog title={t('shortcuts.title')} onClose={onClose} testId="shortcuts-dialog">
      <table className="shortcuts">
        <tbody>
          {rows.map(([keys, label]) => (
            <tr key={keys}>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{label}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('shortcuts.close')}
        </button>
      </div>
    </Dialog>
  );
}
