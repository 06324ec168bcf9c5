import { useTranslation } from 'react-i18next';
import { Field } from '../app/Field.tsx';
import { usePositionName } from '../app/positions.ts';
import { SopFilter } from '../app/SopFilter.tsx';
import { useMe } from '../app/session.tsx';
import { countActiveFilters, EMPTY_FILTER, type InboxFilterState } from '../lib/inbox-filter.ts';

/** SOP and position selects plus the three toggles; collapsible on phones. */
export function InboxFilters({
  filter,
  onChange,
}: {
  filter: InboxFilterState;
  onChange: (next: InboxFilterState) => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const active = countActiveFilters(filter);
  const positionName = usePositionName();
  const set = (patch: Partial<InboxFilterState>) => onChange({ ...filter, ...patch });
  const toggles = [
    { key: 'overdue', label: t('inbox.overdue') },
    { key: 'dueToday', label: t('inbox.dueToday') },
    { key: 'claimedByMe', label: t('inbox.claimedByMe') },
  ] as const;
  return (
    <details className="filters" open={active > 0 ? true : undefined}>
      <summary data-testid="filters-toggle">
        {t('inbox.filters')}
        {active > 0 && <span className="badge badge-quiet">{active}</span>}
      </summary>
      <div className="filters-body">
        <SopFilter
          label={t('inbox.sop')}
          allLabel={t('inbox.allSops')}
          testId="filter-sop"
          value={filter.sopId}
          onChange={(sopId) => set({ sopId })}
        />
        <Field label={t('inbox.position')}>
          <select
            data-testid="filter-position"
            value={filter.positionKey}
            onChange={(e) => set({ positionKey: e.target.value })}
          >
            <option value="">{t('inbox.allPositions')}</option>
            {me.positions.map((p) => (
              <option key={p} value={p}>
                {positionName(p)}
              </option>
            ))}
          </select>
        </Field>
        <div className="toggles">
          {toggles.map((tg) => (
            <label key={tg.key} className="toggle">
              <input
                type="checkbox"
                data-testid={`filter-${tg.key}`}
                checked={filter[tg.key]}
                onChange={(e) => set({ [tg.key]: e.target.checked })}
              />
              <span>{tg.label}</span>
            </label>
          ))}
        </div>
        {active > 0 && (
          <button
            type="button"
            className="btn btn-quiet"
            data-testid="filter-reset"
            onClick={() => onChange(EMPTY_FILTER)}
          >
            {t('inbox.reset')}
          </button>
        )}
      </div>
    </details>
  );
}
