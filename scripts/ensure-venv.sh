#!/usr/bin/env bash
# Make sure .venv exists with the locked dependencies and Madoguchi installed (editable).
# Shared by scripts/run.sh and scripts/test.sh so both set up a fresh machine the same way.
# The lock file's checksum is kept in .venv, so a checkout whose lock has changed since the
# venv was made (a new dependency after `git pull`) is brought up to date, not run stale.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

lock_sum() { sha256sum requirements-lock.txt pyproject.toml | sha256sum | cut -d' ' -f1; }

if [[ ! -x .venv/bin/python ]]; then
    # One chain, so a failed install removes the half-made .venv instead of leaving it behind.
    { python3 -m venv .venv &&
        .venv/bin/python -m pip install --upgrade pip &&
        .venv/bin/python -m pip install -r requirements-lock.txt &&
        .venv/bin/python -m pip install --no-deps -e . &&
        lock_sum >.venv/madoguchi-lock.sha256; } || {
        rm -rf .venv
        echo "ensure-venv: could not create .venv (see above)" >&2
        exit 1
    }
elif [[ ! -x .venv/bin/madoguchi || "$(cat .venv/madoguchi-lock.sha256 2>/dev/null)" != "$(lock_sum)" ]]; then
    echo "ensure-venv: requirements-lock.txt changed; bringing .venv up to date" >&2
    .venv/bin/python -m pip install -r requirements-lock.txt
    .venv/bin/python -m pip install --no-deps -e .
    lock_sum >.venv/madoguchi-lock.sha256
fi
