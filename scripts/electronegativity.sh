#!/usr/bin/env bash
# Audits the Electron code with electronegativity. It runs from a temporary folder because its own
# TypeScript clashes with the project's. Fails on any HIGH-severity finding.
set -euo pipefail
project="$(cd "$(dirname "$0")/.." && pwd)"
electron_version="$(node -p "require('$project/node_modules/electron/package.json').version")"
work="$(mktemp -d -t stowage-eneg.XXXXXX)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npx -y -p @doyensec/electronegativity@1.10.3 -- electronegativity -i "$project/electron" -e "$electron_version" -o "$work/report.csv" -r >/dev/null 2>&1 || true
grep -v '\.test\.ts' "$work/report.csv" > "$work/findings.csv" || true
cat "$work/findings.csv"
if grep -q '"HIGH"' "$work/findings.csv"; then echo "electronegativity: HIGH findings above" >&2; exit 1; fi
