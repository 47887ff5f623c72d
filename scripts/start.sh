#!/usr/bin/env bash
# `npm start`: builds the app and opens it in Electron. Nothing is compiled on the user's machine:
# keytar 7 is an N-API module, so the build `npm install` made loads in Node and Electron alike,
# and the sandbox uses Electron's built-in node:sqlite.
set -euo pipefail
cd "$(dirname "$0")/.."
node -e '
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(`Stowage needs Node.js 22.12 or newer to install and start Electron 45 (this is ${process.version}). Install a newer Node.js, then run npm install and npm start again.`);
  process.exit(1);
}'
if [ ! -x node_modules/.bin/electron ] || ! node -e "require('fs').accessSync(require('electron'))" 2>/dev/null; then
  echo "Electron's app files are missing (npm install could not download them). Run npm install again with a connection to GitHub." >&2
  exit 1
fi
npx electron-vite build
exec npx electron .
