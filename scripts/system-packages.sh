#!/usr/bin/env bash
# System packages the tests need: PostgreSQL binaries (the tests start their own throwaway
# cluster), tmux, Chromium (browser tests) and zbarimg (reads ticket QR codes in the web
# tests). Installs only what is missing, with apt, and only when running as root; otherwise
# it says what to install.
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive
apt_updated=0
apt_install() {
    if [[ $(id -u) != 0 ]]; then
        echo "system-packages: please install: $*" >&2
        return 1
    fi
    if [[ $apt_updated == 0 ]]; then
        apt-get update -q && apt_updated=1
    fi
    apt-get install -y -q --no-install-recommends "$@"
}

have_pg_binaries() {
    { command -v initdb && command -v pg_ctl; } >/dev/null 2>&1 ||
        compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null
}

if ! have_pg_binaries; then
    apt_install postgresql
fi
have_pg_binaries || { echo "system-packages: PostgreSQL binaries still missing" >&2; exit 1; }
if ! command -v tmux >/dev/null 2>&1; then
    apt_install tmux || echo "system-packages: WARNING: tmux missing" >&2
fi
if ! command -v chromium >/dev/null 2>&1; then
    apt_install chromium || echo "system-packages: WARNING: chromium missing; browser tests will skip" >&2
fi
if ! command -v zbarimg >/dev/null 2>&1; then
    apt_install zbar-tools || echo "system-packages: WARNING: zbarimg missing; the QR browser test will skip" >&2
fi
if ! compgen -G '/usr/share/fonts/opentype/noto/NotoSansCJK*' >/dev/null; then
    apt_install fonts-noto-cjk || echo "system-packages: WARNING: no CJK font; browser screenshots show boxes" >&2
fi
