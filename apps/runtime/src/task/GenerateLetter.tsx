import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../api/trpc.ts';
import { ErrorMessage } from '../app/feedback.tsx';

/**
 * "Buat surat" on the task page of a step bound to a letter template: makes (or makes again) the
 * numbered letter from the case data, and links its DOCX (and PDF when the server converts).
 * Renders nothing for a step without a template.
 */
export function GenerateLetter({ taskId }: { taskId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const info = useQuery(trpc.letter.forTask.queryOptions({ taskId }));
  const generate = useMutation(
    trpc.letter.generate.mutationOptions({
      onSettled: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.letter.forTask.queryKey({ taskId }) });
        void queryClient.invalidateQueries({ queryKey: trpc.case.pathKey() });
      },
    }),
  );
  if (!info.data?.hasTemplate) return null;
  const { letter, canGenerate } = info.data;
  const make = (newNumber: boolean) =>
    generate.mutate({ taskId, newNumber, idempotencyKey: crypto.randomUUID() });
  return (
    <section className="card" aria-labelledby="letter-h" data-testid="letter">
      <h2 id="letter-h">{t('letters.title')}</h2>
      {letter ? (
        <p>
          {t('letters.number')}: <strong data-testid="letter-number">{letter.number}</strong>{' '}
          {letter.fileId && (
            <a className="btn btn-quiet" href={`/api/files/${letter.fileId}`} data-testid="letter-docx">
              {t('letters.docx')}
            </a>
          )}{' '}
          {letter.pdfFileId ? (
            <a className="btn btn-quiet" href={`/api/files/${letter.pdfFileId}`} data-testid="letter-pdf">
              {t('letters.pdf')}
            </a>
          ) : (
            <span className="muted small">{t('letters.noPdf')}</span>
          )}
        </p>
      ) : (
        <p className="muted">{t('letters.none')}</p>
      )}
      {canGenerate && (
        <div className="actions">
          <button
            type="button"
            className="btn"
            data-testid="letter-make"
            disabled={generate.isPending}
            onClick={() => make(false)}
          >
            {generate.isPending ? t('letters.making') : letter ? t('letters.remake') : t('letters.make')}
          </button>
          {letter && (
            <button
              type="button"
              className="btn btn-quiet"
              data-testid="letter-renumber"
              disabled={generate.isPending}
              onClick={() => {
                if (window.confirm(t('letters.renumberConfirm'))) make(true);
              }}
            >
              {t('letters.renumber')}
            </button>
          )}
        </div>
      )}
      {generate.data && !generate.isPending && (
        <p role="status" className="small">
          {t('letters.made', { number: generate.data.number })}
        </p>
      )}
      {generate.error && <ErrorMessage error={generate.error} />}
    </section>
  );
}
