// Loaded with `node --import` before the built main process: sends every `import 'electron'` to
// the recording stand-in beside this file, so out/main/index.js boots under plain Node.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
