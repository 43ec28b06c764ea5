#!/usr/bin/env bash
# Quickstart 1: install, ingest the sample corpus into embedded SQLite if empty, start the dashboard.
cd "$(dirname "$0")/.."
source scripts/_common.sh
venv_with requirements.txt
.venv/bin/python -m parley ingest data/articles --if-empty
echo "==> Parley on http://localhost:${PARLEY_PORT:-8501}"
exec .venv/bin/streamlit run serve.py --server.port "${PARLEY_PORT:-8501}" \
  --server.headless true --browser.gatherUsageStats false
