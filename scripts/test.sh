#!/usr/bin/env bash
# Quickstart 2: install what the tests need (dev requirements, Debian's Chromium, fonts,
# PostgreSQL, poppler), start PostgreSQL, then lint, type-check and run the whole suite.
cd "$(dirname "$0")/.."
source scripts/_common.sh
apt_need chromium chromium-driver fonts-noto-core postgresql poppler-utils
venv_with requirements-dev.txt

# A real PostgreSQL server for the store tests (the shared-mode database).
pgver=$(ls /usr/lib/postgresql | sort -n | tail -1)
pg_lsclusters -h | grep -q "^$pgver main" || as_root pg_createcluster "$pgver" main >/dev/null
pg_lsclusters -h | grep "^$pgver main" | grep -q online || as_root pg_ctlcluster "$pgver" main start
as_root su postgres -c "psql -qtc \"SELECT 1 FROM pg_roles WHERE rolname='parley'\" | grep -q 1 || psql -qc \"CREATE ROLE parley LOGIN SUPERUSER PASSWORD 'parley'\"" >/dev/null
as_root su postgres -c "psql -qtc \"SELECT 1 FROM pg_database WHERE datname='parley_test'\" | grep -q 1 || createdb -O parley parley_test"
export PARLEY_TEST_PG_URL="postgresql+psycopg://parley:parley@127.0.0.1:5432/parley_test"
export PARLEY_REQUIRE_PG=1 PARLEY_REQUIRE_BROWSER=1

echo "==> ruff";   .venv/bin/ruff check parley tests bench pages dashboard.py serve.py
echo "==> mypy --strict parley"; .venv/bin/mypy
echo "==> pytest"; exec .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
