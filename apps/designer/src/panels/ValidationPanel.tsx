import { computeCriticalPath, sumWaktu, type ValidationIssue, validateSop } from '@alur/schema';
import { useDeferredValue, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type Selection, selectOnly } from '../model/selection.ts';
import { useEditor } from '../store/EditorContext.tsx';
import { selectSettledDocument } from '../store/editor-store.ts';
import { groupIssues } from './group-issues.ts';

/** The selection that points at an issue's element. */
export function selectIssue(issue: ValidationIssue): Selection {
  return selectOnly(issue.element.kind, issue.element.id);
}

/**
 * Live validation (validateSop) with the totals of waktu; clicking an issue selects its element.
 * It renders after the canvas (a deferred value): opening an SOP draws the canvas first and checks
 * it right after ("Memeriksa…" meanwhile), and an edit is never held up by checking a long SOP.
 */
export function ValidationPanel() {
  const { t, i18n } = useTranslation();
  const settled = useEditor(selectSettledDocument);
  const doc = useDeferredValue(settled, null);
  const select = useEditor((s) => s.select);
  const issues = useMemo(() => (doc ? validateSop(doc) : null), [doc]);
  const total = useMemo(() => (doc ? sumWaktu(doc) : null), [doc]);
  const critical = useMemo(() => (doc ? computeCriticalPath(doc) : null), [doc]);
  const groups = useMemo(() => (issues ? groupIssues(issues) : []), [issues]);
  const lang = i18n.language === 'en' ? 'en' : 'id';
  if (!issues || !total || !critical)
    return (
      <section className="validation" aria-label={t('validation.title')} data-testid="validation-panel">
        <h2>
          {t('validation.title')}{' '}
          <span className="count" data-testid="validation-checking">
            {t('validation.checking')}
          </span>
        </h2>
      </section>
    );
  const errors = issues.filter((i) => i.severity === 'error').length;
  return (
    <section className="validation" aria-label={t('validation.title')} data-testid="validation-panel">
      <div className="totals" data-testid="totals">
        <span>
          {t('validation.totalWaktu')}:{' '}
          <strong data-testid="total-waktu">{total.text || t('validation.none')}</strong>
        </span>
        <span>
          {t('validation.criticalPath')}:{' '}
          <strong data-testid="critical-path">{critical.text || t('validation.none')}</strong>
        </span>
      </div>
      <h2>
        {t('validation.title')}{' '}
        <span className={errors ? 'count error' : 'count ok'} data-testid="validation-count">
          {errors ? t('validation.errors', { count: errors }) : t('validation.ok')}
          {issues.length > errors ? ` · ${t('validation.warnings', { count: issues.length - errors })}` : ''}
        </span>
      </h2>
      <ul>
        {groups.map((group) => (
          <li key={group.key} className={group.subject ? 'issue-group' : undefined}>
            <button
              type="button"
              className={`issue ${group.severity}`}
              data-testid="validation-item"
              data-code={group.issues.map((i) => i.code).join(' ')}
              onClick={() => select(selectIssue(group.issue))}
            >
              <span className="sev" aria-hidden="true">
                {group.severity === 'error' ? '●' : '▲'}
              </span>
              {group.subject ? (
                <span className="issue-text">
                  <strong>{group.subject[lang]}</strong>
                  {group.issues.map((issue) => (
                    <span
                      className={`issue-detail ${issue.severity}`}
                      key={`${issue.code}-${issue.field ?? ''}`}
                    >
                      {(issue.detail ?? issue.message)[lang]}
                    </span>
                  ))}
                </span>
              ) : (
                group.issue.message[lang]
              )}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
