#!/usr/bin/env bash
# Installs the Debian packages the tests use, only when some are missing (run as root, or it uses sudo).
set -euo pipefail
# package:command-that-proves-it-is-there
needed=(chromium:chromium redis-server:redis-server espeak-ng:espeak-ng sox:sox opus-tools:opusdec xvfb:Xvfb xdotool:xdotool xclip:xclip patch:patch)
missing=()
for item in "${needed[@]}"; do
  pkg=${item%%:*}; cmd=${item##*:}
  command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "test dependencies: all present"
  exit 0
fi
echo "test dependencies: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "test dependencies: installed ${missing[*]}"
