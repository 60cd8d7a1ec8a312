#!/usr/bin/env bash
# The browser test (npm run test:browser) drives Debian's Chromium through playwright-core, which
# downloads no browser: install the distribution's package when it is missing.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  /usr/bin/chromium --version
  exit 0
fi
echo "Chromium is missing: installing Debian's package"
as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
"${as_root[@]}" apt-get update
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y chromium
/usr/bin/chromium --version
