#!/usr/bin/env bash
# Installs the Debian packages that tests, screenshots and packaging need, only those that are missing.
# Qt's xcb plugin needs the libxcb-* set (its error message wrongly blames libxcb-cursor0 alone);
# the browser tests use Debian's chromium, never a browser a test tool downloads; a real exFAT file system
# (mkfs.exfat, exfat-fuse on a loop device: the kernel has no exfat module) for the USB-stick naming test.
# poppler-utils: pdftoppm draws messages.pdf's pages for docs/screenshots (tests/e2e/screenshots_pdf.py).
# Quiet unless something fails: apt's progress goes to a log file that is printed only on failure.
set -euo pipefail
packages=(
  chromium xvfb xauth
  libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 libxcb-render-util0
  libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxkbcommon-x11-0
  libegl1 libgl1 libfontconfig1 libdbus-1-3 fonts-dejavu-core fonts-noto-color-emoji
  binutils dpkg-dev desktop-file-utils xz-utils poppler-utils
  exfatprogs exfat-fuse fuse3
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
# Another apt (unattended-upgrades, a second terminal, another engineer's script) may hold apt's locks.
# Waiting beats failing at once with "Could not get lock": dpkg's lock is waited for by apt itself
# (DPkg::Lock::Timeout); the package lists' lock, which `apt-get update` takes, is not covered by that
# option in every apt version, so update is retried while apt reports a lock, for up to ten minutes.
lock_wait=600
retry_every=5
apt_update() {
  local waited=0
  while true; do
    if $SUDO apt-get -o DPkg::Lock::Timeout=$lock_wait update -qq >"$log" 2>&1; then
      return 0
    fi
    if ! grep -qiE "could not get lock|unable to lock|is another process using it" "$log" ||
       [ "$waited" -ge "$lock_wait" ]; then
      return 1
    fi
    [ "$waited" -eq 0 ] && echo "Another program is using apt; waiting for it to finish ..."
    sleep "$retry_every"
    waited=$((waited + retry_every))
  done
}
if ! { apt_update &&
       DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=$lock_wait \
         install -y -qq --no-install-recommends "${missing[@]}" >>"$log" 2>&1; }; then
  echo "Installing the Debian packages failed; apt said:" >&2
  cat "$log" >&2
  rm -f "$log"
  exit 1
fi
rm -f "$log"
echo "Installed."
