import { beforeEach, describe, expect, it, vi } from 'vitest';

const app = {
  requestSingleInstanceLock: vi.fn(),
  quit: vi.fn(),
  on: vi.fn(),
  whenReady: vi.fn(() => new Promise(() => undefined)),
  enableSandbox: vi.fn(),
};

vi.mock('electron', () => ({
  app,
  BrowserWindow: vi.fn(),
  session: {},
  shell: { openExternal: vi.fn() },
  dialog: {},
  ipcMain: { handle: vi.fn() },
}));

beforeEach(() => {
  vi.resetModules();
  for (const fn of Object.values(app)) fn.mockClear();
});

describe('app lifecycle', () => {
  it('quits at once when another instance holds the lock', async () => {
    app.requestSingleInstanceLock.mockReturnValue(false);
    await import('./index');
    expect(app.quit).toHaveBeenCalled();
    expect(app.whenReady).not.toHaveBeenCalled();
  });

  it('keeps the lock, focuses on a second launch, sandboxes every renderer', async () => {
    app.requestSingleInstanceLock.mockReturnValue(true);
    await import('./index');
    expect(app.enableSandbox).toHaveBeenCalled();
    expect(app.quit).not.toHaveBeenCalled();
    expect(app.on).toHaveBeenCalledWith('second-instance', expect.any(Function));
    expect(app.whenReady).toHaveBeenCalled();
  });
});
