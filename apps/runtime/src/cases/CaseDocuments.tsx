import type { DataField } from '@alur/schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../app/format.ts';
import { formatFileSize } from '../forms/form-draft.ts';
import { type CaseFileInfo, groupFilesByField } from '../lib/case-file.ts';

const fileUrl = (fileId: string) => `/api/files/${encodeURIComponent(fileId)}`;

/**
 * "Dokumen": the case's files by field and kelengkapan item; a photo shows inline, a PDF previews
 * on request (phones open it in a tab), anything else downloads. Each fetch is audited server-side.
 */
export function CaseDocuments({
  files,
  dataFields,
}: {
  files: readonly CaseFileInfo[];
  dataFields: readonly Pick<DataField, 'key' | 'label' | 'kelengkapan'>[];
}) {
  const { t } = useTranslation();
  if (files.length === 0) return <p className="muted">{t('caseFile.noDocuments')}</p>;
  return (
    <>
      <div className="case-documents" data-testid="case-documents">
        {groupFilesByField(files, dataFields).map((group) => (
          <section key={group.key || '-'} className="doc-group" data-testid={`doc-group-${group.key}`}>
            <h3>{group.label ?? t('caseFile.otherFiles')}</h3>
            {group.kelengkapan && (
              <p className="kelengkapan-tag">{t('form.kelengkapan', { item: group.kelengkapan })}</p>
            )}
            <ul className="doc-list">
              {group.files.map((file) => (
                <DocumentItem key={file.fileId} file={file} />
              ))}
            </ul>
          </section>
        ))}
      </div>
      <p className="muted small">{t('caseFile.downloadNote')}</p>
    </>
  );
}

function DocumentItem({ file }: { file: CaseFileInfo }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const [preview, setPreview] = useState(false);
  const isImage = file.contentType.startsWith('image/');
  const isPdf = file.contentType === 'application/pdf';
  return (
    <li className="doc-item" data-testid="case-file">
      {isImage && (
        <a href={fileUrl(file.fileId)} target="_blank" rel="noopener" className="doc-image-link">
          <img src={fileUrl(file.fileId)} alt={file.name} loading="lazy" className="doc-image" />
        </a>
      )}
      <div className="doc-meta">
        <span className="file-name">{file.name}</span>
        <span className="muted small">
          {formatFileSize(file.size, i18n.language === 'en' ? 'en' : 'id')} ·{' '}
          {t('caseFile.uploaded', { date: fmt.dateTime(file.uploadedAt) })}
        </span>
        <span className="doc-actions">
          {isPdf && (
            <button type="button" className="btn btn-small" onClick={() => setPreview((p) => !p)}>
              {preview ? t('caseFile.hidePreview') : t('caseFile.preview')}
            </button>
          )}
          {isImage || isPdf ? (
            <a className="btn btn-small" href={fileUrl(file.fileId)} target="_blank" rel="noopener">
              {t('caseFile.open')}
            </a>
          ) : (
            <a className="btn btn-small" href={fileUrl(file.fileId)} download={file.name}>
              {t('caseFile.download')}
            </a>
          )}
        </span>
      </div>
      {isPdf && preview && <iframe className="doc-pdf" src={fileUrl(file.fileId)} title={file.name} />}
    </li>
  );
}
