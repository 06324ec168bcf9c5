import type { ImportReport } from '@alur/schema';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiClient, readApiError } from '../api/client.ts';
import { toCatalogue } from '../model/catalogue.ts';
import { applyCommand } from '../model/commands.ts';
import { createSampleDocument } from '../model/fixtures.ts';
import { layoutDocument } from '../model/layout.ts';
import { createBrowserDraftRepository, type DraftRepository } from '../persistence/draft-repository.ts';
import { createTrpcDraftRepository } from '../persistence/trpc-repository.ts';
import { Editor } from './Editor.tsx';
import type { ImportInput } from './import-file.ts';
import { LoginForm } from './LoginForm.tsx';
import { type OpenedDraft, openDraft } from './open-draft.ts';
import { SopList } from './SopList.tsx';

type Route = { kind: 'list' } | { kind: 'sop'; sopId: string } | { kind: 'local' };

function readRoute(): Route {
  const hash = window.location.hash;
  if (hash.startsWith('#/sop/')) return { kind: 'sop', sopId: decodeURIComponent(hash.slice(6)) };
  if (hash === '#/local') return { kind: 'local' };
  return { kind: 'list' };
}

function useRoute(): [Route, (hash: string) => void] {
  const [route, setRoute] = useState(readRoute);
  useEffect(() => {
    const onHash = () => setRoute(readRoute());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const go = (hash: string) => {
    window.location.hash = hash;
  };
  return [route, go];
}

/** Session, routing (list / SOP / local mode) and the editor. */
export function App({ api }: { api: ApiClient }) {
  const { t } = useTranslation();
  const [route, go] = useRoute();
  const queryClient = useQueryClient();
  const me = useQuery({
    queryKey: ['auth.me'],
    queryFn: () => api.auth.me.query(),
    retry: 1,
    enabled: route.kind !== 'local',
  });
  const [importReports, setImportReports] = useState<Record<string, ImportReport>>({});

  if (route.kind === 'local') return <LocalEditor onBack={() => go('#/')} />;
  if (me.isPending) return <div className="center-page">{t('sops.loading')}</div>;
  if (me.error || !me.data) {
    return (
      <>
        {me.error && <div className="banner error">{t('auth.serverDown')}</div>}
        <LoginForm
          onLocal={() => go('#/local')}
          onLogin={async (username, password) => {
            await api.auth.login.mutate({ username, password });
            await queryClient.invalidateQueries({ queryKey: ['auth.me'] });
          }}
        />
      </>
    );
  }
  const isAdmin = me.data.permissions.includes('admin');
  if (route.kind === 'list')
    return (
      <SopList
        api={api}
        onOpen={(id) => go(`#/sop/${encodeURIComponent(id)}`)}
        onLogout={async () => {
          await api.auth.logout.mutate();
          await queryClient.invalidateQueries({ queryKey: ['auth.me'] });
        }}
      />
    );
  return (
    <ServerEditor
      key={route.sopId}
      api={api}
      sopId={route.sopId}
      isAdmin={isAdmin}
      importReport={importReports[route.sopId] ?? null}
      onBack={() => go('#/')}
      onImport={async (input) => {
        const r = await api.sop.import.mutate(input).catch((err: unknown) => {
          throw new Error(readApiError(err).message.id);
        });
        const first = r.results[0]!;
        // An Alur JSON export keeps its own drawing; tables and other tools' files are laid out.
        const document =
          input.format === 'json'
            ? first.document
            : applyCommand(first.document, layoutDocument(first.document));
        const created = await api.sop.create.mutate({ name: first.report.name || 'SOP impor', document });
        setImportReports((m) => ({ ...m, [created.sopId]: first.report }));
        go(`#/sop/${encodeURIComponent(created.sopId)}`);
      }}
    />
  );
}

function useOpenedDraft(repo: DraftRepository, sopId: string) {
  const [state, setState] = useState<{ draft?: OpenedDraft; error?: string }>({});
  useEffect(() => {
    let live = true;
    openDraft(repo, window.localStorage, sopId).then(
      (draft) => live && setState({ draft }),
      (err: unknown) => live && setState({ error: readApiError(err).message.id }),
    );
    return () => {
      live = false;
    };
  }, [repo, sopId]);
  return state;
}

function ServerEditor(props: {
  api: ApiClient;
  sopId: string;
  isAdmin: boolean;
  importReport: ImportReport | null;
  onBack: () => void;
  onImport: (input: ImportInput) => Promise<void>;
}) {
  const { t } = useTranslation();
  const repo = useMemo(() => createTrpcDraftRepository(props.api), [props.api]);
  const { draft, error } = useOpenedDraft(repo, props.sopId);
  // Lanes bind to the agency's own positions; a failed load leaves keys shown as they are.
  const positions = useQuery({
    queryKey: ['admin.positions.list'],
    queryFn: () => props.api.admin.positions.list.query(),
    staleTime: 60_000,
  });
  const catalogue = useMemo(() => toCatalogue(positions.data ?? []), [positions.data]);
  if (error) return <div className="center-page field-error">{t('error.generic', { message: error })}</div>;
  if (!draft || positions.isPending) return <div className="center-page">{t('sops.loading')}</div>;
  return (
    <Editor
      sopId={props.sopId}
      catalogue={catalogue}
      document={draft.document}
      baseRevision={draft.baseRevision}
      restored={draft.restored}
      repo={repo}
      api={props.api}
      isAdmin={props.isAdmin}
      importReport={props.importReport}
      onImport={props.onImport}
      onBack={props.onBack}
    />
  );
}

function LocalEditor({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation();
  const repo = useMemo(() => createBrowserDraftRepository(window.localStorage, createSampleDocument), []);
  const { draft, error } = useOpenedDraft(repo, 'local');
  if (error) return <div className="center-page field-error">{error}</div>;
  if (!draft) return <div className="center-page">{t('sops.loading')}</div>;
  return (
    <Editor
      sopId="local"
      document={draft.document}
      baseRevision={draft.baseRevision}
      restored={draft.restored}
      repo={repo}
      api={null}
      isAdmin={false}
      onBack={onBack}
    />
  );
}
