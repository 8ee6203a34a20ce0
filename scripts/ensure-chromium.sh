#!/usr/bin/env bash
# The browser test drives Debian's Chromium (playwright-core cannot download a browser here).
# Installs it with apt-get when it is missing, so `npm test` works on a fresh machine.
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$chromium" ] && exit 0
echo "ensure-chromium: $chromium is missing; installing Debian's chromium with apt-get" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "ensure-chromium: run as root, or install chromium yourself (or set CHROMIUM_PATH)" >&2; exit 1; }
  sudo="sudo"
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
[ -x "$chromium" ] || { echo "ensure-chromium: chromium installed, but $chromium is still missing; set CHROMIUM_PATH" >&2; exit 1; }
