import type { EventChannel, EventPayload, InvokeChannel, Output, ParsedInput } from '../../../../shared/contract';

/** One handler per channel: receives parsed input, returns the output or throws an AppError. */
export type Handlers = { [C in InvokeChannel]: (input: ParsedInput<C>) => Promise<Output<C>> };

/** How services push events to the window, whatever the transport (Electron IPC or the harness socket). */
export type Emit = <E extends EventChannel>(channel: E, payload: EventPayload<E>) => void;
