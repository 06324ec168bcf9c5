import type { ImportReport } from '@alur/schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The importer's guesses beside the canvas, so the designer can check each one and mark it
 * "Selesai ditinjau" once the drawing is confirmed or fixed. The marks are session state.
 */
export function ImportReportPanel({ report, onClose }: { report: ImportReport; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'id';
  const [reviewed, setReviewed] = useState<ReadonlySet<number>>(new Set());
  const toggle = (i: number) =>
    setReviewed((prev) => {
      const next = new Set(prev);
      if (!next.delete(i)) next.add(i);
      return next;
    });
  return (
    <aside className="import-report" aria-label={t('import.report')} data-testid="import-report">
      <h2>{t('import.report')}</h2>
      <p>
        <strong>{report.name}</strong> · {report.rowCount}
      </p>
      {report.guesses.length > 0 && (
        <p className="muted" data-testid="import-reviewed-count">
          {t('import.reviewedCount', { done: reviewed.size, total: report.guesses.length })}
        </p>
      )}
      <ul>
        {report.guesses.map((g, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: guesses have no id and never reorder
          <li key={i} data-kind={g.kind} className={reviewed.has(i) ? 'reviewed' : undefined}>
            {g.row !== undefined && <span className="row-no">{g.row}.</span>} {g.message[lang]}
            <label className="check">
              <input
                type="checkbox"
                checked={reviewed.has(i)}
                onChange={() => toggle(i)}
                data-testid="import-guess-reviewed"
              />
              {t('import.reviewed')}
            </label>
          </li>
        ))}
      </ul>
      <button type="button" onClick={onClose}>
        {t('import.close')}
      </button>
    </aside>
  );
}
