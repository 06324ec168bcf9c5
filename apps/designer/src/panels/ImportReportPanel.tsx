import { computeNodeOrigin, indexLanes, NODE_SIZE } from '@alur/schema/core';
import { useReactFlow } from '@xyflow/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { selectOnly } from '../model/selection.ts';
import { useEditorStore } from '../store/EditorContext.tsx';
import {
  findStepOfRow,
  groupGuesses,
  type ImportReportView,
  type IndexedGuess,
} from './import-report-view.ts';

/**
 * The importer's guesses beside the canvas, so the designer can check each one and mark it
 * "Selesai ditinjau" once the drawing is confirmed or fixed. Decisions and "tidak" targets come
 * first, the notes on cell counts are folded; clicking a guess about a row selects its step and
 * brings it into view. The marks are session state.
 */
export function ImportReportPanel({ report, onClose }: { report: ImportReportView; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'id';
  const store = useEditorStore();
  const { setCenter, getZoom } = useReactFlow();
  const [reviewed, setReviewed] = useState<ReadonlySet<number>>(new Set());
  const { decisive, other, cellNotes } = groupGuesses(report.guesses);
  const toggle = (i: number) =>
    setReviewed((prev) => {
      const next = new Set(prev);
      if (!next.delete(i)) next.add(i);
      return next;
    });
  const show = (row: number | undefined) => {
    const s = store.getState();
    const id = findStepOfRow(s.doc, row);
    if (!id) return;
    s.select(selectOnly('node', id));
    // From the document: a long SOP's canvas holds only the symbols near the view.
    const node = s.doc.nodes.find((n) => n.id === id);
    const lane = node && indexLanes(s.doc.lanes).get(node.laneId);
    if (!node || lane === undefined) return;
    const origin = computeNodeOrigin(node, lane);
    const size = NODE_SIZE[node.type];
    void setCenter(origin.x + size.width / 2, origin.y + size.height / 2, {
      zoom: getZoom(),
      duration: 200,
    });
  };
  const item = ({ index, guess }: IndexedGuess) => (
    <li
      key={index}
      data-kind={guess.kind}
      data-testid="import-guess"
      className={reviewed.has(index) ? 'reviewed' : undefined}
    >
      {guess.row !== undefined ? (
        <button
          type="button"
          className="link guess-text"
          onClick={() => show(guess.row)}
          title={t('import.showStep')}
          data-testid="import-guess-show"
        >
          <span className="row-no">{guess.row}.</span> {guess.message[lang]}
        </button>
      ) : (
        <span className="guess-text">{guess.message[lang]}</span>
      )}
      <label className="check">
        <input
          type="checkbox"
          checked={reviewed.has(index)}
          onChange={() => toggle(index)}
          data-testid="import-guess-reviewed"
        />
        {t('import.reviewed')}
      </label>
    </li>
  );
  return (
    <aside className="import-report" aria-label={t('import.report')} data-testid="import-report">
      <h2>{t('import.report')}</h2>
      <p>
        <strong>{report.name}</strong> · {report.rowCount}
      </p>
      {report.sameNameCount ? (
        <p className="warning" role="alert" data-testid="import-same-name">
          {t('import.sameName', { name: report.name, count: report.sameNameCount })}
        </p>
      ) : null}
      {report.guesses.length > 0 && (
        <p className="muted reviewed-line">
          <span data-testid="import-reviewed-count">
            {t('import.reviewedCount', { done: reviewed.size, total: report.guesses.length })}
          </span>
          <button
            type="button"
            className="link"
            disabled={reviewed.size === report.guesses.length}
            onClick={() => setReviewed(new Set(report.guesses.map((_, i) => i)))}
            data-testid="import-review-all"
          >
            {t('import.reviewAll')}
          </button>
        </p>
      )}
      {decisive.length > 0 && (
        <section data-testid="import-decisive">
          <h3>{t('import.decisive')}</h3>
          <ul>{decisive.map(item)}</ul>
        </section>
      )}
      {other.length > 0 && (
        <section data-testid="import-other">
          {decisive.length > 0 && <h3>{t('import.other')}</h3>}
          <ul>{other.map(item)}</ul>
        </section>
      )}
      {cellNotes.length > 0 && (
        <details data-testid="import-cell-notes">
          <summary>{t('import.cellNotes', { count: cellNotes.length })}</summary>
          <ul>{cellNotes.map(item)}</ul>
        </details>
      )}
      <button type="button" onClick={onClose}>
        {t('import.close')}
      </button>
    </aside>
  );
}
