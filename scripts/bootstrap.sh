#!/usr/bin/env bash
# Prepare a fresh Debian/Ubuntu machine: system packages, then a virtual environment in .venv
# with Counter and the given extras installed. Safe to run again: it only adds what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"

# Libraries Qt needs to run (offscreen or on a screen), a UI font with Vietnamese, and Python's venv module.
system_packages=(python3 python3-venv python3-pip libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core)
# The X libraries Qt's xcb platform plugin (the window on a Linux desktop) loads; without them
# the window stops with "Could not load the Qt platform plugin 'xcb'" (tests/delivery checks
# this list against ldd of the installed plugin).
qt_xcb_packages=(libx11-xcb1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0
  libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
  libglib2.0-0)
system_packages+=("${qt_xcb_packages[@]}")
# With the test extra, what the fresh-desktop check and the real-window tests (tests/desktop) use:
# an X screen, a window manager, typed keystrokes, and xprop to see the window manager is up.
if [[ ",$extras," == *",test,"* ]]; then
  system_packages+=(xvfb openbox xdotool x11-utils)
fi
missing=()
for package in "${system_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  echo "Installing system packages: ${missing[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

python=python3
if command -v python3.11 >/dev/null 2>&1; then python=python3.11; fi
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
stamp=".venv/.installed-${extras:-base}"
# Installed already when this stamp is newer than setup.cfg; with no extras asked for, any
# install with extras newer than setup.cfg will do (it holds the base too).
current=""
for made in .venv/.installed-*; do
  if [ -f "$made" ] && [ "$made" -nt setup.cfg ] && { [ -z "$extras" ] || [ "$made" = "$stamp" ]; }; then
    current="$made"
  fi
done
if [ -z "$current" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".${extras:+[$extras]}"
  touch "$stamp"
fi
# Byte-compile the sources as a package installer does (editable installs do not); where
# PYTHONDONTWRITEBYTECODE is set, every start would otherwise compile them again.
.venv/bin/python -m compileall -q counter_app counter_server >/dev/null
