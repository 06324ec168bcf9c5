import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../api/trpc.ts';
import { Loading, QueryError } from '../app/feedback.tsx';
import { useDebounced } from '../app/useDebounced.ts';
import { CaseSearchResults } from './CaseSearchResults.tsx';
import { CaseSummary } from './CaseSummary.tsx';

type Status = 'active' | 'completed' | 'cancelled';

/** Cases the user may see, newest first, or those a search finds (number, title, field values). */
export function CaseListPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [status, setStatus] = useState<Status | ''>('');
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const searching = q.length >= 2;
  const cases = useQuery({ ...trpc.case.list.queryOptions(status ? { status } : {}), enabled: !searching });
  return (
    <main id="main" className="page" tabIndex={-1}>
      <div className="page-head">
        <h1>{t('cases.title')}</h1>
        <label className="field inline">
          <span className="sr-only">{t('cases.status')}</span>
          <select
            data-testid="case-status-filter"
            value={status}
            disabled={searching}
            onChange={(e) => setStatus(e.target.value as Status | '')}
          >
            <option value="">{t('cases.all')}</option>
            {(['active', 'completed', 'cancelled'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="field case-search">
        <span>{t('cases.search')}</span>
        <input
          type="search"
          data-testid="case-search"
          maxLength={200}
          value={search}
          placeholder={t('cases.searchHint')}
          aria-describedby="case-search-hint"
          onChange={(e) => setSearch(e.target.value)}
        />
        <small id="case-search-hint" className="muted">
          {t('cases.searchHint')}
        </small>
      </label>
      {searching ? (
        <CaseSearchResults q={q} />
      ) : cases.isPending ? (
        <Loading />
      ) : cases.error ? (
        <QueryError error={cases.error} />
      ) : cases.data.length === 0 ? (
        <p className="empty">{t('cases.empty')}</p>
      ) : (
        <ul className="case-list" data-testid="case-list">
          {cases.data.map((c) => (
            <li key={c.id} data-testid="case-row">
              <CaseSummary c={c} />
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
