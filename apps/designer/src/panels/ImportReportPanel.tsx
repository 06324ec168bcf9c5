import type { ImportReport } from '@alur/schema';
import { useTranslation } from 'react-i18next';

/** The importer's guesses beside the canvas, so the designer can check each one. */
export function ImportReportPanel({ report, onClose }: { report: ImportReport; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'id';
  return (
    <aside className="import-report" aria-label={t('import.report')} data-testid="import-report">
      <h2>{t('import.report')}</h2>
      <p>
        <strong>{report.name}</strong> · {report.rowCount}
      </p>
      <ul>
        {report.guesses.map((g, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: guesses have no id and never reorder
          <li key={i} data-kind={g.kind}>
            {g.row !== undefined && <span className="row-no">{g.row}.</span>} {g.message[lang]}
          </li>
        ))}
      </ul>
      <button type="button" onClick={onClose}>
        {t('import.close')}
      </button>
    </aside>
  );
}
