/**
 * Fault injection, so clients' retry, timeout and progress code can be exercised on purpose.
 * Fractions are applied deterministically (an error-diffusion accumulator: rate 0.25 fails exactly
 * every fourth request), so tests see the same sequence on every run. A fault with `count` fires
 * that many times and then switches itself off, which is how a test says "fail the first upload,
 * let the retry through".
 */
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Readable, Transform } from 'node:stream';
import { HttpError } from './errors';

/** Surfaces a fault can target; the admin endpoint is never faulted. */
export type FaultTarget = 'vlmrun' | 'openai' | 'llamacloud' | 'public';

/** A fault that fires on a fraction of requests, optionally only `count` times. */
export interface RateFault {
  /** Fraction of requests hit, 0..1. */
  rate: number;
  /** How many more times it may fire; absent means unlimited. */
  count?: number;
}

/** Everything the sandbox can be told to do wrong. Empty object = behave. */
export interface FaultConfig {
  /** Added before every request is handled. */
  latencyMs?: number;
  /** Answer a fraction of requests with a 5xx (default 503) in the dialect's error shape. */
  serverErrors?: RateFault & { status?: number };
  /** Answer a fraction of requests with 429 and a `Retry-After` header (default 1 second). */
  rateLimit?: RateFault & { retryAfterSeconds?: number };
  /**
   * Reset the TCP connection once a request body has delivered this many bytes. Without `rate`
   * every request gets the plan (until `count` runs out); with it, that fraction of the requests
   * that carry a body does, so "5% of uploads break mid-body" means uploads, not lookups.
   */
  resetAfterBytes?: { bytes: number; count?: number; rate?: number };
  /** Read request bodies no faster than this. */
  bandwidthBytesPerSecond?: number;
  /** Which surfaces are affected; default all of them. */
  targets?: FaultTarget[];
}

const TARGETS: readonly FaultTarget[] = ['vlmrun', 'openai', 'llamacloud', 'public'];

function isRateFault(v: unknown): v is RateFault {
  const o = v as RateFault;
  return typeof o === 'object' && o !== null && typeof o.rate === 'number' && o.rate >= 0 && o.rate <= 1 &&
    (o.count === undefined || (Number.isInteger(o.count) && o.count >= 0));
}

/** Validates an untrusted fault config (from the admin endpoint or the CLI); throws a 422 on junk. */
export function parseFaultConfig(input: unknown): FaultConfig {
  const bad = (msg: string): never => {
    throw new HttpError(422, 'invalid', `Invalid fault config: ${msg}`);
  };
  if (typeof input !== 'object' || input === null || Array.isArray(input)) bad('expected a JSON object');
  const c = input as Record<string, unknown>;
  const known = ['latencyMs', 'serverErrors', 'rateLimit', 'resetAfterBytes', 'bandwidthBytesPerSecond', 'targets'];
  for (const key of Object.keys(c)) if (!known.includes(key)) bad(`unknown field "${key}"`);
  const nonNegative = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  if (c.latencyMs !== undefined && !nonNegative(c.latencyMs)) bad('latencyMs must be a number >= 0');
  if (c.serverErrors !== undefined) {
    const s = c.serverErrors as { status?: unknown };
    if (!isRateFault(s)) bad('serverErrors needs rate in 0..1 and an optional integer count');
    if (s.status !== undefined && !(Number.isInteger(s.status) && Number(s.status) >= 500 && Number(s.status) <= 599)) bad('serverErrors.status must be 5xx');
  }
  if (c.rateLimit !== undefined) {
    const r = c.rateLimit as { retryAfterSeconds?: unknown };
    if (!isRateFault(r)) bad('rateLimit needs rate in 0..1 and an optional integer count');
    if (r.retryAfterSeconds !== undefined && !nonNegative(r.retryAfterSeconds)) bad('rateLimit.retryAfterSeconds must be >= 0');
  }
  if (c.resetAfterBytes !== undefined) {
    const r = c.resetAfterBytes as { bytes?: unknown; count?: unknown; rate?: unknown };
    if (!nonNegative(r?.bytes) || (r.count !== undefined && !(Number.isInteger(r.count) && Number(r.count) >= 0))) bad('resetAfterBytes needs bytes >= 0 and an optional integer count');
    if (r.rate !== undefined && !(typeof r.rate === 'number' && r.rate >= 0 && r.rate <= 1)) bad('resetAfterBytes.rate must be in 0..1');
  }
  if (c.bandwidthBytesPerSecond !== undefined && !(nonNegative(c.bandwidthBytesPerSecond) && Number(c.bandwidthBytesPerSecond) > 0)) bad('bandwidthBytesPerSecond must be > 0');
  if (c.targets !== undefined && !(Array.isArray(c.targets) && c.targets.every((t) => TARGETS.includes(t as FaultTarget)))) bad(`targets must list some of ${TARGETS.join(', ')}`);
  return structuredClone(c) as FaultConfig;
}

/** Body faults decided for one request. */
export interface BodyPlan {
  resetAfterBytes?: number;
  bytesPerSecond?: number;
}

/** Holds the live config and decides, request by request, which faults fire. */
export class FaultController {
  private config: FaultConfig = {};
  private errorDebt = 0;
  private limitDebt = 0;
  private resetDebt = 0;

  constructor(initial: FaultConfig = {}) {
    this.set(initial);
  }

  set(config: FaultConfig): void {
    this.config = structuredClone(config);
    this.errorDebt = 0;
    this.limitDebt = 0;
    this.resetDebt = 0;
  }

  get(): FaultConfig {
    return structuredClone(this.config);
  }

  private applies(target: FaultTarget): boolean {
    return !this.config.targets || this.config.targets.includes(target);
  }

  private fires(fault: RateFault | undefined, debt: 'errorDebt' | 'limitDebt' | 'resetDebt'): boolean {
    if (!fault || fault.count === 0 || fault.rate <= 0) return false;
    this[debt] += fault.rate;
    if (this[debt] < 1 - 1e-9) return false;
    this[debt] -= 1;
    if (fault.count !== undefined) fault.count -= 1;
    return true;
  }

  /** Waits out the added latency, then throws the 429/5xx this request should get, if any. */
  async beforeRequest(target: FaultTarget): Promise<void> {
    if (!this.applies(target)) return;
    const { latencyMs, rateLimit, serverErrors } = this.config;
    if (latencyMs) await new Promise((r) => setTimeout(r, latencyMs));
    if (this.fires(rateLimit, 'limitDebt')) {
      const retryAfter = String(rateLimit?.retryAfterSeconds ?? 1);
      throw new HttpError(429, 'rate_limited', 'Rate limit reached (injected by the sandbox). Retry after the delay in Retry-After.', {
        code: 'rate_limit_exceeded',
        headers: { 'Retry-After': retryAfter },
      });
    }
    if (this.fires(serverErrors, 'errorDebt')) {
      throw new HttpError(serverErrors?.status ?? 503, 'server_error', 'The server had an error while processing your request (injected by the sandbox).');
    }
  }

  /**
   * The body faults for this request (a reset with a count is used up here). `hasBody` says
   * whether the request carries one; a reset with a rate is decided among those only.
   */
  bodyPlan(target: FaultTarget, hasBody = true): BodyPlan {
    if (!this.applies(target)) return {};
    const plan: BodyPlan = {};
    const reset = this.config.resetAfterBytes;
    if (reset && reset.rate !== undefined) {
      if (hasBody && this.fires({ rate: reset.rate, count: reset.count }, 'resetDebt')) {
        plan.resetAfterBytes = reset.bytes;
        if (reset.count !== undefined) reset.count -= 1;
      }
    } else if (reset && reset.count !== 0) {
      plan.resetAfterBytes = reset.bytes;
      if (reset.count !== undefined) reset.count -= 1;
    }
    if (this.config.bandwidthBytesPerSecond) plan.bytesPerSecond = this.config.bandwidthBytesPerSecond;
    return plan;
  }
}

/** Whether a request carries a body (a declared length above zero, or a chunked one). */
export function hasBody(req: IncomingMessage): boolean {
  return Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
}

function resetSocket(socket: Socket): void {
  if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else socket.destroy();
}

/**
 * The request body as handlers read it: the raw request, or a pass-through that cuts the
 * connection after N bytes and/or paces reads to a bandwidth cap. Pacing delays each chunk's
 * callback, so backpressure reaches the socket and the client really sees a slow reader. A chunk
 * waits until the body's running total is due at the cap (measured from the first chunk), not
 * for its own length: timers fire no sooner than a millisecond, so a per-chunk wait would cap a
 * fast link (1 Gbit/s arrives in 64 KiB pieces every half millisecond) far below its figure.
 */
export function wrapBody(req: IncomingMessage, plan: BodyPlan): Readable {
  if (plan.resetAfterBytes === undefined && plan.bytesPerSecond === undefined) return req;
  let seen = 0;
  let startedAt: number | null = null;
  const throttle = new Transform({
    highWaterMark: 16 * 1024,
    transform(chunk: Buffer, _enc, done) {
      const limit = plan.resetAfterBytes;
      if (limit !== undefined && seen + chunk.length > limit) {
        const allowed = chunk.subarray(0, Math.max(0, limit - seen));
        seen = limit;
        if (allowed.length > 0) this.push(allowed);
        resetSocket(req.socket);
        done(new Error('Connection reset by the sandbox fault injector'));
        return;
      }
      seen += chunk.length;
      if (!plan.bytesPerSecond) return done(null, chunk);
      startedAt ??= performance.now();
      const wait = startedAt + (seen / plan.bytesPerSecond) * 1000 - performance.now();
      if (wait >= 1) setTimeout(() => done(null, chunk), wait);
      else done(null, chunk);
    },
  });
  req.on('error', (err) => throttle.destroy(err));
  req.on('close', () => {
    if (!req.complete) throttle.destroy(new Error('Request aborted by the client'));
  });
  req.pipe(throttle);
  return throttle;
}
