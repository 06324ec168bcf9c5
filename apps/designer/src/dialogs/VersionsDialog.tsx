import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../api/client.ts';
import { Dialog } from './Dialog.tsx';

/** The published versions of the SOP, newest first (`sop.versions`). */
export default function VersionsDialog({
  api,
  sopId,
  onClose,
}: {
  api: ApiClient;
  sopId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const versions = useQuery({
    queryKey: ['sop.versions', sopId],
    queryFn: () => api.sop.versions.query({ sopId }),
  });
  return (
    <Dialog title={t('versions.title')} onClose={onClose} testId="versions-dialog">
      {versions.isPending && <p>{t('sops.loading')}</p>}
      {versions.error && <p className="field-error">{versions.error.message}</p>}
      {versions.data?.length === 0 && <p className="muted">{t('versions.empty')}</p>}
      <ul className="versions">
        {versions.data?.map((v) => (
          <li key={v.id}>
            <strong>{t('versions.number', { n: v.number })}</strong> · {v.effectiveDate}
            {v.note ? ` · ${v.note}` : ''}
            <br />
            <small>
              {(v.signer as { jabatan?: string; nama?: string } | null)?.nama} · {v.publishedAt}
            </small>
          </li>
        ))}
      </ul>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('versions.close')}
        </button>
      </div>
    </Dialog>
  );
}
