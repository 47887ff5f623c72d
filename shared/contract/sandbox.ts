import { z } from 'zod';

/** Events about the embedded Local sandbox. */
export const sandboxEvents = {
  /**
   * The Local sandbox's process died: `restarting` while Stowage starts it again, then
   * `restarted` (the window says so and refreshes), or `down` once it gave up. `message` is the
   * plain sentence to show.
   */
  'sandbox:status': z.object({ state: z.enum(['restarting', 'restarted', 'down']), message: z.string() }),
} as const;
