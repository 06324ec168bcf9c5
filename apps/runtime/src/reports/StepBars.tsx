import { useTranslation } from 'react-i18next';
import { useFormat } from '../app/format.ts';

interface Bar {
  nodeId: string;
  rowNo: number | null;
  kegiatan: string;
  medianMinutes: number | null;
  standardMinutes: number | null;
}

const ROW = 26;
const LABEL = 34;
/** Room at the right for each row's figures, written out with their units. */
const VALUE = 170;

/**
 * Median actual time per step as horizontal bars, the Mutu Baku as a tick on each; red when the
 * median exceeds it. The table below carries the same numbers for screen readers and printing.
 */
export function StepBars({ steps }: { steps: Bar[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const rows = steps.filter((s) => s.medianMinutes !== null || s.standardMinutes !== null);
  if (rows.length === 0) return null;
  const max = Math.max(1, ...rows.flatMap((s) => [s.medianMinutes ?? 0, s.standardMinutes ?? 0]));
  const width = 600;
  const scale = (m: number) => ((width - LABEL - VALUE - 8) * m) / max;
  return (
    <figure className="chart">
      <svg
        className="bar-chart"
        viewBox={`0 0 ${width} ${rows.length * ROW + 8}`}
        role="img"
        aria-label={t('evaluation.chart')}
      >
        <title>{t('evaluation.chart')}</title>
        {rows.map((s, i) => {
          const y = i * ROW + 4;
          const median = s.medianMinutes ?? 0;
          const over = s.standardMinutes !== null && median > s.standardMinutes;
          return (
            <g key={s.nodeId}>
              <title>
                {t('evaluation.chartRow', {
                  kegiatan: s.kegiatan,
                  median: fmt.minutes(s.medianMinutes),
                  standard: fmt.minutes(s.standardMinutes),
                })}
              </title>
              <text x={0} y={y + 15}>
                {s.rowNo ?? '–'}
              </text>
              <rect
                className={`bar-actual${over ? ' is-over' : ''}`}
                x={LABEL}
                y={y + 3}
                width={Math.max(1, scale(median))}
                height={ROW - 10}
                rx={2}
              />
              <text className="bar-value" x={width - VALUE + 4} y={y + 15}>
                {t('evaluation.chartValue', {
                  median: s.medianMinutes === null ? '—' : fmt.minutes(s.medianMinutes),
                  standard: s.standardMinutes === null ? '—' : fmt.minutes(s.standardMinutes),
                })}
              </text>
              {s.standardMinutes !== null && (
                <line
                  className="bar-standard"
                  x1={LABEL + scale(s.standardMinutes)}
                  x2={LABEL + scale(s.standardMinutes)}
                  y1={y}
                  y2={y + ROW - 4}
                />
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="legend">
        <span className="legend-item legend-actual">{t('evaluation.chartActual')}</span>
        <span className="legend-item legend-standard">{t('evaluation.chartStandard')}</span>
        <span className="muted small">{t('evaluation.chartUnits')}</span>
      </figcaption>
    </figure>
  );
}
