import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { CONTENT_SECURITY_POLICY } from './electron/main/csp';

/**
 * Builds main (ESM), the preload (CommonJS with every dependency bundled in: sandboxed preloads
 * can neither be ES modules nor require packages) and the renderer, whose index.html gets the CSP
 * meta tag from the same constant main sends as a header. The preload bundles channel names only
 * (shared/contract/channels.ts), never the schemas; the renderer splits the audit into its own chunk.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          'sandbox-host': resolve(__dirname, 'electron/sandbox/host-entry.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [
      react(),
      {
        name: 'stowage-csp',
        apply: 'build',
        transformIndexHtml: (html: string) =>
          html.replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`),
      },
    ],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // electron-vite leaves the renderer unminified by default; the first screen parses less this way.
      minify: true,
      rolldownOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
});
