import { useTranslation } from 'react-i18next';
import { navigate, useLocation } from '../app/router.tsx';
import { CalendarPanel } from './CalendarPanel.tsx';
import { LettersPanel } from './LettersPanel.tsx';
import { PositionsPanel } from './PositionsPanel.tsx';
import { UsersPanel } from './UsersPanel.tsx';
import { VersionsPanel } from './VersionsPanel.tsx';

const TABS = ['users', 'positions', 'calendar', 'versions', 'letters'] as const;
type Tab = (typeof TABS)[number];

/** Administration: users, positions, the working calendar, SOP versions and case migration. */
export default function AdminPage() {
  const { t } = useTranslation();
  const { query } = useLocation();
  const requested = query.get('tab');
  const tab: Tab = TABS.includes(requested as Tab) ? (requested as Tab) : 'users';
  return (
    <main id="main" className="page" tabIndex={-1}>
      <h1>{t('admin.title')}</h1>
      <div className="tabs" role="tablist" aria-label={t('admin.title')}>
        {TABS.map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            id={`tab-${k}`}
            aria-selected={tab === k}
            aria-controls={`panel-${k}`}
            data-testid={`admin-tab-${k}`}
            onClick={() => navigate('/admin', new URLSearchParams({ tab: k }), true)}
          >
            {k === 'letters' ? t('letters.tab') : t(`admin.${k}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'users' && <UsersPanel />}
        {tab === 'positions' && <PositionsPanel />}
        {tab === 'calendar' && <CalendarPanel />}
        {tab === 'versions' && <VersionsPanel />}
        {tab === 'letters' && <LettersPanel />}
      </div>
    </main>
  );
}
