/**
 * Test-only preload for the sandbox host process (`--import` it): on SIGUSR2 it throws from a
 * callback and rejects a promise nobody handles, the two ways a bug in a stream or timer callback
 * escapes every try/catch, then sends `{type: 'thrown'}`. Both errors carry a fake secret in their
 * message, which must not reach the log. (A signal, not an IPC message, triggers it: a message
 * listener here would swallow the host's `start` before the host is listening.)
 */
process.on('SIGUSR2', () => {
  setImmediate(() => {
    throw Object.assign(new Error('secret sk-live-123 in /home/someone/.keys'), { code: 'ESTRAYTEST' });
  });
  setImmediate(() => {
    void Promise.reject(new RangeError('secret sk-live-456'));
    setImmediate(() => process.send?.({ type: 'thrown' }));
  });
});
