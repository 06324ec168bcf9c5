import './styles.css';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient, TRPCProvider } from './api/client.ts';
import { App } from './app/App.tsx';
import { initI18n } from './i18n/index.ts';

initI18n();
const queryClient = new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } });
const api = createApiClient();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={api} queryClient={queryClient}>
        <App api={api} />
      </TRPCProvider>
    </QueryClientProvider>
  </StrictMode>,
);
