/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the Alur server at /; the dev server proxies the API (and its SSE stream) to it.
// The server's CSRF check compares Origin with the (forwarded) host, so the proxy passes the
// browser's host on as x-forwarded-host.
export default defineConfig({
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  server: {
    proxy: {
      '/api': {
        target: process.env.ALUR_API_URL ?? 'http://localhost:3000',
        configure: (proxy) => {
          proxy.on('proxyReq', (proxyReq, req) => {
            if (req.headers.host) proxyReq.setHeader('x-forwarded-host', req.headers.host);
          });
        },
      },
    },
  },
  test: { environment: 'node', include: ['src/**/*.test.ts'] },
});
