import { useTranslation } from 'react-i18next';
import { useFormat } from '../app/format.ts';
import { Link } from '../app/router.tsx';

export interface CaseSummaryRow {
  id: string;
  number: string;
  title: string;
  sopName: string;
  status: string;
  currentStep?: string | null;
  startedAt: string;
}

/** One case in a list: number and title (a link to the case), SOP, status, where it is, started. */
export function CaseSummary({ c }: { c: CaseSummaryRow }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <>
      <Link to={`/cases/${c.id}`}>
        <strong>{c.number}</strong> {c.title}
      </Link>
      <span className="muted">{c.sopName}</span>
      <span className={`tag tag-status-${c.status}`}>{t(`status.${c.status}`)}</span>
      {c.currentStep && (
        <span className="small" data-testid="case-current-step">
          {t('cases.currentStep', { step: c.currentStep })}
        </span>
      )}
      <span className="muted small">{fmt.dateTime(c.startedAt)}</span>
    </>
  );
}
