/**
 * `npm run harness -- --port <n>`: serves the built app in a browser, backed by real services.
 * Prints `harness http://127.0.0.1:<n>` once it is listening.
 */
import { startHarness } from './host';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const harness = await startHarness({ port: Number(option('port') ?? 0) });
console.log(`harness ${harness.url}`);
const stop = () => void harness.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
