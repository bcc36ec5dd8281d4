#!/bin/sh
# Debian's Pango (with HarfBuzz shaping and libthai's Thai word breaks), which WeasyPrint renders the board
# pack's PDF with (kmdash/report/pack). Non-interactive; a no-op when the libraries are already there. Run as
# root, or as a user with sudo.
set -eu

have_all() {
  ldconfig -p | grep -q 'libpango-1.0.so.0' && ldconfig -p | grep -q 'libpangoft2-1.0.so.0' &&
    ldconfig -p | grep -q 'libthai.so.0' && ldconfig -p | grep -q 'libharfbuzz-subset.so.0'
}

if have_all; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "install-system.sh: Pango is missing; run this script as root (apt-get install needs it)" >&2
  exit 1
fi

$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libthai0 fontconfig >/dev/null

if ! have_all; then
  echo "install-system.sh: installed Pango, but its libraries are still missing" >&2
  exit 1
fi
