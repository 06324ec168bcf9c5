import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiClient, useTRPC } from '../api/client.ts';
import type { ImportReportView } from '../panels/import-report-view.ts';
import { prefetchDraft } from '../persistence/draft-prefetch.ts';
import { LoginForm } from './LoginForm.tsx';
import { POSITIONS_STALE_MS } from './positions.ts';
import { SopList } from './SopList.tsx';

// The editor (React Flow, the schema, the commands) loads only once an SOP is opened, so the
// login page and the SOP list start small.
type EditorRoutes = typeof import('./EditorRoutes.tsx');
let editorRoutes: EditorRoutes | null = null;
const loadEditorRoutes = () =>
  import('./EditorRoutes.tsx').then((m) => {
    editorRoutes = m;
    return m;
  });

/**
 * The editor's module once it has loaded (`null` until then; an error if it could not be).
 * Rendered as it is rather than through `lazy` and `<Suspense>`: React reveals content that
 * replaces a Suspense fallback no sooner than 300 ms after the fallback appeared (its fallback
 * throttle), which held an SOP's opening idle for a quarter of a second (BENCHMARKS.md).
 */
function useEditorRoutes(wanted: boolean): EditorRoutes | null | Error {
  const [loaded, setLoaded] = useState<EditorRoutes | null | Error>(editorRoutes);
  useEffect(() => {
    if (loaded || !wanted) return;
    let live = true;
    loadEditorRoutes().then(
      (m) => live && setLoaded(m),
      (err: unknown) => live && setLoaded(err instanceof Error ? err : new Error(String(err))),
    );
    return () => {
      live = false;
    };
  }, [loaded, wanted]);
  return loaded;
}

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
  const trpc = useTRPC();
  const me = useQuery({ ...trpc.auth.me.queryOptions(), retry: 1, enabled: route.kind !== 'local' });
  // Opened on an SOP's address: the editor's code, the draft and the positions are fetched beside
  // the session check, not one after another (see draft-prefetch.ts).
  useEffect(() => {
    const first = readRoute();
    if (first.kind !== 'sop') return;
    void loadEditorRoutes();
    prefetchDraft(api, first.sopId);
    void queryClient.prefetchQuery({
      ...trpc.admin.positions.list.queryOptions(),
      staleTime: POSITIONS_STALE_MS,
    });
  }, [api, queryClient, trpc]);
  const [importReports, setImportReports] = useState<Record<string, ImportReportView>>({});

  const editor = useEditorRoutes(route.kind !== 'list');

  const loading = <div className="center-page">{t('sops.loading')}</div>;
  const failed = editor instanceof Error && (
    <div className="center-page field-error">{t('error.generic', { message: editor.message })}</div>
  );
  if (route.kind === 'local') {
    if (!editor || editor instanceof Error) return failed || loading;
    return <editor.LocalEditor onBack={() => go('#/')} />;
  }
  if (me.isPending) return loading;
  if (me.error || !me.data) {
    return (
      <>
        {me.error && <div className="banner error">{t('auth.serverDown')}</div>}
        <LoginForm
          onLocal={() => go('#/local')}
          onLogin={async (username, password) => {
            await api.auth.login.mutate({ username, password });
            await queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() });
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
          await queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() });
        }}
      />
    );
  if (!editor || editor instanceof Error) return failed || loading;
  return (
    <editor.ServerEditor
      key={route.sopId}
      api={api}
      timeZone={me.data.agency.timeZone}
      sopId={route.sopId}
      isAdmin={isAdmin}
      importReport={importReports[route.sopId] ?? null}
      onBack={() => go('#/')}
      onImported={(sopId, report) => {
        setImportReports((m) => ({ ...m, [sopId]: report }));
        go(`#/sop/${encodeURIComponent(sopId)}`);
      }}
    />
  );
}
