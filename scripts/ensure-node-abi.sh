#!/usr/bin/env bash
# The tests run keytar in Node. If `npm start` rebuilt it for Electron, rebuild it for Node again.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! node -e "require('keytar')" >/dev/null 2>&1; then
  echo "Rebuilding keytar for Node $(node -v)…"
  npm rebuild keytar
  rm -f node_modules/keytar/.stowage-abi
fi
