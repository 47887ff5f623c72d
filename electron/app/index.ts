/**
 * The application core's public face: what a transport (Electron's main process, the browser
 * harness) needs to build the services, serve the contract and start the local sandbox in a
 * child process. A transport imports from here and nowhere deeper.
 */
export { composeServices, type ComposeOptions, type Composed } from './compose';
export { createHandlers, dispatch, type Handlers, type Services } from './handlers';
export type { Emit } from './events';
export type { Platform } from './ports';
export type { StartSandbox } from '../services/local-sandbox/local-sandbox';
export { forkSandbox } from '../sandbox/fork-host';
export type { FaultConfig } from '../sandbox/faults';
