import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../api/trpc.ts';
import { Dialog } from '../app/Dialog.tsx';
import { ErrorMessage, Loading, QueryError } from '../app/feedback.tsx';

/** "Alihkan": hands one's claimed task to a colleague holding the same position (leave, illness). */
export function ReassignTask({ taskId }: { taskId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [toUserId, setToUserId] = useState('');
  const colleagues = useQuery({ ...trpc.task.colleagues.queryOptions({ taskId }), enabled: open });
  const reassign = useMutation(
    trpc.task.reassign.mutationOptions({
      onSuccess: () => setOpen(false),
      onSettled: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.task.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.case.pathKey() });
      },
    }),
  );
  return (
    <>
      <button type="button" className="btn btn-quiet" data-testid="reassign" onClick={() => setOpen(true)}>
        {t('task.reassign')}
      </button>
      {open && (
        <Dialog title={t('task.reassignTitle')} onClose={() => setOpen(false)} testId="reassign-dialog">
          {colleagues.isPending ? (
            <Loading />
          ) : colleagues.error ? (
            <QueryError error={colleagues.error} />
          ) : colleagues.data.length === 0 ? (
            <p data-testid="reassign-none">{t('task.reassignNone')}</p>
          ) : (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                if (!toUserId || reassign.isPending) return;
                reassign.mutate({ taskId, toUserId, idempotencyKey: crypto.randomUUID() });
              }}
            >
              <label className="field">
                <span>{t('task.reassignTo')}</span>
                <select
                  data-testid="reassign-to"
                  required
                  value={toUserId}
                  onChange={(e) => setToUserId(e.target.value)}
                >
                  <option value="">{t('task.reassignPick')}</option>
                  {colleagues.data.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.displayName}
                    </option>
                  ))}
                </select>
              </label>
              {reassign.error && <ErrorMessage error={reassign.error} />}
              <div className="dialog-actions">
                <button type="button" className="btn btn-quiet" onClick={() => setOpen(false)}>
                  {t('common.back')}
                </button>
                <button
                  type="submit"
                  className="btn btn-primary"
                  data-testid="reassign-confirm"
                  disabled={!toUserId || reassign.isPending}
                >
                  {t('task.reassignConfirm')}
                </button>
              </div>
            </form>
          )}
          {colleagues.data?.length === 0 && (
            <div className="dialog-actions">
              <button type="button" className="btn" onClick={() => setOpen(false)}>
                {t('common.back')}
              </button>
            </div>
          )}
        </Dialog>
      )}
    </>
  );
}
