import type { EventPayload } from '../../../shared/contract';

/** An audit's running totals and state, as the window shows them. */
export type InventoryProgress = EventPayload<'inventory:progress'>;

/** Where an audit reports its progress; the application core turns it into a contract event. */
export interface InventoryEvents {
  progress(progress: InventoryProgress): void;
}

/** The save dialog an export needs (Electron's in the app, a scripted one in the harness). */
export interface SavePathChooser {
  /** Resolves to the chosen path, or null when the user cancels. */
  pickSavePath(options: { defaultName: string; filters: { name: string; extensions: string[] }[] }): Promise<string | null>;
}
