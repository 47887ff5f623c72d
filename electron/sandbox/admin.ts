/**
 * The admin surface (`/_admin/...`, its own bearer token, never faulted): switch faults and move
 * the sandbox clock at run time (expired files are swept at once), so a test in another process can say "fail the next upload" or
 * "it is now two hours later" without restarting the server.
 */
import type { RequestContext } from './context';
import { invalidField } from './errors';
import { sweepExpired } from './expiry';
import { parseFaultConfig } from './faults';
import { readJson, sendJson } from './http-utils';
import type { Route } from './router';

function getFaults(ctx: RequestContext): void {
  sendJson(ctx.res, 200, ctx.state.faults.get());
}

async function putFaults(ctx: RequestContext): Promise<void> {
  const config = parseFaultConfig(await readJson(ctx.body));
  ctx.state.faults.set(config);
  sendJson(ctx.res, 200, ctx.state.faults.get());
}

function clearFaults(ctx: RequestContext): void {
  ctx.state.faults.set({});
  sendJson(ctx.res, 200, {});
}

function clockView(ctx: RequestContext): Record<string, unknown> {
  const now = ctx.state.clock.now();
  return { offset_ms: ctx.state.clock.offsetMs, now: new Date(now).toISOString() };
}

function getClock(ctx: RequestContext): void {
  sendJson(ctx.res, 200, clockView(ctx));
}

async function putClock(ctx: RequestContext): Promise<void> {
  const body = (await readJson(ctx.body)) as { offset_ms?: unknown } | null;
  const offset = body?.offset_ms;
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) {
    throw invalidField(['body', 'offset_ms'], 'offset_ms must be an integer >= 0 (the clock only moves forward)', offset ?? null);
  }
  ctx.state.clock.setOffset(offset);
  await sweepExpired(ctx.state);
  sendJson(ctx.res, 200, clockView(ctx));
}

/** Routes under `/_admin`. */
export const adminRoutes: Route[] = [
  { method: 'GET', pattern: '/faults', handler: getFaults },
  { method: 'PUT', pattern: '/faults', handler: putFaults },
  { method: 'DELETE', pattern: '/faults', handler: clearFaults },
  { method: 'GET', pattern: '/clock', handler: getClock },
  { method: 'PUT', pattern: '/clock', handler: putClock },
];
