import { computeCriticalPath, sumWaktu, type ValidationIssue, validateSop } from '@alur/schema';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type Selection, selectOnly } from '../model/selection.ts';
import { useEditor } from '../store/EditorContext.tsx';
import { selectSettledDocument } from '../store/editor-store.ts';

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
        {issues.map((issue) => (
          <li key={`${issue.code}-${issue.element.kind}-${issue.element.id ?? ''}-${issue.field ?? ''}`}>
            <button
              type="button"
              className={`issue ${issue.severity}`}
              data-testid="validation-item"
              data-code={issue.code}
              onClick={() => select(selectIssue(issue))}
            >
              <span className="sev" aria-hidden="true">
                {issue.severity === 'error' ? '●' : '▲'}
              </span>
              {issue.message[lang]}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
