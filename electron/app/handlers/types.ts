import type { InvokeChannel, Output, ParsedInput } from '../../../shared/contract';

/** One handler per channel: receives parsed input, returns the output or throws an AppError. */
export type Handlers = { [C in InvokeChannel]: (input: ParsedInput<C>) => Promise<Output<C>> };
