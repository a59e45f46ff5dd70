import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('./client', import.meta.url));
const apiPort = process.env.PORT ?? '3000';

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/client', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
    // The public page of a publication is rendered by the server; its in-browser verifier is a
    // second entry, found through the manifest.
    manifest: true,
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('./client/index.html', import.meta.url)),
        verify: fileURLToPath(new URL('./client/publish/verifyPage.ts', import.meta.url)),
      },
    },
  },
  server: {
    // `npm run dev`: Vite serves the client with hot reload; the Accord server answers the rest.
    proxy: {
      '/api': `http://localhost:${apiPort}`,
      '/collab': { target: `ws://localhost:${apiPort}`, ws: true },
      '/p/': `http://localhost:${apiPort}`,
    },
  },
});
