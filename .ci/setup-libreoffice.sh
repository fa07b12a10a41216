#!/bin/sh
# LibreOffice Calc for the spreadsheet tests: the template and written workbooks must open
# (and convert) in LibreOffice without repair. Idempotent: does nothing when it is present.
set -eu
if command -v libreoffice >/dev/null 2>&1 || command -v soffice >/dev/null 2>&1; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends libreoffice-calc >/dev/null
