import { describe, expect, it } from 'vitest';
import { PROVIDERS, type ProviderKind } from '../../../shared/models/providers';
import { failureWords, noAnswerWords, type Operation } from './error-words';

const OPERATIONS: Operation[] = ['test', 'list', 'get', 'upload', 'delete', 'content'];
const KINDS: ProviderKind[] = ['vlmrun', 'openai', 'yandex', 'llamacloud'];
const STATUSES = [400, 401, 403, 404, 405, 408, 409, 413, 415, 422, 429, 500, 502, 503, 504];

const answer = (status: number, extra: { detail?: string; html?: boolean } = {}) => ({ status, detail: extra.detail ?? null, html: extra.html ?? false, retryAfterMs: null });
const words = (kind: ProviderKind, operation: Operation, status: number, extra?: { detail?: string; html?: boolean }) =>
  failureWords(answer(status, extra), { operation, provider: PROVIDERS[kind] }).message;

/** Key cases, one row each: provider, operation, status (html = an HTML error page), what the words must say. */
const CASES: [ProviderKind, Operation, number, boolean, RegExp][] = [
  ['vlmrun', 'test', 404, false, /^Nothing answers at this address as a VLM Run Files API \(HTTP 404\)\. Check the base URL \(it usually ends in \/v1\)\. Then test the connection again\.$/],
  ['vlmrun', 'list', 404, false, /^Nothing answers at this address as a VLM Run Files API \(HTTP 404\)\. Check the base URL \(it usually ends in \/v1\)\. Change it in the workspace settings\.$/],
  ['llamacloud', 'list', 404, false, /LlamaCloud Files API \(HTTP 404\)\. Check the base URL \(it is usually https:\/\/api\.cloud\.llamaindex\.ai\)/],
  ['openai', 'upload', 404, false, /^Nothing answers at this address as an OpenAI Files API \(HTTP 404\)/],
  ['vlmrun', 'get', 404, false, /^VLM Run has no such file \(HTTP 404\): it may have been deleted\. Refresh the list/],
  ['openai', 'content', 404, false, /^OpenAI has no such file \(HTTP 404\)/],
  ['llamacloud', 'delete', 404, false, /^LlamaCloud has no such file \(HTTP 404\): it may already have been deleted\. Refresh the list/],
  ['vlmrun', 'get', 404, true, /^Nothing answers at this address as a VLM Run Files API \(HTTP 404\)/],
  ['yandex', 'test', 401, false, /^Yandex AI Studio did not accept the API key \(HTTP 401\)\. Check that you pasted the whole key, then test again\.$/],
  ['openai', 'list', 401, false, /^OpenAI did not accept the API key \(HTTP 401\)\. Check the key in the workspace settings and save it again\.$/],
  ['openai', 'list', 403, false, /^OpenAI refused to list files with this key \(HTTP 403\)\. Check the key’s permissions, project and folder on OpenAI\.$/],
  ['vlmrun', 'delete', 403, false, /^VLM Run refused to delete this file with this key \(HTTP 403\)/],
  ['llamacloud', 'content', 403, false, /link may have expired\) \(HTTP 403\)\. Open the preview again/],
  ['vlmrun', 'test', 405, false, /^Nothing answers at this address as a VLM Run Files API \(HTTP 405\)/],
  ['openai', 'upload', 405, false, /\(HTTP 405\)\. Check the base URL \(it usually ends in \/v1\)/],
  ['openai', 'upload', 413, false, /^The file is larger than OpenAI accepts \(HTTP 413\)\. Split it or choose a smaller file\.$/],
  ['vlmrun', 'upload', 415, false, /^VLM Run does not accept files of this type \(HTTP 415\)\. Convert it to a format VLM Run takes, or leave it out\.$/],
  ['llamacloud', 'upload', 422, false, /^LlamaCloud refused the upload \(HTTP 422\)\. Check the file and the purpose, then try again\.$/],
  ['vlmrun', 'list', 422, false, /^VLM Run refused to list files \(HTTP 422\)\. Check the base URL and the project or folder ID/],
  ['openai', 'get', 400, false, /^OpenAI refused the request for this file \(HTTP 400\)\. Refresh the list and try again\.$/],
  ['yandex', 'upload', 429, false, /^Yandex AI Studio asked Stowage to slow down \(HTTP 429\)\. Wait a moment and try again\.$/],
  ['vlmrun', 'list', 503, false, /^VLM Run had a problem on its side \(HTTP 503\)\. Try again in a few minutes\.$/],
  ['openai', 'test', 502, true, /^OpenAI had a problem on its side \(HTTP 502\)/],
  ['llamacloud', 'test', 400, true, /^Nothing answers at this address as a LlamaCloud Files API \(HTTP 400\)/],
];

describe('failure words: dialect × operation × status', () => {
  it.each(CASES)('%s %s HTTP %i (html: %s)', (kind, operation, status, html, expected) => {
    expect(words(kind, operation, status, { html })).toMatch(expected);
  });

  it('never blames a file for a failed test or listing, nor the address for a missing file', () => {
    for (const kind of KINDS) {
      for (const status of STATUSES) {
        for (const operation of ['test', 'list'] as const) expect(words(kind, operation, status)).not.toMatch(/no such file|deleted/);
        for (const operation of ['get', 'delete', 'content'] as const) {
          if (status !== 405) expect(words(kind, operation, status)).not.toMatch(/Nothing answers at this address/);
        }
      }
    }
  });

  it('always names the provider and the status, and says what to do next', () => {
    for (const kind of KINDS) {
      for (const operation of OPERATIONS) {
        for (const status of STATUSES) {
          const text = words(kind, operation, status, { detail: 'purpose: Input should be one of …' });
          expect(text).toContain(PROVIDERS[kind].label);
          expect(text).toContain(`HTTP ${status}`);
          expect(text).toMatch(/[.”] (Check|Try|Refresh|Wait|Split|Convert|Open|Change) /);
        }
      }
    }
  });

  it('quotes the provider only for request problems, never for a refused key', () => {
    expect(words('vlmrun', 'upload', 422, { detail: 'query.purpose: bad' })).toContain('VLM Run said: “query.purpose: bad”');
    expect(words('openai', 'list', 401, { detail: 'Incorrect API key provided: sk-abc' })).not.toContain('sk-abc');
    expect(words('openai', 'list', 403, { detail: 'key sk-abc lacks scope' })).not.toContain('sk-abc');
  });

  it('sorts statuses into the codes the window and the retry rules use', () => {
    const code = (status: number, operation: Operation = 'list') => failureWords(answer(status), { operation, provider: PROVIDERS.vlmrun }).code;
    expect([401, 403, 404, 405, 408, 409, 413, 415, 422, 429, 500, 503].map((s) => code(s))).toEqual([
      'unauthorized', 'unauthorized', 'not_found', 'not_found', 'timeout', 'conflict', 'too_large', 'unsupported_type', 'invalid_input', 'rate_limited', 'server_error', 'server_error',
    ]);
  });
});

describe('no-answer words (connection refused, timeout, reset)', () => {
  it('points a refused connection during a test at the address, and elsewhere at the connection', () => {
    expect(noAnswerWords('offline', { operation: 'test', provider: PROVIDERS.vlmrun })).toBe(
      'Nothing answers at this address: Stowage could not connect to it. Check the base URL (it usually ends in /v1). Check your internet connection too, then test again.',
    );
    expect(noAnswerWords('offline', { operation: 'list', provider: PROVIDERS.openai })).toMatch(/^Stowage could not connect to OpenAI at this workspace’s address\. Check your internet connection and the base URL/);
    expect(noAnswerWords('offline', { operation: 'upload', provider: PROVIDERS.llamacloud })).toBe('Stowage could not reach LlamaCloud. Check your internet connection, then try again.');
    expect(noAnswerWords('reset', { operation: 'upload', provider: PROVIDERS.vlmrun })).toMatch(/broke while sending/);
    expect(noAnswerWords('timeout', { operation: 'get', provider: PROVIDERS.vlmrun })).toMatch(/took too long/);
  });
});
