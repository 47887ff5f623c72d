/** Contender: Stowage's pre-check hashing (md5Of, from one open descriptor) over one file. Args: path. */
import { open } from 'node:fs/promises';
import { md5Of } from '../../../electron/services/uploads/md5';
import { measure } from '../measure';

const [path] = process.argv.slice(2) as [string];
const handle = await open(path, 'r');
const { size } = await handle.stat();
await measure(async () => {
  await md5Of(handle, size);
});
await handle.close();
