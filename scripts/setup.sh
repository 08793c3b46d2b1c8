#!/usr/bin/env bash
# Install what niemyet needs on a fresh Debian machine: system packages (when run as root),
# then a virtual environment in .venv/ with the project and its test tools.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(chromium fonts-dejavu-core poppler-utils wrk nodejs)
# The Nu HTML checker (tests) runs on Java; any Java 11+ already on the machine will do.
command -v java >/dev/null || APT_PACKAGES+=(default-jre-headless)
# npm comes with nodejs where nodejs is NodeSource's build; Debian's own nodejs needs its npm.
command -v npm >/dev/null || APT_PACKAGES+=(npm)
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: apt-get install ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check --upgrade pip
.venv/bin/pip install -q --disable-pip-version-check -e '.[test]'

# Page checkers from npm, pinned in package-lock.json: vnu-jar (the Nu HTML checker, used by
# tests/test_html.py) and lighthouse (bench/pages.py). --ignore-scripts: vnu-jar's install
# script would download a Java runtime; Debian's is used instead.
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.niemyet-lock; then
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.niemyet-lock
fi
