import { checkLetterFormat, formatLetterNumber } from '@alur/schema/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../api/trpc.ts';
import { Field } from '../app/Field.tsx';
import { ErrorMessage, QueryStatus } from '../app/feedback.tsx';
import { Link } from '../app/router.tsx';

/** Administrasi › Surat: the agency's numbering, templates and settings per SOP step, the register. */
export function LettersPanel() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const sops = useQuery(trpc.sop.list.queryOptions());
  const [sopId, setSopId] = useState('');
  return (
    <>
      <section className="card" aria-labelledby="letters-sop-h">
        <h2 id="letters-sop-h">{t('letters.template')}</h2>
        {sops.isPending || sops.error ? (
          <QueryStatus query={sops} />
        ) : (
          <Field label={t('letters.sop')}>
            <select value={sopId} onChange={(e) => setSopId(e.target.value)} data-testid="letters-sop">
              <option value="">{t('letters.chooseSop')}</option>
              {sops.data.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </Field>
        )}
        <p className="muted small">{t('letters.pinNote')}</p>
      </section>
      {sopId && <SopLetters sopId={sopId} />}
      <p className="muted small">
        {t('letters.registerMoved')} <Link to="/letters">{t('nav.letters')}</Link>
      </p>
    </>
  );
}

type Setup = NonNullable<ReturnType<typeof useSetup>['data']>;

function useSetup(sopId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.letter.setup.queryOptions({ sopId }));
}

function SopLetters({ sopId }: { sopId: string }) {
  const setup = useSetup(sopId);
  if (setup.isPending || setup.error) return <QueryStatus query={setup} />;
  return (
    <>
      <NumberingForm numbering={setup.data.numbering} />
      {setup.data.steps.map((step) => (
        <StepLetter key={step.nodeId} setup={setup.data} step={step} />
      ))}
    </>
  );
}

function NumberingForm({ numbering }: { numbering: { format: string; unit: string } }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState(numbering);
  useEffect(() => setForm(numbering), [numbering]);
  const save = useMutation(
    trpc.letter.updateSettings.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.letter.setup.pathKey() }),
    }),
  );
  const check = checkLetterFormat(form.format);
  const now = new Date();
  const example = check.ok
    ? formatLetterNumber(form.format, {
        kode: '470',
        unit: form.unit,
        serial: 123,
        year: now.getFullYear(),
        month: now.getMonth() + 1,
      })
    : '';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(form);
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="numbering-h" data-testid="letters-numbering">
      <h2 id="numbering-h">{t('letters.numbering')}</h2>
      <p className="muted small">{t('letters.numberingHint')}</p>
      <div className="form-grid">
        <Field label={t('letters.format')}>
          <input
            value={form.format}
            onChange={(e) => setForm({ ...form, format: e.target.value })}
            required
          />
        </Field>
        <Field label={t('letters.unit')}>
          <input value={form.unit} onChange={(e) => setForm({ ...form, unit: e.target.value })} />
        </Field>
      </div>
      {check.ok ? (
        <p className="small">{t('letters.example', { example })}</p>
      ) : (
        <p className="field-error">{check.id}</p>
      )}
      {save.error && <ErrorMessage error={save.error} />}
      {save.isSuccess && <p role="status">{t('common.saved')}</p>}
      <button type="submit" className="btn btn-primary" disabled={save.isPending || !check.ok}>
        {t('common.save')}
      </button>
    </form>
  );
}

async function readBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function StepLetter({ setup, step }: { setup: Setup; step: Setup['steps'][number] }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.letter.setup.pathKey() });
  const upload = useMutation(trpc.letter.uploadTemplate.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.letter.removeTemplate.mutationOptions({ onSuccess: refresh }));
  const saveOutput = useMutation(trpc.letter.updateOutput.mutationOptions({ onSuccess: refresh }));
  const initial = {
    kode: step.settings?.kode ?? '',
    format: step.settings?.format ?? '',
    subject: step.settings?.subject ?? '',
    recipientField: step.settings?.recipientField ?? '',
  };
  const [form, setForm] = useState(initial);
  const formatCheck = form.format ? checkLetterFormat(form.format) : { ok: true as const };
  const ref = { sopId: setup.sopId, nodeId: step.nodeId };
  const textFields = setup.dataFields.filter((f) => f.type === 'text' || f.type === 'longtext');
  return (
    <section
      className="card"
      aria-labelledby={`step-${step.nodeId}-h`}
      data-testid={`letters-step-${step.nodeId}`}
    >
      <h2 id={`step-${step.nodeId}-h`}>
        {t('letters.step')}: {step.kegiatan}
      </h2>
      {step.output && <p className="muted small">{step.output}</p>}
      {step.template ? (
        <p>
          <strong>{step.template.name}</strong>{' '}
          <span className="muted small">{t('letters.tags', { tags: step.template.tags.join(', ') })}</span>{' '}
          <button
            type="button"
            className="btn btn-quiet"
            disabled={remove.isPending}
            onClick={() => remove.mutate(ref)}
          >
            {t('letters.remove')}
          </button>
        </p>
      ) : (
        <p className="muted">{t('letters.noTemplate')}</p>
      )}
      <Field label={upload.isPending ? t('letters.uploading') : t('letters.upload')}>
        <input
          type="file"
          accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          data-testid={`letters-upload-${step.nodeId}`}
          disabled={upload.isPending}
          onChange={async (e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) upload.mutate({ ...ref, fileName: file.name, contentBase64: await readBase64(file) });
          }}
        />
      </Field>
      {upload.isSuccess && <p role="status">{t('letters.uploaded')}</p>}
      {(upload.error || remove.error) && <ErrorMessage error={upload.error ?? remove.error} />}
      {(step.template || step.settings) && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            saveOutput.mutate({
              ...ref,
              kode: form.kode,
              format: form.format.trim() || null,
              subject: form.subject,
              recipientField: form.recipientField || null,
              signer: step.settings?.signer ?? null,
            });
          }}
        >
          <div className="form-grid">
            <Field label={t('letters.kode')}>
              <input value={form.kode} onChange={(e) => setForm({ ...form, kode: e.target.value })} />
            </Field>
            <Field label={t('letters.ownFormat')}>
              <input value={form.format} onChange={(e) => setForm({ ...form, format: e.target.value })} />
            </Field>
            <Field label={t('letters.subject')}>
              <input
                value={form.subject}
                placeholder={step.output || step.kegiatan}
                onChange={(e) => setForm({ ...form, subject: e.target.value })}
              />
            </Field>
            <Field label={t('letters.recipientField')}>
              <select
                value={form.recipientField}
                onChange={(e) => setForm({ ...form, recipientField: e.target.value })}
              >
                <option value="">{t('letters.recipientTitle')}</option>
                {textFields.map((f) => (
                  <option key={f.key} value={f.key}>
                    {f.label || f.key}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          {!formatCheck.ok && <p className="field-error">{formatCheck.id}</p>}
          {saveOutput.error && <ErrorMessage error={saveOutput.error} />}
          {saveOutput.isSuccess && <p role="status">{t('common.saved')}</p>}
          <button type="submit" className="btn" disabled={saveOutput.isPending || !formatCheck.ok}>
            {t('letters.saveOutput')}
          </button>
        </form>
      )}
    </section>
  );
}
