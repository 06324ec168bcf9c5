/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { bootPlugin } from './boot-html.ts';

// Served by the Alur server under /designer/; the dev server proxies the API to it.
export default defineConfig({
  base: '/designer/',
  // bootPlugin: a page opened on an SOP asks for it, and for the editor's code, from index.html.
  plugins: [react(), bootPlugin(process.env.VITE_ALUR_API_URL ?? '/api/trpc')],
  // The validation worker (src/panels/validation.worker.ts) is an ES module like the page.
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: {
      output: {
        // React Flow (with its d3 helpers) is the editor's heaviest part: its own chunk, loaded
        // with the editor; React in another, so an app update does not re-download either.
        // A group also takes the dependencies of what it captures, so React goes first: otherwise
        // the react-flow chunk would swallow React and load on the login page.
        codeSplitting: {
          groups: [
            { name: 'react-flow', test: /node_modules[\\/](@xyflow|d3-[a-z-]+|classcat)[\\/]/, priority: 10 },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 20 },
          ],
        },
      },
    },
  },
  server: {
    // The Host header is kept (no changeOrigin): the server's CSRF check compares it with Origin.
    proxy: { '/api': { target: process.env.ALUR_API_URL ?? 'http://127.0.0.1:3000' } },
  },
  test: { environment: 'node', include: ['src/**/*.test.ts'] },
});
