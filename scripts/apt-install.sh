#!/bin/sh
# Debian packages installed non-interactively, as root or through sudo: the one way the set-up scripts
# (install-browser.sh, install-system.sh, start-postgres.sh) call apt-get. Prints nothing on stdout.
#   sh scripts/apt-install.sh WHO PACKAGE...   (WHO: the calling script, named in the message when it cannot)
set -eu
WHO=$1
shift

if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "$WHO: $* missing; run it as root (apt-get install needs it)" >&2
  exit 1
fi

$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
