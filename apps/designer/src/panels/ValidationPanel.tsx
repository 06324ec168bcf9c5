import { computeCriticalPath, sumWaktu, type ValidationIssue, validateSop } from '@alur/schema';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type Selection, selectOnly } from '../model/selection.ts';
import { useEditor } from '../store/EditorContext.tsx';
import { selectSettledDocument } from '../store/editor-store.ts';
import { groupIssues } from './group-issues.ts';

/** The selection that points at an issue's element. */
export function selectIssue(issue: ValidationIssue): Selection {
  return selectOnly(issue.element.kind, issue.element.id);
}

/** Live validation (validateSop) with the totals of waktu; clicking an issue selects its element. */
export function ValidationPanel() {
  const { t, i18n } = useTranslation();
  const doc = useEditor(selectSettledDocument);
  const select = useEditor((s) => s.select);
  const issues = useMemo(() => validateSop(doc), [doc]);
  const total = useMemo(() => sumWaktu(doc), [doc]);
  const critical = useMemo(() => computeCriticalPath(doc), [doc]);
  const groups = useMemo(() => groupIssues(issues), [issues]);
  const errors = issues.filter((i) => i.severity === 'error').length;
  const lang = i18n.language === 'en' ? 'en' : 'id';
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
