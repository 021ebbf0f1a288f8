#!/usr/bin/env bash
# Set up a fresh machine and run diplograph's main job on the bundled examples:
# code the articles into an embedded SQLite graph, then ask it questions.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e .
DB=${DIPLOGRAPH_DB:-example.db}
rm -f "$DB"
.venv/bin/diplograph ingest examples/ --db "$DB"
echo; echo "== diplograph recognition ABK --as-of 2008-09-01"
.venv/bin/diplograph recognition ABK --as-of 2008-09-01 --db "$DB"
echo; echo "== diplograph relations SAU IRN"
.venv/bin/diplograph relations SAU IRN --db "$DB"
echo; echo "== diplograph events --type expel_diplomat"
.venv/bin/diplograph events --type expel_diplomat --db "$DB"
