import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../api/trpc.ts';
import { Dialog } from '../app/Dialog.tsx';
import { ErrorMessage } from '../app/feedback.tsx';
import { useSubmitKeys } from '../app/useSubmitKeys.ts';

/** "Batalkan kasus": a button and a dialog asking why (the reason is required and audited). */
export function CancelCase({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useSubmitKeys();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const cancel = useMutation(
    trpc.case.cancel.mutationOptions({
      onSuccess: () => {
        keys.settle();
        setOpen(false);
      },
      onSettled: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.case.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.task.pathKey() });
      },
    }),
  );
  const submit = () => {
    const trimmed = reason.trim();
    if (!trimmed) {
      setMissing(true);
      return;
    }
    if (cancel.isPending) return;
    cancel.mutate({ caseId, reason: trimmed, idempotencyKey: keys.keyFor(trimmed) });
  };
  return (
    <>
      <button
        type="button"
        className="btn btn-danger"
        data-testid="case-cancel"
        onClick={() => setOpen(true)}
      >
        {t('case.cancel')}
      </button>
      {open && (
        <Dialog title={t('case.cancelTitle')} onClose={() => setOpen(false)} testId="case-cancel-dialog">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              submit();
            }}
          >
            <p className="muted small">{t('case.cancelHint')}</p>
            <label className="field">
              <span>{t('case.cancelReason')}</span>
              <textarea
                data-testid="case-cancel-reason"
                rows={3}
                maxLength={2000}
                aria-invalid={missing || undefined}
                value={reason}
                onChange={(e) => {
                  setReason(e.target.value);
                  setMissing(false);
                }}
              />
            </label>
            {missing && (
              <p className="field-error" role="alert">
                {t('case.cancelReasonRequired')}
              </p>
            )}
            {cancel.error && <ErrorMessage error={cancel.error} />}
            <div className="dialog-actions">
              <button type="button" className="btn btn-quiet" onClick={() => setOpen(false)}>
                {t('common.back')}
              </button>
              <button
                type="submit"
                className="btn btn-danger"
                data-testid="case-cancel-confirm"
                disabled={cancel.isPending}
              >
                {t('case.cancelConfirm')}
              </button>
            </div>
          </form>
        </Dialog>
      )}
    </>
  );
}
