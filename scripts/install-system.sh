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

sh "$(dirname "$0")/apt-install.sh" install-system.sh \
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libthai0 fontconfig

if ! have_all; then
  echo "install-system.sh: installed Pango, but its libraries are still missing" >&2
  exit 1
fi
