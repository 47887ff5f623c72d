import type { HandledChannel, Output, ParsedInput } from '../../../shared/contract';

/** One handler per channel: receives parsed input, returns the output or throws an AppError. */
export type Handlers = { [C in HandledChannel]: (input: ParsedInput<C>) => Promise<Output<C>> };
