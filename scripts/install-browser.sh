#!/bin/sh
# Debian's Chromium (driven by Playwright in the browser tests, tests/test_e2e_*.py; Playwright never downloads
# a browser) and Thai fonts, so Thai renders as text and not as boxes. Non-interactive; a no-op when
# /usr/bin/chromium and a Thai font are already there. Run as root, or as a user with sudo.
# Recommends stay on (fonts-liberation, libgl1-mesa-dri, ...): the set the test is verified with.
set -eu

have_all() {
  [ -x /usr/bin/chromium ] && command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=th family 2>/dev/null)" ]
}

if have_all; then
  exit 0
fi

sh "$(dirname "$0")/apt-install.sh" install-browser.sh chromium fonts-thai-tlwg fontconfig

if ! have_all; then
  echo "install-browser.sh: installed chromium fonts-thai-tlwg fontconfig, but /usr/bin/chromium or a Thai font is still missing" >&2
  exit 1
fi
