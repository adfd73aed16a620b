#!/usr/bin/env bash
# Run by `npm test` before any test: the browser tests drive Debian's Chromium (never a downloaded browser). If it is
# missing, install it when this user may (root, or passwordless sudo), non-interactively; otherwise stop at once with
# the exact command to run.
#
# CHROMIUM_PATH (as the tests read it) points at another Chromium: then it must exist, and nothing is installed.
# ENSURE_CHROMIUM_DEBIAN_PATH is for this script's own test only: where Debian's package puts the browser.
set -euo pipefail

debian_chromium="${ENSURE_CHROMIUM_DEBIAN_PATH:-/usr/bin/chromium}"
install_command="apt-get update -q && apt-get install -y -q chromium"

if [ -n "${CHROMIUM_PATH:-}" ]; then
  if [ -x "$CHROMIUM_PATH" ]; then exit 0; fi
  echo "ensure-chromium: CHROMIUM_PATH=$CHROMIUM_PATH is not an executable browser. Unset it to use Debian's Chromium ($debian_chromium), or point it at one." >&2
  exit 1
fi
if [ -x "$debian_chromium" ]; then exit 0; fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: Debian's Chromium ($debian_chromium) is missing and there is no apt-get here. Install Chromium from your system's packages and set CHROMIUM_PATH to it." >&2
  exit 1
fi

if [ "$(id -u)" = 0 ]; then
  run_as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  run_as_root=(sudo -n)
else
  echo "ensure-chromium: Debian's Chromium ($debian_chromium) is missing and this user may not install it. Run this, then run the tests again:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y chromium" >&2
  exit 1
fi

echo "ensure-chromium: Debian's Chromium ($debian_chromium) is missing; installing it: $install_command" >&2
"${run_as_root[@]}" env DEBIAN_FRONTEND=noninteractive sh -c "$install_command" >&2
if [ ! -x "$debian_chromium" ]; then
  echo "ensure-chromium: installed the chromium package but $debian_chromium is still missing." >&2
  exit 1
fi
