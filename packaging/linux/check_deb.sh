#!/usr/bin/env bash
# The .deb smoke test (make package-check): install the package as a person would, run the installed
# program's self-test (command line and the menu entry's program), then remove it and make sure nothing is
# left behind. The package is removed again even when a step fails.
set -euo pipefail
cd "$(dirname "$0")/../.."
version=$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -n1)
deb="dist/mmexport_${version}_$(dpkg --print-architecture).deb"
[ -f "$deb" ] || { echo "no $deb: run make package first" >&2; exit 1; }
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"

remove() { $SUDO dpkg -r mmexport >/dev/null 2>&1 || true; }
trap remove EXIT

echo "== install $deb"
if ! $SUDO dpkg -i "$deb"; then
  echo "== dpkg -i left dependencies open; installing them with apt-get"
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -f -y -qq --no-install-recommends
fi
dpkg-query -W -f='${Status} ${Version}\n' mmexport | grep -q "install ok installed $version"

echo "== installed files"
test -x /opt/mmexport/mmexport
test "$(readlink /usr/bin/mmexport)" = /opt/mmexport/mmexport
test "$(readlink /usr/bin/mmexport-gui)" = /opt/mmexport/mmexport
test -f /usr/share/applications/mmexport.desktop
test -f /usr/share/icons/hicolor/256x256/apps/mmexport.png
if command -v desktop-file-validate >/dev/null; then desktop-file-validate /usr/share/applications/mmexport.desktop; fi
# (no `tee /dev/stderr`: opening /dev/stderr truncates a log file that stderr points to)
shown=$(/usr/bin/mmexport --version)
echo "$shown"
[ "$shown" = "mmexport $version" ]

echo "== self-test of the installed program"
export QT_QPA_PLATFORM=offscreen
( cd / && /usr/bin/mmexport --self-test )
( cd / && /usr/bin/mmexport-gui --self-test | tail -n1 )

echo "== remove"
trap - EXIT
$SUDO dpkg -r mmexport
if [ -e /opt/mmexport ] || [ -e /usr/bin/mmexport ] || [ -e /usr/bin/mmexport-gui ] \
   || [ -e /usr/share/applications/mmexport.desktop ]; then
  echo "FAIL: files left behind after dpkg -r:" >&2
  ls -la /opt/mmexport /usr/bin/mmexport* /usr/share/applications/mmexport.desktop 2>&1 >&2 || true
  exit 1
fi
if dpkg-query -W -f='${Status}' mmexport 2>/dev/null | grep -q "installed"; then
  echo "FAIL: dpkg still lists mmexport as installed" >&2
  exit 1
fi
echo "ok  the .deb installs, passes its self-test and removes cleanly"
