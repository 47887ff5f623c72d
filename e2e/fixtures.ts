import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { startSandbox, type FaultConfig, type RunningSandbox } from '../electron/sandbox';
import { PROVIDERS, type ProviderKind } from '../shared/models/providers';
import { startHarness, type Harness } from './harness/host';

const here = dirname(fileURLToPath(import.meta.url));

/** The test data folder (small real files: an image, a PDF, JSON, CSV, text, a folder). */
export const FIXTURES = join(here, 'fixtures');
/** Absolute path of a file under e2e/fixtures. */
export const fixture = (...parts: string[]) => join(FIXTURES, ...parts);

/** The key the "remote" sandbox accepts; tests look for it everywhere it must never appear. */
export const REMOTE_KEY = 'sk-e2e-7f3a9c1d5b8e2f4a6c0d9b1e3f5a7c9d';

/** A second sandbox standing in for a real provider account: known key, seedable, faultable. */
export interface Remote {
  sandbox: RunningSandbox;
  /** Adds n small files (`seed-000001.txt`…) in one dialect (VLM Run by default), purposes taken in turn. */
  seed(count: number, purposes?: string[], dialect?: 'vlmrun' | 'openai' | 'llamacloud'): Promise<void>;
  faults(config: FaultConfig): void;
}

/**
 * Every spec gets its own harness (fresh data folder, its own Local sandbox) and a page opened on
 * it; `remote` starts only for the specs that ask for it.
 */
export const test = base.extend<{ harness: Harness; remote: Remote }>({
  harness: async ({}, use) => {
    const harness = await startHarness();
    await use(harness);
    await harness.close();
  },
  remote: async ({}, use) => {
    const sandbox = await startSandbox({ apiKeys: [REMOTE_KEY] });
    await use({
      sandbox,
      async seed(count, purposes = ['assistants'], dialect = 'vlmrun') {
        const res = await fetch(`${sandbox.urls[dialect]}/_sandbox/seed`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${REMOTE_KEY}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ count, purposes }),
        });
        if (!res.ok) throw new Error(`seeding failed: ${res.status}`);
      },
      faults: (config) => sandbox.setFaults(config),
    });
    await sandbox.close();
  },
  page: async ({ page, harness }, use) => {
    await page.goto(harness.url);
    await use(page);
  },
});

export { expect };

/**
 * Runs axe on what is on screen and fails on any serious or critical violation, listing them in
 * plain words so the failure says what to fix.
 */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(summary, `accessibility problems on ${screen}`).toEqual([]);
}

/** Saves a screenshot of a screen under test-results/screens/, one file per screen name. */
export async function snap(page: Page, name: string): Promise<void> {
  const dir = resolve(here, '../test-results/screens');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
}

/**
 * Drops files (or folders) from disk onto the window the way a file manager would: builds a
 * DataTransfer in the page, tells the harness which disk path each File stands for (Electron's
 * webUtils.getPathForFile does this in the app) and fires dragenter/dragover/drop.
 */
export async function dropPaths(page: Page, paths: string[], extra: { name: string; text: string }[] = []): Promise<void> {
  const items = paths.map((p) => ({ path: p, name: p.split('/').pop() ?? p }));
  const target = page.locator('.drop-root');
  const transfer = await page.evaluateHandle(
    ({ items: list, extras }) => {
      const dt = new DataTransfer();
      const registry = (window as unknown as { __harness: { registerFile(f: Blob, p: string): void } }).__harness;
      for (const item of list) {
        const file = new File([], item.name);
        registry.registerFile(file, item.path);
        dt.items.add(file);
      }
      for (const e of extras) dt.items.add(new File([e.text], e.name, { type: 'text/plain' }));
      return dt;
    },
    { items, extras: extra },
  );
  await target.dispatchEvent('dragenter', { dataTransfer: transfer });
  await target.dispatchEvent('dragover', { dataTransfer: transfer });
  await target.dispatchEvent('drop', { dataTransfer: transfer });
}

/** Picks files through "Add files…" with the harness's scripted native dialog. */
export async function pickFiles(page: Page, harness: Harness, paths: string[]): Promise<void> {
  harness.platform.queuePick(paths);
  await page.getByRole('button', { name: 'Add files…' }).click();
}

/** Uploads files into the active workspace through the real pipeline and waits until all are stored. */
export async function uploadAll(page: Page, harness: Harness, paths: string[]): Promise<void> {
  await pickFiles(page, harness, paths);
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: /^Upload \d+ files?$/ }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('region', { name: 'Uploads' }).getByRole('status')).toContainText(`${paths.length} uploaded`);
}

/**
 * Connects the app to the remote sandbox as a VLM Run workspace and makes it active, through the
 * same contract calls the settings screen makes (the settings spec does this through the form).
 */
export async function connectRemote(page: Page, remote: Remote, name = 'Acme production', provider: ProviderKind = 'vlmrun'): Promise<void> {
  await page.evaluate(
    async ({ baseUrl, key, wsName, kind }) => {
      const api = window.api as unknown as Record<string, (input: unknown) => Promise<{ ok: boolean; value: { id: string } }>>;
      const saved = await api.workspacesSave!({ name: wsName, provider: kind, baseUrl, apiKey: key, keyStorage: 'session' });
      await api.workspacesActivate!({ id: saved.value.id });
    },
    { baseUrl: remote.sandbox.urls[PROVIDERS[provider].dialect], key: REMOTE_KEY, wsName: name, kind: provider },
  );
  await page.reload();
  await expect(page.getByLabel('Workspace', { exact: true })).toHaveValue(/.+/);
  await expect(page.getByRole('combobox', { name: 'Workspace' }).locator('option:checked')).toHaveText(name);
}

/** Sets (or with `{}` clears) the faults of the app's own Local sandbox through its admin surface. */
export async function localFaults(harness: Harness, config: FaultConfig): Promise<void> {
  const admin = await harness.sandboxAdmin();
  const res = await fetch(`${admin.url}/faults`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${admin.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(config),
  });
  if (!res.ok) throw new Error(`setting faults failed: ${res.status}`);
}

/** Drags a file over the window without dropping it (for the full-window drop target), then away. */
export async function dragOverAndLeave(page: Page, whileOver: () => Promise<void>): Promise<void> {
  const target = page.locator('.drop-root');
  const transfer = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['x'], 'report.pdf', { type: 'application/pdf' }));
    return dt;
  });
  await target.dispatchEvent('dragenter', { dataTransfer: transfer });
  await target.dispatchEvent('dragover', { dataTransfer: transfer });
  await whileOver();
  await target.dispatchEvent('dragleave', { dataTransfer: transfer });
}
