#!/usr/bin/env bash
# Run the app with demo data: the command README.md shows.
#   scripts/run.sh [demo args...]
# First run creates .venv from requirements-lock.txt plus an editable install of the project.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/ensure-venv.sh
exec .venv/bin/madoguchi demo "$@"
