import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../api/trpc.ts';
import { changeLanguage, LANGUAGES, type Language } from '../i18n/index.ts';
import { canDesign } from '../lib/landing.ts';
import { usePositionName } from './positions.ts';
import { Link, useLocation } from './router.tsx';
import { hasPermission, useMe } from './session.tsx';

/** Header: agency, navigation by permission, unread notifications, user, language, sign-out. */
export function Header() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const trpc = useTRPC();
  const { path } = useLocation();
  const positionName = usePositionName();
  const unread = useQuery(trpc.notification.unreadCount.queryOptions(undefined, { refetchInterval: 60_000 }));
  // A full reload after signing out drops every cached answer and the live stream of this user.
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({ onSettled: () => window.location.replace('/') }),
  );
  const links = [
    { to: '/', label: t('nav.inbox'), show: true, id: 'inbox' },
    { to: '/start', label: t('nav.start'), show: hasPermission(me, 'staff', 'admin'), id: 'start' },
    { to: '/cases', label: t('nav.cases'), show: true, id: 'cases' },
    {
      to: '/evaluation',
      label: t('nav.evaluation'),
      show: hasPermission(me, 'leader', 'admin'),
      id: 'evaluation',
    },
    {
      to: '/letters',
      label: t('nav.letters'),
      show: hasPermission(me, 'leader', 'admin'),
      id: 'letters',
    },
    { to: '/admin', label: t('nav.admin'), show: hasPermission(me, 'admin'), id: 'admin' },
  ];
  const isActive = (to: string) =>
    to === '/' ? path === '/' || path.startsWith('/tasks') : path.startsWith(to);
  const count = unread.data?.count ?? 0;
  return (
    <header className="app-header">
      <div className="header-top">
        <Link to="/" className="brand">
          {t('app.name')}
          <span className="agency" data-testid="agency-name">
            {me.agency.name}
          </span>
        </Link>
        <div className="header-user">
          <Link
            to="/notifications"
            className="bell"
            data-testid="notifications-link"
            aria-label={`${t('nav.notifications')}${count ? ` — ${t('nav.unread', { count })}` : ''}`}
          >
            <svg
              aria-hidden="true"
              width="22"
              height="22"
              viewBox="0 0 24 24"
              fill="none"
              stroke="currentColor"
              strokeWidth="2"
            >
              <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
              <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
            </svg>
            {count > 0 && (
              <span className="badge" data-testid="unread-count">
                {count > 99 ? '99+' : count}
              </span>
            )}
          </Link>
          <div className="user-box">
            <span className="user-name" data-testid="user-name">
              {me.displayName}
            </span>
            <span className="user-positions" data-testid="user-positions">
              {me.positions.map(positionName).join(', ') ||
                me.permissions.map((p) => t(`admin.perm_${p}`)).join(', ')}
            </span>
          </div>
          <label className="sr-only" htmlFor="lang-select">
            {t('nav.language')}
          </label>
          <select
            id="lang-select"
            data-testid="language-select"
            value={i18n.language}
            onChange={(e) => changeLanguage(e.target.value as Language)}
          >
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {l.toUpperCase()}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn btn-quiet"
            data-testid="logout"
            disabled={logout.isPending}
            onClick={() => logout.mutate()}
          >
            {t('nav.logout')}
          </button>
        </div>
      </div>
      <nav aria-label={t('nav.main')} className="main-nav">
        {links
          .filter((l) => l.show)
          .map((l) => (
            <Link
              key={l.to}
              to={l.to}
              data-testid={`nav-${l.id}`}
              aria-current={isActive(l.to) ? 'page' : undefined}
            >
              {l.label}
            </Link>
          ))}
        {canDesign(me) && (
          <a href="/designer/" className="nav-designer" data-testid="nav-designer">
            {t('nav.designer')}
          </a>
        )}
      </nav>
    </header>
  );
}
