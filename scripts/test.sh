#!/usr/bin/env bash
# Run the test suite: the one command README.md shows and .ci/run calls.
#   scripts/test.sh [pytest args...]
# Installs the system packages the tests need when missing (PostgreSQL binaries, tmux,
# Chromium), creates .venv on first run, then runs pytest. PostgreSQL itself is started by
# the test fixtures (tests/pgcluster.py: initdb + pg_ctl on a free loopback port).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/system-packages.sh
bash scripts/ensure-venv.sh
exec .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
