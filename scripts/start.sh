#!/usr/bin/env bash
# `npm start`: builds the app and opens it in Electron. keytar is a native module: `npm install`
# compiles it for Node (which the tests use), so first rebuild it for Electron's ABI with Electron's
# headers (the method in Electron's "Using native Node modules" guide). `npm test` switches it back.
set -euo pipefail
cd "$(dirname "$0")/.."
electron_version="$(node -p "require('electron/package.json').version")"
if [ "$(cat node_modules/keytar/.stowage-abi 2>/dev/null)" != "electron-$electron_version" ]; then
  echo "Building keytar for Electron $electron_version…"
  env -u npm_config_nodedir npm_config_runtime=electron npm_config_target="$electron_version" \
    npm_config_disturl=https://electronjs.org/headers npm rebuild keytar
  echo "electron-$electron_version" > node_modules/keytar/.stowage-abi
fi
npx electron-vite build
exec npx electron .
