#!/usr/bin/env bash
# Installs the Debian packages that tests, screenshots and packaging need, only those that are missing.
# Qt's xcb plugin needs the libxcb-* set (its error message wrongly blames libxcb-cursor0 alone);
# the browser tests use Debian's chromium, never a browser a test tool downloads.
# Quiet unless something fails: apt's progress goes to a log file that is printed only on failure.
set -euo pipefail
packages=(
  chromium xvfb xauth
  libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 libxcb-render-util0
  libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxkbcommon-x11-0
  libegl1 libgl1 libfontconfig1 libdbus-1-3 fonts-dejavu-core fonts-noto-color-emoji
  binutils dpkg-dev desktop-file-utils xz-utils
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing Debian packages: ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
log="$(mktemp "${TMPDIR:-/tmp}/mmexport-sysdeps.XXXXXX.log")"
if ! { $SUDO apt-get update -qq &&
       DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"; } \
     >"$log" 2>&1; then
  echo "Installing the Debian packages failed; apt said:" >&2
  cat "$log" >&2
  rm -f "$log"
  exit 1
fi
rm -f "$log"
echo "Installed."
