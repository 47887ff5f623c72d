import type { z } from 'zod';
import type { InvokeDef, Result } from '../ipc/define';
import type { EventMethodName, MethodName } from '../ipc/names';
import { EVENT_CHANNEL_NAMES, INVOKE_CHANNEL_NAMES } from './channels';
import { appChannels } from './app';
import { fileChannels, fileEvents } from './files';
import { inventoryChannels, inventoryEvents } from './inventory';
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
} as const satisfies Record<string, InvokeDef>;

/** Events main pushes to the window; nothing else is ever sent unprompted. */
export const eventChannels = {
  ...fileEvents,
  ...uploadEvents,
  ...inventoryEvents,
  ...sandboxEvents,
} as const satisfies Record<string, z.ZodType>;

export type InvokeChannel = keyof typeof invokeChannels;
export type EventChannel = keyof typeof eventChannels;

/** What the caller passes (before zod defaults apply). */
export type Input<C extends InvokeChannel> = z.input<(typeof invokeChannels)[C]['input']>;
/** What the handler receives (after zod parsing and defaults). */
export type ParsedInput<C extends InvokeChannel> = z.output<(typeof invokeChannels)[C]['input']>;
export type Output<C extends InvokeChannel> = z.output<(typeof invokeChannels)[C]['output']>;
export type EventPayload<E extends EventChannel> = z.output<(typeof eventChannels)[E]>;

type Call<C extends InvokeChannel> = undefined extends Input<C>
  ? (input?: Input<C>) => Promise<Result<Output<C>>>
  : (input: Input<C>) => Promise<Result<Output<C>>>;

/**
 * The shape of `window.api`: one named method per channel, one `on…` per event (returning its
 * unsubscribe), and the drop helper that turns a dropped File into a path.
 */
export type StowageApi = { [C in InvokeChannel as MethodName<C>]: Call<C> } & {
  [E in EventChannel as EventMethodName<E>]: (listener: (payload: EventPayload<E>) => void) => () => void;
} & {
  /** The absolute path of a dropped file (Electron's webUtils.getPathForFile), or '' if it has none. */
  pathForFile(file: Blob): string;
};

/** Both directions of "the same set": a channel missing from either list fails the typecheck. */
type SameSet<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const invokeNamesMatch: SameSet<InvokeChannel, (typeof INVOKE_CHANNEL_NAMES)[number]> = true;
const eventNamesMatch: SameSet<EventChannel, (typeof EVENT_CHANNEL_NAMES)[number]> = true;
void invokeNamesMatch;
void eventNamesMatch;

export const INVOKE_CHANNELS: readonly InvokeChannel[] = INVOKE_CHANNEL_NAMES;
export const EVENT_CHANNELS: readonly EventChannel[] = EVENT_CHANNEL_NAMES;
