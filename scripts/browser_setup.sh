#!/usr/bin/env bash
# What the lookup page's browser tests (tests/lookup/test_browser.py) need: Debian's Chromium
# and its ChromeDriver, and axe-core (the accessibility checker) from the npm registry into
# tests/lookup/axe/node_modules. Idempotent; installing packages needs root or sudo.
set -euo pipefail
cd "$(dirname "$0")/.."

sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
missing=()
for package in chromium chromium-driver; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)  # a machine's own Node.js is kept
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing for the browser tests: ${missing[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if [ ! -f tests/lookup/axe/node_modules/axe-core/axe.min.js ]; then
  npm ci --prefix tests/lookup/axe --no-audit --no-fund --loglevel=error
fi
