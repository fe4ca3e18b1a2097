#!/usr/bin/env bash
# Give this machine a real CUPS print queue for the print tests: CUPS plus the cups-pdf virtual
# printer, a queue "CounterPDF" that writes every job as a PDF into one known folder, set as the
# system default. Idempotent: run it as often as you like (as root, or with sudo available).
# Works without systemd (containers): cupsd is started directly when it is not running.
#
#   bash scripts/cups_setup.sh            # prints the output folder on its last line
#   COUNTER_CUPS_PDF_OUT=/var/spool/cups-pdf/other COUNTER_CUPS_QUEUE=Other bash scripts/cups_setup.sh
# tests/ui/test_print_dispatch.py reads the same two variables. Keep the folder under
# /var/spool/cups-pdf: Ubuntu's AppArmor profile for cups-pdf only lets it write there (or ~/PDF).
set -euo pipefail
export LC_ALL=C  # lpstat's messages are parsed below

queue="${COUNTER_CUPS_QUEUE:-CounterPDF}"
out_dir="${COUNTER_CUPS_PDF_OUT:-/var/spool/cups-pdf/counter}"
conf=/etc/cups/cups-pdf.conf

sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo_cmd="sudo"
  else
    echo "cups_setup: must run as root (or with sudo available)" >&2
    exit 1
  fi
fi

# 1. Packages.
missing=()
for package in cups cups-client cups-bsd printer-driver-cups-pdf; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "cups_setup: installing ${missing[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

# 2. cups-pdf: every job (any user, root included) lands in one folder, named
#    "<job title>-job_<id>.pdf" so a test can find its own file.
set_conf() {  # set_conf KEY VALUE: replace an active or commented "KEY ..." line, or append one
  local key="$1" value="$2"
  if $sudo_cmd grep -qE "^[#[:space:]]*${key}[[:space:]]" "$conf"; then
    $sudo_cmd sed -i -E "0,/^[#[:space:]]*${key}[[:space:]].*/s||${key} ${value}|" "$conf"
    # drop any later duplicates of an active line for the same key
    $sudo_cmd awk -v k="$key" '
      $1 == k { if (seen++) next } { print }' "$conf" | $sudo_cmd tee "$conf.tmp" >/dev/null
    $sudo_cmd mv "$conf.tmp" "$conf"
  else
    echo "${key} ${value}" | $sudo_cmd tee -a "$conf" >/dev/null
  fi
}
set_conf Out "$out_dir"
set_conf AnonDirName "$out_dir"
set_conf Label 2
set_conf TitlePref 1  # name files after the CUPS job title (QPrinter.setDocName)
$sudo_cmd mkdir -p "$out_dir"
$sudo_cmd chmod 1777 "$out_dir"

# 3. The scheduler.
scheduler_running() { lpstat -r 2>/dev/null | grep -qi "scheduler is running"; }
restart_needed=0
if [ "${#missing[@]}" -gt 0 ]; then restart_needed=1; fi
if ! scheduler_running; then
  echo "cups_setup: starting cupsd"
  $sudo_cmd mkdir -p /run/cups
  if command -v service >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    $sudo_cmd service cups start || true
  fi
  if ! scheduler_running; then
    $sudo_cmd /usr/sbin/cupsd  # daemonises itself (no -f)
  fi
  restart_needed=0
fi
if [ "$restart_needed" -eq 1 ] && pid="$(pgrep -x cupsd | head -n1)"; then
  $sudo_cmd kill -HUP "$pid"  # pick up the freshly installed backend
fi
for _ in $(seq 1 50); do
  scheduler_running && break
  sleep 0.2
done
if ! scheduler_running; then
  echo "cups_setup: the CUPS scheduler did not start" >&2
  exit 1
fi

# 4. The queue, enabled, accepting jobs and set as default.
if ! lpstat -p "$queue" >/dev/null 2>&1; then
  # The "no options" model keeps each page's own size (A4, A5 or a custom 80 mm roll page).
  models="$(lpinfo -m 2>/dev/null || true)"
  ppd="$(awk '$1 ~ /CUPS-PDF_noopt\.ppd$/ {print $1; exit}' <<<"$models")"
  [ -n "$ppd" ] || ppd="$(awk 'tolower($1) ~ /cups-pdf/ {print $1; exit}' <<<"$models")"
  if [ -z "$ppd" ]; then
    echo "cups_setup: no cups-pdf PPD found (lpinfo -m)" >&2
    exit 1
  fi
  echo "cups_setup: creating queue $queue (model $ppd)"
  $sudo_cmd lpadmin -p "$queue" -E -v cups-pdf:/ -m "$ppd" \
    -D "Counter test printer (cups-pdf)" -o printer-error-policy=abort-job
fi
$sudo_cmd cupsenable "$queue"
$sudo_cmd cupsaccept "$queue"
$sudo_cmd lpadmin -d "$queue"

# 5. Let the user who runs the tests stop and start the queue (cupsdisable/cupsreject in the
#    failure tests). CUPS reads group membership from the group database on every request, so
#    this works at once, without logging in again.
user="${SUDO_USER:-$(id -un)}"
if [ "$user" != root ] && ! id -nG "$user" | tr ' ' '\n' | grep -qx lpadmin; then
  echo "cups_setup: adding $user to the lpadmin group"
  $sudo_cmd usermod -aG lpadmin "$user"
fi

lpstat -p "$queue" -d
echo "cups_setup: PDFs printed to $queue land in $out_dir"
echo "$out_dir"
