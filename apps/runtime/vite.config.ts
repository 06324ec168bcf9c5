/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the Alur server at /; the dev server proxies the API (and its SSE stream) to it,
// keeping the browser's Host header, which the server's CSRF check compares with Origin.
export default defineConfig({
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  server: {
    proxy: {
      '/api': {
        target: process.env.ALUR_API_URL ?? 'http://localhost:3000',
      },
      // The public tracking page is the server's, not the app's.
      '/lacak': { target: process.env.ALUR_API_URL ?? 'http://localhost:3000' },
    },
  },
  test: { environment: 'node', include: ['src/**/*.test.ts'] },
});
