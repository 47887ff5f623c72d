#!/usr/bin/env bash
# Runs a command inside its own D-Bus session with an unlocked gnome-keyring and a throwaway HOME,
# so tests use a real OS keychain without touching the user's. Used by `npm test`; safe to nest.
set -euo pipefail
if [ "${STOWAGE_KEYRING_SESSION:-}" = "1" ]; then
  exec "$@"
fi
if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  echo "with-keyring: dbus-run-session and gnome-keyring-daemon are needed (apt-get install dbus gnome-keyring)" >&2
  exit 1
fi
tmp_home="$(mktemp -d -t stowage-home.XXXXXX)"
trap 'rm -rf "$tmp_home"' EXIT
export STOWAGE_REAL_HOME="$HOME"
export HOME="$tmp_home" XDG_DATA_HOME="$tmp_home/.local/share" XDG_CONFIG_HOME="$tmp_home/.config" XDG_CACHE_HOME="$tmp_home/.cache"
export XDG_RUNTIME_DIR="$tmp_home/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
export STOWAGE_KEYRING_SESSION=1
dbus-run-session -- bash -c 'eval "$(printf "stowage-test" | gnome-keyring-daemon --unlock --components=secrets)"; export GNOME_KEYRING_CONTROL; exec "$@"' keyring "$@"
