import { lazy, type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { CaseListPage } from '../cases/CaseListPage.tsx';
import { StartCasePage } from '../cases/StartCasePage.tsx';
import { InboxPage } from '../inbox/InboxPage.tsx';
import { matchRoute } from '../lib/hash-route.ts';
import { NotificationsPage } from '../notifications/NotificationsPage.tsx';
import { TaskPage } from '../task/TaskPage.tsx';
import { Loading } from './feedback.tsx';
import { Header } from './Header.tsx';
import { LoginPage } from './LoginPage.tsx';
import { Providers } from './providers.tsx';
import { useLocation } from './router.tsx';
import { hasPermission, SessionGate, useMe } from './session.tsx';
import { useLanding } from './useLanding.ts';
import { useLiveUpdates } from './useLiveUpdates.ts';

// Heavy screens (React Flow, charts, admin forms) load on first visit only.
const CasePage = lazy(() => import('../cases/CasePage.tsx'));
const EvaluationPage = lazy(() => import('../reports/EvaluationPage.tsx'));
const AdminPage = lazy(() => import('../admin/AdminPage.tsx'));
const LettersPage = lazy(() => import('../reports/LettersPage.tsx'));

function Message({ text }: { text: string }) {
  return (
    <main id="main" className="page" tabIndex={-1}>
      <p className="empty">{text}</p>
    </main>
  );
}

/** Picks the screen for the current hash path. */
function Routes({ live }: { live: boolean }): ReactNode {
  const { t } = useTranslation();
  const me = useMe();
  const { path } = useLocation();
  if (path === '/') return <InboxPage live={live} />;
  const task = matchRoute('/tasks/:taskId', path);
  if (task) return <TaskPage key={task.taskId} taskId={task.taskId!} />;
  if (path === '/start') return <StartCasePage />;
  if (path === '/cases') return <CaseListPage />;
  const kase = matchRoute('/cases/:caseId', path);
  if (kase) return <CasePage key={kase.caseId} caseId={kase.caseId!} />;
  if (path === '/notifications') return <NotificationsPage />;
  if (path === '/evaluation')
    return hasPermission(me, 'leader', 'admin') ? (
      <EvaluationPage />
    ) : (
      <Message text={t('common.forbidden')} />
    );
  if (path === '/letters')
    return hasPermission(me, 'leader', 'admin') ? <LettersPage /> : <Message text={t('common.forbidden')} />;
  if (path === '/admin')
    return hasPermission(me, 'admin') ? <AdminPage /> : <Message text={t('common.forbidden')} />;
  return <Message text={t('common.notFound')} />;
}

function Shell() {
  const { t } = useTranslation();
  const { live } = useLiveUpdates();
  useLanding();
  return (
    <>
      <button type="button" className="skip-link" onClick={() => document.getElementById('main')?.focus()}>
        {t('app.skip')}
      </button>
      <Header />
      <Suspense fallback={<Loading />}>
        <Routes live={live} />
      </Suspense>
    </>
  );
}

export function App() {
  return (
    <Providers>
      <SessionGate signedOut={<LoginPage />} loading={<Loading />}>
        <Shell />
      </SessionGate>
    </Providers>
  );
}
