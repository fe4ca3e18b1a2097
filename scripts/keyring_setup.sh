#!/usr/bin/env bash
# Give this machine what the keyring tests start for themselves: a D-Bus session daemon and
# gnome-keyring (a Secret Service). tests/sync starts a private bus and an unlocked keyring per
# run, so nothing here runs as a service. Idempotent; as root, or with sudo available.
set -euo pipefail
sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo_cmd="sudo"
  else
    echo "keyring_setup: must run as root (or with sudo available)" >&2
    exit 1
  fi
fi
missing=()
for package in dbus dbus-daemon gnome-keyring libsecret-tools; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing keyring packages: ${missing[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi
command -v gnome-keyring-daemon >/dev/null && command -v dbus-daemon >/dev/null
echo "keyring_setup: dbus-daemon and gnome-keyring-daemon are installed"
