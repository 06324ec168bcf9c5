import { readApiError } from '@alur/schema/core';
import { useTranslation } from 'react-i18next';

/** A server or network error in the user's language, with the field issues when there are any. */
export function ErrorMessage({
  error,
  onRetry,
  fieldKeys,
}: {
  error: unknown;
  onRetry?: () => void;
  /** A form's field keys: their issues are shown beside the fields, so this lists only the others. */
  fieldKeys?: readonly string[];
}) {
  const { t, i18n } = useTranslation();
  const info = readApiError(error);
  const text = i18n.language === 'en' ? info.message.en : info.message.id;
  const besideFields = (path: string) => fieldKeys?.includes(path.replace(/^data\./, '')) ?? false;
  const listed = info.issues.filter((issue) => !besideFields(issue.path));
  return (
    <div role="alert" className="alert alert-error" data-testid="error">
      <p>{text || t('errors.generic')}</p>
      {listed.length < info.issues.length && <p>{t('form.fixIssues')}</p>}
      {listed.length > 0 && (
        <ul>
          {listed.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>
              <code>{issue.path || '(input)'}</code>:{' '}
              {i18n.language === 'en' ? (issue.messageEn ?? issue.message) : issue.message}
            </li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" className="btn" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

/** A failed query's error with an optional retry. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return <ErrorMessage error={error} onRetry={onRetry} />;
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="muted" role="status" aria-live="polite">
      {t('common.loading')}
    </p>
  );
}

/**
 * What stands in for a query's data while there is none: the error when there is one (checked
 * first, so a refused refetch never flashes "loading"), loading otherwise. `retry` adds the button.
 */
export function QueryStatus({
  query,
  retry = false,
}: {
  query: { error: unknown; refetch: () => unknown };
  retry?: boolean;
}) {
  if (!query.error) return <Loading />;
  return <QueryError error={query.error} onRetry={retry ? () => query.refetch() : undefined} />;
}

/** QueryStatus as a whole page, with a retry button. */
export function PageStatus({ query }: { query: { error: unknown; refetch: () => unknown } }) {
  return (
    <main id="main" className="page" tabIndex={-1}>
      <QueryStatus query={query} retry />
    </main>
  );
}
