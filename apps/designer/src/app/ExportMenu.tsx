import { useTranslation } from 'react-i18next';

/** The official document and other exports of the saved draft, rendered by the server. */
export const EXPORT_CHOICES = [
  { value: 'pdf-a4', format: 'pdf', paper: 'a4' },
  { value: 'pdf-f4', format: 'pdf', paper: 'f4' },
  { value: 'docx-a4', format: 'docx', paper: 'a4' },
  { value: 'docx-f4', format: 'docx', paper: 'f4' },
  { value: 'bpmn', format: 'bpmn', paper: 'a4' },
  { value: 'json', format: 'json', paper: 'a4' },
] as const;

/** URL of an export of a draft (`sopId`) or a published version (`versionId`). */
export function buildExportUrl(ref: { sopId?: string; versionId?: string }, value: string): string {
  const choice = EXPORT_CHOICES.find((c) => c.value === value) ?? EXPORT_CHOICES[0];
  const target = ref.versionId ? `versionId=${ref.versionId}` : `sopId=${ref.sopId}`;
  return `/api/export?${target}&format=${choice.format}&paper=${choice.paper}`;
}

export function ExportMenu(props: { sopId: string; disabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <select
      aria-label={t('export.label')}
      title={t('export.hint')}
      value=""
      disabled={props.disabled}
      data-testid="export"
      onChange={(e) => {
        if (e.target.value)
          window.open(buildExportUrl({ sopId: props.sopId }, e.target.value), '_blank', 'noopener');
      }}
    >
      <option value="">{t('export.label')}</option>
      {EXPORT_CHOICES.map((c) => (
        <option key={c.value} value={c.value}>
          {t(`export.${c.value}`)}
        </option>
      ))}
    </select>
  );
}
