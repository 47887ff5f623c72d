import { beforeEach, describe, expect, it, vi } from 'vitest';

const created: { options: Record<string, unknown>; loadURL: ReturnType<typeof vi.fn> }[] = [];

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = fakeContents();
    loadURL = vi.fn(async () => undefined);
    once = vi.fn();
    show = vi.fn();
    constructor(options: Record<string, unknown>) {
      created.push({ options, loadURL: this.loadURL });
    }
  }
  return { BrowserWindow };
});

type Listener = (...args: unknown[]) => unknown;
function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: Listener | undefined;
  return {
    listeners,
    on: vi.fn((event: string, listener: Listener) => listeners.set(event, listener)),
    setWindowOpenHandler: vi.fn((handler: Listener) => {
      openHandler = handler;
    }),
    open: (url: string) => openHandler?.({ url }),
    getURL: () => INDEX,
  };
}

const { createMainWindow, hardenContents, hardenSession } = await import('./window');
const { appOrigins } = await import('./security');
const { CONTENT_SECURITY_POLICY } = await import('./csp');

const INDEX = 'file:///app/out/renderer/index.html';
const origins = appOrigins(INDEX, undefined, true);

beforeEach(() => {
  created.length = 0;
});

describe('the main window', () => {
  it('is isolated, sandboxed, without Node and with web security on', () => {
    createMainWindow('/app/out/preload/index.cjs', origins, vi.fn());
    const prefs = created[0]!.options.webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('creates the window with those options and loads the app page', () => {
    createMainWindow('/app/out/preload/index.cjs', origins, vi.fn());
    expect(created).toHaveLength(1);
    expect((created[0]!.options.webPreferences as Record<string, unknown>).sandbox).toBe(true);
    expect(created[0]!.loadURL).toHaveBeenCalledWith(INDEX);
  });
});

describe('hardenContents', () => {
  it('blocks navigation and redirects away from the app, allows the app itself', () => {
    const contents = fakeContents();
    hardenContents(contents as never, origins, vi.fn());
    for (const event of ['will-navigate', 'will-redirect']) {
      const away = { preventDefault: vi.fn() };
      contents.listeners.get(event)!(away, 'https://evil.example/');
      expect(away.preventDefault).toHaveBeenCalled();
      const home = { preventDefault: vi.fn() };
      contents.listeners.get(event)!(home, `${INDEX}#/files`);
      expect(home.preventDefault).not.toHaveBeenCalled();
    }
  });

  it('refuses <webview> and denies window.open, opening web links in the OS browser only', () => {
    const contents = fakeContents();
    const openExternal = vi.fn();
    hardenContents(contents as never, origins, openExternal);
    const attach = { preventDefault: vi.fn() };
    contents.listeners.get('will-attach-webview')!(attach);
    expect(attach.preventDefault).toHaveBeenCalled();
    expect(contents.open('https://example.com/a')).toEqual({ action: 'deny' });
    expect(contents.open('file:///etc/hosts')).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://example.com/a']]);
  });
});

describe('hardenSession', () => {
  function fakeSession() {
    const handlers: Record<string, Listener> = {};
    return {
      handlers,
      setPermissionRequestHandler: (h: Listener) => (handlers.request = h),
      setPermissionCheckHandler: (h: Listener) => (handlers.check = h),
      webRequest: { onHeadersReceived: (h: Listener) => (handlers.headers = h) },
    };
  }

  it('denies permission requests except the clipboard write from the app', () => {
    const session = fakeSession();
    hardenSession(session as never, origins);
    const answer = (permission: string, requestingUrl: string) => {
      const callback = vi.fn();
      session.handlers.request!({ getURL: () => requestingUrl }, permission, callback, { requestingUrl });
      return callback.mock.calls[0]?.[0];
    };
    expect(answer('media', INDEX)).toBe(false);
    expect(answer('notifications', INDEX)).toBe(false);
    expect(answer('clipboard-sanitized-write', INDEX)).toBe(true);
    expect(answer('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(session.handlers.check!({ getURL: () => INDEX }, 'geolocation')).toBe(false);
    expect(session.handlers.check!({ getURL: () => INDEX }, 'clipboard-sanitized-write')).toBe(true);
  });

  it('sends the CSP header with the app page and leaves other responses alone', () => {
    const session = fakeSession();
    hardenSession(session as never, origins);
    const own = vi.fn();
    session.handlers.headers!({ url: INDEX, responseHeaders: { 'X-A': ['1'] } }, own);
    expect(own).toHaveBeenCalledWith({ responseHeaders: { 'X-A': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    const foreign = vi.fn();
    session.handlers.headers!({ url: 'https://cdn.example/file.png', responseHeaders: {} }, foreign);
    expect(foreign).toHaveBeenCalledWith({});
  });
});

describe('the Content-Security-Policy', () => {
  it('allows scripts only from the app: no inline, no eval, no plugins', () => {
    const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(directives['script-src']).not.toContain("'unsafe-inline'");
  });
});
