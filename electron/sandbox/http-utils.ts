/**
 * Small HTTP helpers shared by every dialect: JSON in and out, and FastAPI-style query parsing
 * (so a bad `limit` gets the same 422 a real FastAPI server would send).
 */
import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { HttpError, invalidField } from './errors';

/** Writes a JSON response (UTF-8, exact Content-Length, nosniff: errors echo client input). */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': payload.length, 'X-Content-Type-Options': 'nosniff', ...headers });
  res.end(payload);
}

/** Reads a small JSON request body (capped, so a huge body cannot be buffered). */
export async function readJson(body: Readable, maxBytes = 1024 * 1024): Promise<unknown> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += (chunk as Buffer).length;
    if (total > maxBytes) throw new HttpError(413, 'too_large', `Request body exceeds ${maxBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') throw invalidField(['body'], 'Field required', null, 'missing');
  try {
    return JSON.parse(text);
  } catch {
    throw invalidField(['body'], 'JSON decode error', text.slice(0, 100), 'json_invalid');
  }
}

/** An optional integer query parameter within [min, max]. */
export function queryInt(url: URL, name: string, fallback: number, min: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw)) throw invalidField(['query', name], 'Input should be a valid integer', raw, 'int_parsing');
  const n = Number(raw);
  if (n < min) throw invalidField(['query', name], `Input should be greater than or equal to ${min}`, raw, 'greater_than_equal');
  if (n > max) throw invalidField(['query', name], `Input should be less than or equal to ${max}`, raw, 'less_than_equal');
  return n;
}

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on', 't', 'y']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off', 'f', 'n']);

/** An optional boolean query parameter, accepting the words FastAPI accepts. */
export function queryBool(url: URL, name: string, fallback: boolean): boolean {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  const word = raw.toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  throw invalidField(['query', name], 'Input should be a valid boolean, unable to interpret input', raw, 'bool_parsing');
}

/** An optional non-empty string query parameter. */
export function queryString(url: URL, name: string): string | undefined {
  const raw = url.searchParams.get(name);
  return raw === null || raw === '' ? undefined : raw;
}
