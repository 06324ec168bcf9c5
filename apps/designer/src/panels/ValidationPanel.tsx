import type { ValidationIssue } from '@alur/schema';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type Selection, selectOnly } from '../model/selection.ts';
import { useEditor } from '../store/EditorContext.tsx';
import { selectSettledDocument } from '../store/editor-store.ts';
import { groupIssues } from './group-issues.ts';
import { useValidationReport, warmUpValidation } from './use-validation.ts';

// The worker's script loads beside the document, not after it.
warmUpValidation();

/** The selection that points at an issue's element. */
export function selectIssue(issue: ValidationIssue): Selection {
  return selectOnly(issue.element.kind, issue.element.id);
}

/**
 * Live validation (validateSop) with the totals of waktu; clicking an issue selects its element.
 * The checks run in a worker (use-validation.ts): opening an SOP draws the canvas and accepts input
 * while the panel says "Memeriksa…", and an edit is never held up by checking a long SOP.
 */
export function ValidationPanel() {
  const { t, i18n } = useTranslation();
  const settled = useEditor(selectSettledDocument);
  const report = useValidationReport(settled);
  const select = useEditor((s) => s.select);
  const issues = report?.issues ?? null;
  const total = report?.total ?? null;
  const critical = report?.critical ?? null;
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
