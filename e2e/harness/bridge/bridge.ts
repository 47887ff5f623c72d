/**
 * Browser side of the harness: implements window.api over a loopback WebSocket so the production
 * renderer bundle runs unchanged in Chromium. Transport only: every call goes to the host, which
 * runs the same handler table as Electron's main process. The socket URL carries the token the
 * host injected into this script's URL, so no other page can open it.
 */
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../../shared/contract';
import { eventMethodName, methodName } from '../../../shared/ipc/define';

type Pending = { resolve: (value: unknown) => void };
type Message =
  | { type: 'result'; id: number; result: unknown }
  | { type: 'event'; channel: string; payload: unknown };

/** The host puts this run's token on the script's own URL; the socket is refused without it. */
const token = new URL((document.currentScript as HTMLScriptElement | null)?.src ?? location.href).searchParams.get('token') ?? '';
const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/__harness/ws?token=${encodeURIComponent(token)}`);
const opened = new Promise<void>((resolve) => socket.addEventListener('open', () => resolve(), { once: true }));
const pending = new Map<number, Pending>();
const listeners = new Map<string, Set<(payload: unknown) => void>>();
let nextId = 1;

function parse(data: string): Message | undefined {
  try {
    return JSON.parse(data) as Message;
  } catch {
    return undefined;
  }
}

socket.addEventListener('message', (event: MessageEvent<string>) => {
  const message = parse(event.data);
  if (!message) return;
  if (message.type === 'result') {
    pending.get(message.id)?.resolve(message.result);
    pending.delete(message.id);
  } else {
    for (const listener of listeners.get(message.channel) ?? []) listener(message.payload);
  }
});
socket.addEventListener('close', () => {
  for (const { resolve } of pending.values()) resolve({ ok: false, error: { code: 'offline', message: 'The harness host went away.' } });
  pending.clear();
});

async function send(channel: string, input: unknown): Promise<unknown> {
  await opened;
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, { resolve });
    socket.send(JSON.stringify({ type: 'invoke', id, channel, input }));
  });
}

const api: Record<string, unknown> = {};
for (const channel of INVOKE_CHANNELS) {
  api[methodName(channel)] = (input?: unknown) => send(channel, input);
}
for (const channel of EVENT_CHANNELS) {
  api[eventMethodName(channel)] = (listener: (payload: unknown) => void) => {
    const set = listeners.get(channel) ?? new Set();
    set.add(listener);
    listeners.set(channel, set);
    return () => set.delete(listener);
  };
}

/**
 * Plays the preload's part in a drop: tests register which file on disk a dropped File stands
 * for (webUtils.getPathForFile does this in the app), and the bridge registers that path with the
 * host over `drop:register` itself, handing the page only the grant. As in Electron, the page gets
 * no method for `drop:register`. (Page script could still open its own socket to the host: the
 * harness is a test tool on loopback and never shipped; in Electron the page has no such way in.)
 */
const filePaths = new WeakMap<Blob, string>();
api.grantDroppedFile = async (file: Blob) => {
  const path = filePaths.get(file);
  if (!path) return { ok: true, value: null };
  return send('drop:register', { path });
};

Object.defineProperty(window, 'api', { value: Object.freeze(api), writable: false });
Object.defineProperty(window, '__harness', {
  value: Object.freeze({ registerFile: (file: Blob, path: string) => filePaths.set(file, path) }),
  writable: false,
});
