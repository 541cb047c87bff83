#!/usr/bin/env bash
# Makes sure Debian's headless Chromium and its chromedriver are installed for the browser tests
# (src/test/java/cn/cq/ipmonitor/browser), with a small CJK font (fonts-wqy-microhei, 1.6 MB) so the pages'
# Chinese renders in screenshots instead of boxes. Idempotent: does nothing when all are there.
# Installs them with apt when missing and running as root; otherwise says what to run and exits 1.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
CHROMEDRIVER=/usr/bin/chromedriver
CJK_FONT=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc

if [[ -x "$CHROMIUM" && -x "$CHROMEDRIVER" && -f "$CJK_FONT" ]]; then
  exit 0
fi

if [[ "$(id -u)" -ne 0 ]]; then
  echo "ensure-chromium: $CHROMIUM, $CHROMEDRIVER or $CJK_FONT is missing and this is not root." >&2
  echo "  Install them with: sudo apt-get install -y --no-install-recommends chromium chromium-driver fonts-wqy-microhei" >&2
  exit 1
fi

echo "ensure-chromium: installing chromium, chromium-driver and fonts-wqy-microhei with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
# A fresh machine has no package lists yet; a failed update still lets install try the ones it has.
apt-get update -q >&2 || echo "ensure-chromium: apt-get update failed, trying the install anyway" >&2
apt-get install -y -q --no-install-recommends chromium chromium-driver fonts-wqy-microhei >&2

if [[ ! -x "$CHROMIUM" || ! -x "$CHROMEDRIVER" ]]; then
  echo "ensure-chromium: apt-get finished but $CHROMIUM or $CHROMEDRIVER is still missing" >&2
  exit 1
fi
echo "ensure-chromium: $("$CHROMIUM" --version 2>/dev/null || echo chromium) installed" >&2
