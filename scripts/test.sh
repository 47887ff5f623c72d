#!/usr/bin/env bash
# The whole test suite, as `npm test` runs it: typecheck, lint, build, unit tests (vitest), the
# soak at its CI size (scripts/soak) and end-to-end tests (Playwright in Debian's Chromium through
# the harness); unit and end-to-end tests run inside a D-Bus session with a real, unlocked
# gnome-keyring and a throwaway HOME.
set -euo pipefail
cd "$(dirname "$0")/.."
results="$(mktemp -d -t stowage-results.XXXXXX)"
trap 'rm -rf "$results"' EXIT

echo "== typecheck"; npm run --silent typecheck
echo "== lint"; npm run --silent lint
echo "== build"; npx electron-vite build --logLevel warn

status=0
echo "== unit tests (vitest)"
bash scripts/with-keyring.sh npx vitest run --reporter=default --reporter=json --outputFile.json="$results/vitest.json" || status=1
echo "== soak (npm run soak at CI size: 150 uploads under faults, kill -9 mid-batch; the timeout only stops a hang)"
timeout 600 npx tsx scripts/soak/soak.ts --files 150 || status=1
echo "== end-to-end tests (Playwright, Chromium)"
PLAYWRIGHT_JSON_OUTPUT_NAME="$results/playwright.json" bash scripts/with-keyring.sh npx playwright test --reporter=list,json || status=1

node scripts/summarize-results.mjs "$results/vitest.json" "$results/playwright.json" || status=1
exit $status
