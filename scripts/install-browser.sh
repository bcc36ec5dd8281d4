#!/bin/sh
# Debian's Chromium (driven by Playwright in the end-to-end test) and Thai fonts for its screenshots.
set -e
if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi "garuda\|loma\|norasi\|kinnari"; then
  exit 0
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-thai-tlwg fontconfig >/dev/null
