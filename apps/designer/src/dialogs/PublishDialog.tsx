import { isPublishable, type Signer, validateSop } from '@alur/schema';
import { readApiError } from '@alur/schema/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../api/client.ts';
import { useEditor } from '../store/EditorContext.tsx';
import { Dialog } from './Dialog.tsx';

/** Publishes the saved draft as a new version; admin only, refused while validation has errors. */
export default function PublishDialog(props: {
  api: ApiClient;
  sopId: string;
  isAdmin: boolean;
  /** Saves pending edits first, since the server publishes its stored draft. */
  flush: () => Promise<void>;
  today: string;
  onClose: () => void;
  /** Called once the server has published: the dialog closes and the editor says which version. */
  onPublished: (version: { number: number }) => void;
}) {
  const { t, i18n } = useTranslation();
  const doc = useEditor((s) => s.doc);
  const errors = validateSop(doc).filter((i) => i.severity === 'error').length;
  const [note, setNote] = useState('');
  const [effectiveDate, setEffectiveDate] = useState(
    doc.identity.tanggalEfektif.match(/^\d{4}-\d{2}-\d{2}$/) ? doc.identity.tanggalEfektif : props.today,
  );
  const [signer, setSigner] = useState<Signer>(doc.identity.disahkanOleh);
  // One key per dialog: a double click or a retry after a lost answer publishes once.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const publish = useMutation({
    mutationFn: async () => {
      await props.flush();
      return props.api.sop.publish.mutate({
        sopId: props.sopId,
        note,
        effectiveDate,
        signer,
        idempotencyKey,
      });
    },
    onSuccess: (version) => props.onPublished(version),
  });
  const blocked = !props.isAdmin || !isPublishable(validateSop(doc));
  const lang = i18n.language === 'en' ? 'en' : 'id';
  return (
    <Dialog title={t('publish.title')} onClose={props.onClose} testId="publish-dialog">
      {!props.isAdmin && <p className="field-error">{t('publish.adminOnly')}</p>}
      {errors > 0 && (
        <p className="field-error" data-testid="publish-blocked">
          {t('publish.blocked', { count: errors })}
        </p>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          // One publication per dialog: ignore a second click while the first is on its way.
          if (!blocked && !publish.isPending && !publish.isSuccess) publish.mutate();
        }}
      >
        <label>
          {t('publish.effectiveDate')}
          <input
            type="date"
            required
            value={effectiveDate}
            onChange={(e) => setEffectiveDate(e.target.value)}
          />
        </label>
        <fieldset>
          <legend>{t('publish.signer')}</legend>
          {(['jabatan', 'nama', 'nip'] as const).map((f) => (
            <label key={f}>
              {t(f === 'nama' ? 'identity.namaPejabat' : `identity.${f}`)}
              <input
                type="text"
                required={f !== 'nip'}
                value={signer[f]}
                onChange={(e) => setSigner({ ...signer, [f]: e.target.value })}
              />
            </label>
          ))}
        </fieldset>
        <label>
          {t('publish.note')}
          <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={3} />
        </label>
        {publish.error && <p className="field-error">{readApiError(publish.error).message[lang]}</p>}
        <div className="dialog-actions">
          <button type="button" onClick={props.onClose}>
            {t('publish.cancel')}
          </button>
          <button
            type="submit"
            className="primary"
            disabled={blocked || publish.isPending || publish.isSuccess}
            data-testid="publish-submit"
          >
            {t('publish.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
