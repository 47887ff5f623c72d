import type { z } from 'zod';
import type { InvokeDef, Result } from '../ipc/define';
import type { EventMethodName, MethodName } from '../ipc/names';
import { EVENT_CHANNEL_NAMES, INVOKE_CHANNEL_NAMES, PRELOAD_CHANNEL_NAMES } from './channels';
import { appChannels } from './app';
import { auditAllChannels, auditAllEvents } from './audit-all';
import { fileChannels, fileEvents } from './files';
import { historyChannels } from './history';
import { preloadChannels, type PathGrant } from './grants';
import { inventoryChannels, inventoryEvents } from './inventory';
import { reportChannels } from './report';
import { sandboxEvents } from './sandbox';
import { uploadChannels, uploadEvents } from './uploads';
import { workspaceChannels } from './workspaces';

/**
 * The one IPC contract: every request channel and every push event, declared once. Main, the
 * preload, the harness bridge and the renderer all derive their types and names from here.
 */
export const invokeChannels = {
  ...appChannels,
  ...workspaceChannels,
  ...fileChannels,
  ...uploadChannels,
  ...inventoryChannels,
  ...auditAllChannels,
  ...reportChannels,
  ...historyChannels,
} as const satisfies Record<string, InvokeDef>;

/**
 * Every channel main answers: the window's, plus the ones only the preload calls (never exposed
 * on `window.api`; see grants.ts for why the preload is the boundary there).
 */
export const handledChannels = {
  ...invokeChannels,
  ...preloadChannels,
} as const satisfies Record<string, InvokeDef>;

/** Events main pushes to the window; nothing else is ever sent unprompted. */
export const eventChannels = {
  ...fileEvents,
  ...uploadEvents,
  ...inventoryEvents,
  ...auditAllEvents,
  ...sandboxEvents,
} as const satisfies Record<string, z.ZodType>;

/** A channel the window may call through `window.api`. */
export type InvokeChannel = keyof typeof invokeChannels;
/** A channel main answers (the window's and the preload's own). */
export type HandledChannel = keyof typeof handledChannels;
export type EventChannel = keyof typeof eventChannels;

/** What the caller passes (before zod defaults apply). */
export type Input<C extends HandledChannel> = z.input<(typeof handledChannels)[C]['input']>;
/** What the handler receives (after zod parsing and defaults). */
export type ParsedInput<C extends HandledChannel> = z.output<(typeof handledChannels)[C]['input']>;
export type Output<C extends HandledChannel> = z.output<(typeof handledChannels)[C]['output']>;
export type EventPayload<E extends EventChannel> = z.output<(typeof eventChannels)[E]>;

type Call<C extends InvokeChannel> = undefined extends Input<C>
  ? (input?: Input<C>) => Promise<Result<Output<C>>>
  : (input: Input<C>) => Promise<Result<Output<C>>>;

/**
 * The shape of `window.api`: one named method per window channel, one `on…` per event (returning
 * its unsubscribe), and the drop helper that turns a dropped File into a grant.
 */
export type StowageApi = { [C in InvokeChannel as MethodName<C>]: Call<C> } & {
  [E in EventChannel as EventMethodName<E>]: (listener: (payload: EventPayload<E>) => void) => () => void;
} & {
  /**
   * Registers a dropped file or folder with main and answers its grant (null when the item has no
   * file on disk behind it, e.g. text dragged from a web page). The preload reads the path with
   * Electron's webUtils.getPathForFile and sends it itself: the page never sees or sends a path.
   */
  grantDroppedFile(file: Blob): Promise<Result<PathGrant | null>>;
};

/** Both directions of "the same set": a channel missing from either list fails the typecheck. */
type SameSet<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const invokeNamesMatch: SameSet<InvokeChannel, (typeof INVOKE_CHANNEL_NAMES)[number]> = true;
const preloadNamesMatch: SameSet<keyof typeof preloadChannels, (typeof PRELOAD_CHANNEL_NAMES)[number]> = true;
const eventNamesMatch: SameSet<EventChannel, (typeof EVENT_CHANNEL_NAMES)[number]> = true;
void invokeNamesMatch;
void preloadNamesMatch;
void eventNamesMatch;

/** The window's channels: what the preload exposes on `window.api`. */
export const INVOKE_CHANNELS: readonly InvokeChannel[] = INVOKE_CHANNEL_NAMES;
/** Every channel main registers (the window's and the preload's own). */
export const HANDLED_CHANNELS: readonly HandledChannel[] = [...INVOKE_CHANNEL_NAMES, ...PRELOAD_CHANNEL_NAMES];
export const EVENT_CHANNELS: readonly EventChannel[] = EVENT_CHANNEL_NAMES;
