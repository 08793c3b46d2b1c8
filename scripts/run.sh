#!/usr/bin/env bash
# Set up, then the main job on the bundled catalogue: validate, build the site (with
# posters, open data and search index) and serve it on http://localhost:8000/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/niemyet validate
# Posters print codes to this address; on a real deployment set NIEMYET_BASE_URL to the
# public one (the build refuses localhost codes unless told they are trial prints).
.venv/bin/niemyet build --allow-localhost --base-url "${NIEMYET_BASE_URL:-http://localhost:8000/}"
exec .venv/bin/niemyet serve
