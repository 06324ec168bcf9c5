import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../api/trpc.ts';
import { Loading, QueryError } from '../app/feedback.tsx';
import { labelFromKey } from '../lib/case-file.ts';
import { CaseSummary } from './CaseSummary.tsx';

/**
 * Cases matching a search (`case.search`: number, title, an exact NIK, words beginning with the
 * query), only those the user may see, with their data masked as the server sends it.
 */
export function CaseSearchResults({ q }: { q: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const results = useQuery({
    ...trpc.case.search.queryOptions({ q, limit: 50 }),
    placeholderData: (previous) => previous,
  });
  if (results.isPending) return <Loading />;
  if (results.error) return <QueryError error={results.error} onRetry={() => results.refetch()} />;
  if (results.data.length === 0)
    return (
      <p className="empty" data-testid="case-search-empty">
        {t('cases.noResults', { q })}
      </p>
    );
  return (
    <>
      <p className="muted small" role="status">
        {results.isFetching ? t('cases.searching') : t('cases.results', { count: results.data.length })}
      </p>
      <ul className="case-list search-results" data-testid="case-search-results">
        {results.data.map((c) => (
          <li key={c.id} data-testid="case-search-row">
            <CaseSummary c={c} />
            {Object.keys(c.data).length > 0 && (
              <dl className="search-data">
                {Object.entries(c.data)
                  .filter(([, value]) => value !== null && value !== '')
                  .map(([key, value]) => (
                    <div key={key}>
                      <dt>{labelFromKey(key)}</dt>
                      <dd>
                        {typeof value === 'boolean'
                          ? t(value ? 'common.yes' : 'common.no')
                          : Array.isArray(value)
                            ? value.length
                            : String(value)}
                      </dd>
                    </div>
                  ))}
              </dl>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
