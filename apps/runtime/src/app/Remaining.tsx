import { useTranslation } from 'react-i18next';
import { computeWorkingRemaining } from '../lib/duration.ts';
import { useFormat } from './format.ts';

/**
 * Working time left until the due date, red with "late" once it has passed. The server computes
 * the working minutes on the agency calendar (office hours, holidays); `now` only decides when the
 * due date has passed between refreshes.
 */
export function RemainingTime({
  dueAt,
  now,
  workingMinutes,
}: {
  dueAt: string | null;
  now: Date;
  workingMinutes: number | null;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const r = computeWorkingRemaining(dueAt, now, workingMinutes);
  if (r.kind === 'none') return <span className="muted">{t('time.noTarget')}</span>;
  const text =
    r.kind === 'overdue'
      ? t('time.overdue', { time: fmt.minutes(r.minutes) })
      : t('time.left', { time: fmt.minutes(r.minutes) });
  return (
    <span
      className={r.kind === 'overdue' ? 'overdue' : 'due'}
      title={t('time.due', { date: fmt.dateTime(dueAt) })}
    >
      {text}
    </span>
  );
}
