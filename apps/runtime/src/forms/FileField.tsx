import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type DraftValue, type FormFieldView, formatFileSize, type SlotFile } from './form-draft.ts';
import { type UploadTarget, uploadFile } from './upload.ts';

interface Pending {
  id: number;
  name: string;
  progress: number;
  abort: () => void;
}

/** Accepted by the server (its allow-list also takes DOCX/XLSX; a phone scan is a photo or PDF). */
const ACCEPT = 'image/*,application/pdf';

/**
 * An upload slot: the camera (phones) or a file picker; each file uploads at once with progress,
 * then shows its name and size (and a thumbnail for a photo) and can be removed until the form is
 * sent. Files already in the case stay listed. `multiple` fields take several files.
 */
export function FileField({
  field,
  id,
  files,
  target,
  onChange,
  onUploading,
  describedBy,
  disabled,
}: {
  field: FormFieldView;
  id: string;
  files: SlotFile[];
  target: UploadTarget | undefined;
  onChange: (update: (prev: DraftValue | undefined) => DraftValue) => void;
  onUploading: (count: number) => void;
  describedBy: string | undefined;
  disabled?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'id';
  const [pending, setPending] = useState<Pending[]>([]);
  const [failures, setFailures] = useState<string[]>([]);
  const [thumbs, setThumbs] = useState<Record<string, string>>({});
  const nextId = useRef(0);
  const thumbsRef = useRef(thumbs);
  thumbsRef.current = thumbs;

  useEffect(() => onUploading(pending.length), [pending.length, onUploading]);
  // Object URLs of local photos are released when the slot goes away.
  useEffect(
    () => () => {
      for (const url of Object.values(thumbsRef.current)) URL.revokeObjectURL(url);
    },
    [],
  );

  const start = (list: FileList | null) => {
    if (!list || !target) return;
    const chosen = field.multiple ? [...list] : [...list].slice(0, 1);
    setFailures([]);
    for (const file of chosen) {
      const pendingId = nextId.current++;
      const upload = uploadFile({
        target,
        field: field.key,
        file,
        onProgress: (share) =>
          setPending((prev) => prev.map((p) => (p.id === pendingId ? { ...p, progress: share } : p))),
      });
      setPending((prev) => [...prev, { id: pendingId, name: file.name, progress: 0, abort: upload.abort }]);
      upload.done
        .then((info) => {
          const added: SlotFile = {
            fileId: info.fileId,
            name: info.name,
            size: info.size,
            contentType: info.contentType,
          };
          if (info.contentType.startsWith('image/')) {
            const url = URL.createObjectURL(file);
            setThumbs((prev) => ({ ...prev, [info.fileId]: url }));
          }
          // One file per field unless `multiple`: a new upload takes the place of the last one.
          onChange((prev) => {
            const before = Array.isArray(prev) ? prev : [];
            return field.multiple ? [...before, added] : [added];
          });
        })
        .catch((error: unknown) => {
          const code = (error as { code?: string }).code;
          if (code === 'ABORTED') return;
          const messages = (error as { messages?: { id: string; en: string } }).messages;
          const message = messages ? messages[lang] : String(error);
          setFailures((prev) => [...prev, t('form.uploadFailed', { name: file.name, message })]);
        })
        .finally(() => setPending((prev) => prev.filter((p) => p.id !== pendingId)));
    }
  };

  const remove = (fileId: string) => {
    onChange((prev) => (Array.isArray(prev) ? prev.filter((f) => f.fileId !== fileId) : []));
    const url = thumbs[fileId];
    if (url) URL.revokeObjectURL(url);
  };

  const canAdd = !disabled && target !== undefined && (field.multiple || pending.length === 0);
  return (
    <div className="file-slot" data-testid={`file-slot-${field.key}`}>
      {files.length === 0 && pending.length === 0 && <p className="muted small">{t('form.noFile')}</p>}
      {files.length > 0 && (
        <ul className="file-list">
          {files.map((f) => (
            <li key={f.fileId} data-testid="slot-file">
              {thumbs[f.fileId] ? <img className="file-thumb" src={thumbs[f.fileId]} alt="" /> : null}
              <span className="file-name">{f.name}</span>
              <span className="muted small">
                {formatFileSize(f.size, lang)}
                {f.existing ? ` · ${t('form.inCase')}` : ''}
              </span>
              {!f.existing && !disabled && (
                <button
                  type="button"
                  className="btn btn-quiet"
                  aria-label={t('form.removeFile', { name: f.name })}
                  data-testid="slot-remove"
                  onClick={() => remove(f.fileId)}
                >
                  {t('form.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {pending.map((p) => (
        <div key={p.id} className="upload-progress" data-testid="upload-progress">
          <span className="file-name">{p.name}</span>
          <progress max={1} value={p.progress} aria-label={p.name} />
          <span className="muted small" aria-live="polite">
            {t('form.uploading', { percent: Math.round(p.progress * 100) })}
          </span>
          <button type="button" className="btn btn-quiet" onClick={p.abort}>
            {t('form.cancelUpload')}
          </button>
        </div>
      ))}
      {failures.map((text) => (
        <p key={text} className="field-issue" role="alert">
          {text}
        </p>
      ))}
      {canAdd && (
        <div className="file-buttons">
          {/* capture: a phone opens the rear camera straight away; desktops ignore it (hidden there). */}
          <label className="btn only-touch">
            <input
              type="file"
              className="sr-only"
              accept={ACCEPT}
              capture="environment"
              aria-describedby={describedBy}
              data-testid={`file-camera-${field.key}`}
              onChange={(e) => {
                start(e.target.files);
                e.target.value = '';
              }}
            />
            📷 {t('form.takePhoto')}
          </label>
          <label className="btn">
            <input
              id={id}
              type="file"
              className="sr-only"
              accept={ACCEPT}
              multiple={field.multiple}
              aria-describedby={describedBy}
              data-testid={`file-pick-${field.key}`}
              onChange={(e) => {
                start(e.target.files);
                e.target.value = '';
              }}
            />
            {field.multiple ? t('form.pickFiles') : t('form.pickFile')}
          </label>
        </div>
      )}
    </div>
  );
}
