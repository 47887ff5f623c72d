/**
 * Reads one WebSocket frame from the bridge. Anything can arrive on the socket (a stale page, a
 * hand-written client, garbage), so a frame is checked before it reaches the handler table:
 * a bad one is answered with `invalid_input` when it names a request id, and ignored otherwise.
 */
import type { RawData } from 'ws';
import { PLAIN_MESSAGES } from '../../shared/errors';
import type { Result } from '../../shared/ipc/define';

/** A well-formed call, or why the frame was refused (with its id when one could be read). */
export type Frame = { ok: true; id: number; channel: string; input: unknown } | { ok: false; id?: number; reason: string };

/** Frames larger than this are refused by the socket itself; IPC inputs are small. */
export const MAX_FRAME_BYTES = 8 * 1024 * 1024;

/** A text frame's content (ws hands over a Buffer, an ArrayBuffer or fragments). */
export function frameText(raw: RawData): string {
  if (Array.isArray(raw)) return Buffer.concat(raw).toString('utf8');
  return Buffer.from(raw as ArrayBuffer).toString('utf8');
}

/** Parses and checks one frame: a JSON object `{type: 'invoke', id: integer, channel: string, input}`. */
export function readFrame(raw: RawData, isBinary: boolean): Frame {
  if (isBinary) return { ok: false, reason: 'binary frame' };
  let message: unknown;
  try {
    message = JSON.parse(frameText(raw));
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return { ok: false, reason: 'not an object' };
  const { type, id, channel, input } = message as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) return { ok: false, reason: 'no integer id' };
  if (type !== 'invoke' || typeof channel !== 'string') return { ok: false, id, reason: 'not an invoke' };
  return { ok: true, id, channel, input };
}

/** The answer to a call that could not run, in the same Result shape every call gets. */
export function refusal(code: 'invalid_input' | 'internal'): Result<never> {
  return { ok: false, error: { code, message: PLAIN_MESSAGES[code] } };
}
