#!/usr/bin/env bash
# Run the app with demo data: the command README.md shows.
#   scripts/run.sh [demo args...]
# First run creates .venv from requirements-lock.txt plus an editable install of the project.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ ! -x .venv/bin/python ]]; then
    # One chain, so a failed install removes the half-made .venv instead of leaving it behind.
    { python3 -m venv .venv &&
        .venv/bin/python -m pip install --upgrade pip &&
        .venv/bin/python -m pip install -r requirements-lock.txt &&
        .venv/bin/python -m pip install --no-deps -e .; } || {
        rm -rf .venv
        echo "${0##*/}: could not create .venv (see above)" >&2
        exit 1
    }
elif [[ ! -x .venv/bin/madoguchi ]]; then
    .venv/bin/python -m pip install --no-deps -e .
fi

exec .venv/bin/madoguchi demo "$@"
