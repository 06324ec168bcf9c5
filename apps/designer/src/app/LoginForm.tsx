import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Sign-in form for `auth.login`; the server sets the session cookie. */
export function LoginForm(props: {
  onLogin: (username: string, password: string) => Promise<void>;
  onLocal: () => void;
}) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div className="center-page">
      <form
        className="card"
        data-testid="login-form"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            await props.onLogin(username, password);
          } catch {
            setError(t('auth.failed'));
          } finally {
            setBusy(false);
          }
        }}
      >
        <h1>{t('app.title')}</h1>
        <h2>{t('auth.title')}</h2>
        <label>
          {t('auth.username')}
          <input
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
          />
        </label>
        <label>
          {t('auth.password')}
          <input
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t('auth.submit')}
        </button>
        <button type="button" className="link" onClick={props.onLocal}>
          {t('app.local')}
        </button>
      </form>
    </div>
  );
}
