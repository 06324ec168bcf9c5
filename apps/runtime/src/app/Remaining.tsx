import { useTranslation } from 'react-i18next';
import { computeRemaining } from '../lib/duration.ts';
import { useFormat } from './format.ts';

/** Time left until the due date, red with "late" once it has passed. */
export function RemainingTime({ dueAt, now }: { dueAt: string | null; now: Date }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const r = computeRemaining(dueAt, now);
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
