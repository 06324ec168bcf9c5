import { readApiError } from '@alur/schema/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiClient, useTRPC } from '../api/client.ts';
import { countSameName, filterSopsByName } from './sop-filter.ts';

/** The agency's SOPs (`sop.list`) with a form to create one (`sop.create`). */
export function SopList(props: { api: ApiClient; onOpen: (sopId: string) => void; onLogout: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const trpc = useTRPC();
  const list = useQuery(trpc.sop.list.queryOptions());
  const [name, setName] = useState('');
  const [query, setQuery] = useState('');
  // An empty name used to do nothing on submit; now it says what is missing.
  const [nameMissing, setNameMissing] = useState(false);
  // A name already in use is said before creating; submitting the same name again goes ahead.
  const [sameNameWarned, setSameNameWarned] = useState<string | null>(null);
  const create = useMutation(
    trpc.sop.create.mutationOptions({
      onSuccess: (r) => {
        void queryClient.invalidateQueries({ queryKey: trpc.sop.list.queryKey() });
        props.onOpen(r.sopId);
      },
    }),
  );
  const duplicate = useMutation({
    mutationFn: async (sop: { id: string; name: string }) => {
      // Loaded on use: it brings the document schema, which the list itself does not need.
      const { duplicateSop } = await import('./duplicate-sop.ts');
      return duplicateSop(props.api, sop.id, t('sops.duplicateOf', { name: sop.name }), window.localStorage);
    },
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: trpc.sop.list.queryKey() });
      props.onOpen(r.sopId);
    },
  });
  const lang = i18n.language === 'en' ? 'en' : 'id';
  const shown = list.data ? filterSopsByName(list.data, query) : [];
  return (
    <div className="center-page">
      <section className="card wide" data-testid="sop-list">
        <header className="card-head">
          <h1>{t('sops.title')}</h1>
          <span className="card-head-links">
            <a href="/" data-testid="to-runtime">
              {t('nav.runtime')}
            </a>
            <button type="button" className="link" onClick={props.onLogout}>
              {t('auth.logout')}
            </button>
          </span>
        </header>
        <form
          className="inline-form sop-create"
          onSubmit={async (e) => {
            e.preventDefault();
            const wanted = name.trim();
            setNameMissing(!wanted);
            if (!wanted) return;
            // A submit before the list has loaded still checks the names (fetched now).
            const existing = list.data ?? (await queryClient.fetchQuery(trpc.sop.list.queryOptions()));
            if (countSameName(existing, wanted) > 0 && sameNameWarned !== wanted) {
              setSameNameWarned(wanted);
              return;
            }
            create.mutate({ name: wanted });
          }}
        >
          <input
            aria-label={t('sops.newName')}
            placeholder={t('sops.newName')}
            value={name}
            aria-invalid={nameMissing}
            aria-describedby={nameMissing ? 'sop-name-missing' : undefined}
            data-testid="sop-new-name"
            onChange={(e) => {
              setName(e.target.value);
              if (e.target.value.trim()) setNameMissing(false);
            }}
          />
          <button type="submit" className="primary" disabled={create.isPending} data-testid="sop-create">
            {t('sops.create')}
          </button>
        </form>
        {sameNameWarned !== null && sameNameWarned === name.trim() && (
          <p className="warning" role="alert" data-testid="sop-same-name">
            {t('sops.sameName', { name: sameNameWarned })}
          </p>
        )}
        {nameMissing && (
          <p className="field-error" id="sop-name-missing" role="alert">
            {t('sops.nameRequired')}
          </p>
        )}
        <input
          type="search"
          className="sop-search"
          aria-label={t('sops.search')}
          placeholder={t('sops.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="sop-search"
        />
        {list.isPending && <p>{t('sops.loading')}</p>}
        {list.error && <p className="field-error">{readApiError(list.error).message[lang]}</p>}
        {list.data?.length === 0 && <p className="muted">{t('sops.empty')}</p>}
        {list.data && list.data.length > 0 && shown.length === 0 && (
          <p className="muted" data-testid="sop-no-match">
            {t('sops.noMatch', { query })}
          </p>
        )}
        <ul className="sop-items">
          {shown.map((s) => (
            <li key={s.id}>
              <button type="button" onClick={() => props.onOpen(s.id)} data-testid={`sop-${s.id}`}>
                <strong>{s.name}</strong>
                <small>
                  rev {s.draftRevision}
                  {s.latestVersion !== null ? ` · v${s.latestVersion}` : ''}
                </small>
              </button>
              <button
                type="button"
                className="duplicate"
                title={t('sops.duplicateHint')}
                aria-label={`${t('sops.duplicate')}: ${s.name}`}
                disabled={duplicate.isPending}
                onClick={() => duplicate.mutate({ id: s.id, name: s.name })}
                data-testid={`sop-duplicate-${s.id}`}
              >
                {t('sops.duplicate')}
              </button>
            </li>
          ))}
        </ul>
        {create.error && <p className="field-error">{readApiError(create.error).message[lang]}</p>}
        {duplicate.error && <p className="field-error">{readApiError(duplicate.error).message[lang]}</p>}
      </section>
    </div>
  );
}
