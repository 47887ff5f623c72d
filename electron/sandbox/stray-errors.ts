/**
 * What a long-lived sandbox process does with an error nothing caught: log what kind it was and
 * keep serving. The sandbox is the app's default workspace and every test's target, so one bad
 * request must not take it down; and since error messages can carry paths, URLs or keys, only
 * the error's class and code are written, never its message or stack.
 */

/** `TypeError (ERR_INVALID_URL)`, `Error`, or `a string`: enough to find the bug, nothing private. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return error === null ? 'null' : `a ${typeof error}`;
  const code = (error as { code?: unknown }).code;
  const name = typeof error.name === 'string' && /^\w{1,60}$/.test(error.name) ? error.name : 'Error';
  return typeof code === 'string' || typeof code === 'number' ? `${name} (${String(code).slice(0, 60)})` : name;
}

/**
 * Installs process-wide handlers so an uncaught exception or unhandled rejection is logged (class
 * and code only) instead of ending the process. Only for processes that exist to run the sandbox
 * (the host entry, the CLI); a library must not change its host's crash policy.
 */
export function keepServingOnStrayErrors(label: string, write: (line: string) => void = (line) => process.stderr.write(line)): void {
  process.on('uncaughtException', (error) => {
    write(`[${label}] kept serving after an uncaught ${describeError(error)}\n`);
  });
  process.on('unhandledRejection', (reason) => {
    write(`[${label}] kept serving after an unhandled rejection: ${describeError(reason)}\n`);
  });
}
