#!/usr/bin/env bash
# Make sure .venv exists with the locked dependencies and Madoguchi installed (editable).
# Shared by scripts/run.sh and scripts/test.sh so both set up a fresh machine the same way.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ ! -x .venv/bin/python ]]; then
    # One chain, so a failed install removes the half-made .venv instead of leaving it behind.
    { python3 -m venv .venv &&
        .venv/bin/python -m pip install --upgrade pip &&
        .venv/bin/python -m pip install -r requirements-lock.txt &&
        .venv/bin/python -m pip install --no-deps -e .; } || {
        rm -rf .venv
        echo "ensure-venv: could not create .venv (see above)" >&2
        exit 1
    }
elif [[ ! -x .venv/bin/madoguchi ]]; then
    .venv/bin/python -m pip install --no-deps -e .
fi
