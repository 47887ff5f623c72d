// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/**
 * Lint rules that make the architecture's boundaries real (see README, "Architecture notes"):
 * only main/ and preload/ may import Electron; raw IPC lives in main/ipc and preload;
 * shared/ is pure (no Node modules, no DOM); the renderer never imports Node or Electron.
 */
const NODE_BUILTINS = ['fs', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'stream', 'url', 'worker_threads', 'util', 'events', 'buffer', 'zlib'];
const noElectron = { name: 'electron', message: 'Only electron/main and electron/preload may import Electron. Pass what you need in as a plain interface (a port).' };
const noNode = [
  { group: ['node:*'], message: 'shared/ and renderer/ run everywhere: no Node modules here.' },
  ...NODE_BUILTINS.map((name) => ({ group: [name, `${name}/*`], message: 'shared/ and renderer/ run everywhere: no Node modules here.' })),
];
const noRawIpc = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message: 'Raw ipcMain/ipcRenderer only in electron/main/ipc and electron/preload: add a channel to the contract instead.',
};
const DOM_GLOBALS = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'HTMLElement', 'File', 'FileReader'].map((name) => ({
  name,
  message: 'shared/ is used by main and the renderer alike: no DOM here.',
}));

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty-pattern': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'e2e/harness/bridge/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['electron/main/**/*.ts'],
    ignores: ['electron/main/ipc/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noRawIpc] }] },
  },
  {
    files: ['electron/app/**/*.ts', 'electron/lib/**/*.ts', 'electron/services/**/*.ts', 'electron/sandbox/**/*.ts', 'test/**/*.ts', 'e2e/**/*.ts', 'bench/**/*.ts'],
    ignores: ['e2e/electron.spec.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron] }] },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: noNode }],
      'no-restricted-globals': ['error', ...DOM_GLOBALS, { name: 'process', message: 'shared/ must not read the Node process.' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron], patterns: noNode }] },
  },
);
