#!/usr/bin/env bash
# Run the test suite: the one command README.md shows and .ci/run calls.
#   scripts/test.sh [pytest args...]
# First run creates .venv from requirements-lock.txt plus an editable install of the project;
# later runs only make sure the editable install is still there.
# PostgreSQL is started by the test fixtures themselves (tests/pgcluster.py).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/system-packages.sh

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
elif ! .venv/bin/python -m pip show -q madoguchi >/dev/null 2>&1; then
    .venv/bin/python -m pip install --no-deps -e .
fi

exec .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
