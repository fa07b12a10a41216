#!/bin/sh
# Installs what tests/test_browser.py needs, skipping whatever is already present:
# Debian's chromium and chromium-driver, and the npm package axe-core (into .ci/node/,
# which git ignores through tests/artifacts-style local folders; see .ci/node/.gitignore).
set -eu
here=$(cd "$(dirname "$0")" && pwd)

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    if command -v apt-get >/dev/null 2>&1; then
        sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        $sudo apt-get update -q
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends \
            chromium chromium-driver fonts-dejavu-core
    else
        echo "setup-browser: no apt-get; install Chromium and chromedriver by hand" >&2
    fi
fi

node_dir="$here/node"
if [ ! -f "$node_dir/node_modules/axe-core/axe.min.js" ]; then
    if command -v npm >/dev/null 2>&1; then
        mkdir -p "$node_dir"
        printf '*\n' > "$node_dir/.gitignore"
        npm install --prefix "$node_dir" --no-save --no-audit --no-fund --silent axe-core@4
    else
        echo "setup-browser: no npm; install axe-core by hand into $node_dir" >&2
    fi
fi
