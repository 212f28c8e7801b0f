// Vite builds the React renderer into dist/renderer with relative asset paths (served by Electron's file protocol or the web host).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  // manifest: the bench and test/integration/renderer-bundle.test.ts read what the page loads initially from it.
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true, target: 'chrome120', manifest: true },
});
