/**
 * A recording stand-in for the `electron` module, for the boot test of the built app
 * (electron/main/boot.test.ts). It does what Electron would do at the edges the app touches,
 * records what the app asked for, and writes the record to STOWAGE_BOOT_REPORT when the app quits:
 * windows and their options, the URL loaded, the IPC channels registered, the utility processes
 * forked (really forked, with Node, so the sandbox host actually starts) and their messages.
 */
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';

const record = { windows: [], loaded: [], channels: [], forks: [], quitRequests: 0, events: [] };
globalThis.__stowageBoot = record;
const handlers = new Map();
const appEvents = new EventEmitter();
let readyResolve;
const ready = new Promise((resolve) => (readyResolve = resolve));

function writeReport() {
  writeFileSync(process.env.STOWAGE_BOOT_REPORT, JSON.stringify(record, null, 2));
}

export const app = {
  enableSandbox: () => record.events.push('enableSandbox'),
  requestSingleInstanceLock: () => true,
  isPackaged: false,
  getName: () => 'Stowage',
  getVersion: () => '0.0.0-boot',
  getPath: (name) => {
    const dir = `${process.env.STOWAGE_BOOT_USERDATA}/${name === 'userData' ? '' : name}`;
    mkdirSync(dir, { recursive: true });
    return dir.replace(/\/$/, '');
  },
  on: (event, listener) => appEvents.on(event, listener),
  whenReady: () => ready,
  quit: () => {
    record.quitRequests += 1;
    let prevented = false;
    appEvents.emit('will-quit', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    record.events.push('quit');
    writeReport();
    setImmediate(() => process.exit(0));
  },
};

class WebContents extends EventEmitter {
  constructor() {
    super();
    this.sent = [];
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
  send(channel) {
    this.sent.push(channel);
  }
  getURL() {
    return record.loaded.at(-1) ?? '';
  }
}

export class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.webContents = new WebContents();
    record.windows.push({ options });
    appEvents.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url) {
    record.loaded.push(url);
    return Promise.resolve();
  }
  loadFile(path) {
    record.loaded.push(`file://${path}`);
    return Promise.resolve();
  }
  show() {}
  isMinimized() {
    return false;
  }
}

export const session = {
  defaultSession: {
    setPermissionRequestHandler: () => record.events.push('permissionRequestHandler'),
    setPermissionCheckHandler: () => record.events.push('permissionCheckHandler'),
    webRequest: { onHeadersReceived: () => record.events.push('cspHeader') },
  },
};

export const ipcMain = {
  handle: (channel, handler) => {
    record.channels.push(channel);
    handlers.set(channel, handler);
  },
};

export const dialog = { showOpenDialog: async () => ({ canceled: true, filePaths: [] }), showSaveDialog: async () => ({ canceled: true }) };
export const shell = { openExternal: async () => undefined };
export const contextBridge = { exposeInMainWorld: () => undefined };
export const ipcRenderer = {};
export const webUtils = {};

/** Electron's utilityProcess, played by a Node child process with an IPC channel. */
export const utilityProcess = {
  fork: (modulePath, args = [], options = {}) => {
    const entry = { modulePath, serviceName: options.serviceName ?? null, messages: [], exitCode: undefined };
    record.forks.push(entry);
    const child = fork(modulePath, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const emitter = new EventEmitter();
    child.on('message', (message) => {
      entry.messages.push(message?.type ?? 'unknown');
      emitter.emit('message', message);
    });
    child.on('exit', (code, signal) => {
      entry.exitCode = code ?? signal;
      emitter.emit('exit', code ?? 1);
    });
    return Object.assign(emitter, {
      get pid() {
        return child.exitCode === null && child.signalCode === null ? child.pid : undefined;
      },
      postMessage: (message) => child.send(message),
      kill: () => child.kill(),
    });
  },
};

/**
 * The boot test's script, run once the app has started: call one registered channel the way the
 * window would (from the app's own main frame), wait for the sandbox host to answer, then quit.
 */
async function drive() {
  const deadline = (test) =>
    new Promise((resolve) => {
      const tick = () => (test() ? resolve() : setTimeout(tick, 20));
      tick();
    });
  await deadline(() => record.windows.length > 0 && record.channels.length > 0 && record.loaded.length > 0);
  const frame = { url: record.loaded.at(-1), parent: null };
  const list = await handlers.get('workspaces:list')({ senderFrame: frame }, undefined);
  record.workspacesList = list;
  const foreign = await handlers.get('workspaces:list')({ senderFrame: { url: 'https://example.com/', parent: null } }, undefined);
  record.foreignCall = foreign;
  await deadline(() => record.forks.some((f) => f.messages.includes('ready')));
  const files = await handlers.get('files:list')({ senderFrame: frame }, { workspaceId: 'local-sandbox', pageSize: 25, page: { kind: 'offset', index: 0 } });
  record.filesList = { ok: files.ok, count: files.ok ? files.value.files.length : null, error: files.ok ? null : files.error };
  app.quit();
}

ready.then(() => setImmediate(() => void drive().catch((error) => {
  record.driveError = String(error?.stack ?? error);
  writeReport();
  process.exit(3);
})));
setImmediate(() => readyResolve());
