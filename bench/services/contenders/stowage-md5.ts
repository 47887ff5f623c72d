/** Contender: Stowage's pre-check hashing (md5File) over one file. Args: path. */
import { md5File } from '../../../electron/services/uploads/md5';
import { measure } from '../measure';

const [path] = process.argv.slice(2) as [string];
await measure(async () => {
  await md5File(path);
});
