import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../api/trpc.ts';
import { changeLanguage, LANGUAGES, type Language } from '../i18n/index.ts';
import { ErrorMessage } from './feedback.tsx';

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() }),
    }),
  );
  // Only a server in demo mode answers with accounts; a real installation names none.
  const demo = useQuery(trpc.auth.demoAccounts.queryOptions(undefined, { staleTime: Infinity }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate({ username, password });
  };
  return (
    <main className="login-page" id="main">
      <form className="card login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">{t('login.title')}</h1>
        <p className="muted">{t('login.intro')}</p>
        <label className="field">
          <span>{t('login.username')}</span>
          <input
            name="username"
            autoComplete="username"
            data-testid="login-username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
          />
        </label>
        <label className="field">
          <span>{t('login.password')}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            data-testid="login-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {login.error && <ErrorMessage error={login.error} />}
        <button
          type="submit"
          className="btn btn-primary"
          data-testid="login-submit"
          disabled={login.isPending}
        >
          {login.isPending ? t('login.submitting') : t('login.submit')}
        </button>
        {demo.data && (
          <section className="demo-accounts" aria-labelledby="demo-title" data-testid="demo-accounts">
            <h2 id="demo-title">{t('login.demoTitle')}</h2>
            <p className="muted">{t('login.demoIntro', { password: demo.data.password })}</p>
            <ul>
              {demo.data.accounts.map((a) => (
                <li key={a.username}>
                  <button
                    type="button"
                    className="btn btn-quiet"
                    onClick={() => {
                      setUsername(a.username);
                      setPassword(demo.data!.password);
                    }}
                  >
                    <strong>{a.username}</strong> <span className="muted">{a.displayName}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
        <fieldset className="lang-switch">
          <legend className="sr-only">{t('nav.language')}</legend>
          {LANGUAGES.map((l) => (
            <button
              key={l}
              type="button"
              className="btn btn-quiet"
              aria-pressed={i18n.language === l}
              onClick={() => changeLanguage(l as Language)}
            >
              {l === 'id' ? 'Bahasa Indonesia' : 'English'}
            </button>
          ))}
        </fieldset>
      </form>
    </main>
  );
}
