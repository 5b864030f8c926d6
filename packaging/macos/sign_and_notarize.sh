#!/usr/bin/env bash
# Signs the .app (and later the .dmg) with a Developer ID and sends the .dmg to Apple's notary service.
# Used by the release workflow only when the signing secrets exist; unsigned builds skip it.
#   sign_and_notarize.sh sign-app "dist/Mattermost Export Assistant.app"
#   sign_and_notarize.sh notarize dist/mmexport-<version>-macos-<arch>.dmg
# Environment: MACOS_CERTIFICATE (base64 .p12), MACOS_CERTIFICATE_PASSWORD, MACOS_SIGNING_IDENTITY,
# and for notarising MACOS_NOTARY_APPLE_ID, MACOS_NOTARY_TEAM_ID, MACOS_NOTARY_PASSWORD.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

import_certificate() {
  local keychain="$RUNNER_TEMP/signing.keychain-db" password
  password="$(uuidgen)"
  echo "$MACOS_CERTIFICATE" | base64 --decode > "$RUNNER_TEMP/certificate.p12"
  security create-keychain -p "$password" "$keychain"
  security set-keychain-settings -lut 21600 "$keychain"
  security unlock-keychain -p "$password" "$keychain"
  security import "$RUNNER_TEMP/certificate.p12" -P "$MACOS_CERTIFICATE_PASSWORD" -A -t cert -f pkcs12 -k "$keychain"
  security set-key-partition-list -S apple-tool:,apple: -k "$password" "$keychain" >/dev/null
  security list-keychains -d user -s "$keychain" $(security list-keychains -d user | tr -d '"')
  rm -f "$RUNNER_TEMP/certificate.p12"
}

case "$1" in
  sign-app)
    import_certificate
    app="$2"
    # Inside out: every library and executable first, then the bundle itself.
    find "$app/Contents" -type f \( -name "*.so" -o -name "*.dylib" -o -perm -u+x \) -print0 |
      xargs -0 codesign --force --timestamp --options runtime \
        --entitlements "$here/entitlements.plist" --sign "$MACOS_SIGNING_IDENTITY"
    codesign --force --timestamp --options runtime --entitlements "$here/entitlements.plist" \
      --sign "$MACOS_SIGNING_IDENTITY" "$app"
    codesign --verify --deep --strict --verbose=2 "$app"
    ;;
  sign-dmg)
    codesign --force --timestamp --sign "$MACOS_SIGNING_IDENTITY" "$2"
    ;;
  notarize)
    xcrun notarytool submit "$2" --apple-id "$MACOS_NOTARY_APPLE_ID" --team-id "$MACOS_NOTARY_TEAM_ID" \
      --password "$MACOS_NOTARY_PASSWORD" --wait
    xcrun stapler staple "$2"
    ;;
  *)
    echo "usage: $0 sign-app APP | sign-dmg DMG | notarize DMG" >&2
    exit 2
    ;;
esac
