import type { SopDocument } from '@alur/schema';
import { formatAgencyDateTime, formatCalendarDate, readApiError } from '@alur/schema/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiClient, useTRPC } from '../api/client.ts';
import { buildExportUrl } from '../app/ExportMenu.tsx';
import { Dialog } from './Dialog.tsx';

/** A published version shown on the canvas: read-only, or compared with the draft. */
export interface VersionView {
  mode: 'open' | 'compare';
  versionId: string;
  number: number;
  document: SopDocument;
}

/** The published versions of the SOP, newest first (`sop.versions`): open, compare or print each. */
export default function VersionsDialog({
  api,
  sopId,
  timeZone,
  onView,
  onClose,
}: {
  api: ApiClient;
  sopId: string;
  /** The agency's time zone, in which publication times are shown. */
  timeZone: string;
  onView: (view: VersionView) => void;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'id';
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const trpc = useTRPC();
  const versions = useQuery(trpc.sop.versions.queryOptions({ sopId }));
  const show = async (mode: VersionView['mode'], versionId: string, number: number) => {
    setBusy(versionId);
    setError(null);
    try {
      const v = await api.sop.version.query({ versionId });
      onView({ mode, versionId, number, document: v.document });
      onClose();
    } catch (err) {
      setError(readApiError(err).message[lang]);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Dialog title={t('versions.title')} onClose={onClose} testId="versions-dialog">
      {versions.isPending && <p>{t('sops.loading')}</p>}
      {versions.error && <p className="field-error">{readApiError(versions.error).message[lang]}</p>}
      {versions.data?.length === 0 && <p className="muted">{t('versions.empty')}</p>}
      <ul className="versions">
        {versions.data?.map((v) => (
          <li key={v.id} data-testid={`version-${v.number}`}>
            <strong>{t('versions.number', { n: v.number })}</strong> ·{' '}
            {formatCalendarDate(v.effectiveDate, lang)}
            {v.note ? ` · ${v.note}` : ''}
            <br />
            <small>
              {(v.signer as { jabatan?: string; nama?: string } | null)?.nama} ·{' '}
              <time dateTime={v.publishedAt}>{formatAgencyDateTime(v.publishedAt, timeZone, lang)}</time>
            </small>
            <div className="version-actions">
              <button
                type="button"
                disabled={busy !== null}
                onClick={() => void show('open', v.id, v.number)}
                data-testid={`version-open-${v.number}`}
              >
                {t('versions.open')}
              </button>
              <button
                type="button"
                disabled={busy !== null}
                onClick={() => void show('compare', v.id, v.number)}
                data-testid={`version-compare-${v.number}`}
              >
                {t('versions.compare')}
              </button>
              <a
                href={buildExportUrl({ versionId: v.id }, 'pdf-a4')}
                target="_blank"
                rel="noopener"
                data-testid={`version-print-a4-${v.number}`}
              >
                {t('versions.printA4')}
              </a>
              <a
                href={buildExportUrl({ versionId: v.id }, 'pdf-f4')}
                target="_blank"
                rel="noopener"
                data-testid={`version-print-f4-${v.number}`}
              >
                {t('versions.printF4')}
              </a>
            </div>
          </li>
        ))}
      </ul>
      {error && <p className="field-error">{error}</p>}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('versions.close')}
        </button>
      </div>
    </Dialog>
  );
}
