/** Where the Local sandbox stands after its process died: being started again, back, or given up on. */
export type SandboxState = 'restarting' | 'restarted' | 'down';

/** Told when the Local sandbox's process died and what came of restarting it (the window shows it). */
export interface SandboxEvents {
  status(change: { state: SandboxState; message: string }): void;
}

/** For owners nobody listens to (tests, tools). */
export const NO_SANDBOX_EVENTS: SandboxEvents = { status: () => undefined };

/**
 * The words for each state, and for calls that fail while the sandbox is away: it runs on this
 * computer, so "check your internet connection" would send the user the wrong way.
 */
export const SANDBOX_WORDS = {
  restarting: 'The Local sandbox stopped unexpectedly and Stowage is starting it again. Try again in a moment; the files in it are kept.',
  restarted: 'The local sandbox restarted. If something failed while it was stopped, try it again.',
  down: 'The Local sandbox stopped and could not be started again. Restart Stowage; if it keeps stopping, add a workspace for your provider instead.',
  unreachable: 'The Local sandbox did not answer. It may have stopped and be restarting; try again in a moment.',
} as const;

/** 0.5 s before the first restart, doubling with each failure in a row, at most 8 s. */
export function restartDelayMs(attempt: number): number {
  return Math.min(8_000, 500 * 2 ** Math.max(0, attempt - 1));
}
