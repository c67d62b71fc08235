#!/usr/bin/env bash
# Install everything FreshFlow's tests need and run the whole suite on SQLite and PostgreSQL.
#
#   bash tests/run_all.sh [pytest args...]
#
# - Debian packages (zbar-tools, poppler-utils, xvfb, libpulse0, Qt's xcb libraries): installed with
#   apt-get when missing and we are root; otherwise the script names what to install.
# - Python packages: a local virtual environment in .venv with the project and its dev extra.
# - PostgreSQL: FRESHFLOW_TEST_PG_URL, default the local server (127.0.0.1:5432, user postgres); started
#   with pg_ctlcluster when it is installed here but not running. Tests create and drop their own databases.
# - Parallel: FRESHFLOW_TEST_WORKERS pytest-xdist worker processes (default 3; 0 runs the tests serially in
#   one process). A later -n in the arguments wins as well.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(zbar-tools poppler-utils xvfb xauth libpulse0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4
                 libxcb-keysyms1 libxcb-shape0 libxcb-render-util0 libxcb-image0 libegl1 libgl1 libglib2.0-0
                 libdbus-1-3 libfontconfig1 fonts-noto-cjk socat)

PYTHON=${PYTHON:-python3}
# Debian's own Python needs python3-venv for "python3 -m venv" (ensurepip).
"$PYTHON" -c "import ensurepip, venv" 2>/dev/null || DEBIAN_PACKAGES+=(python3-venv)
# No PostgreSQL server reachable or installed here: install Debian's.
[[ -n "${FRESHFLOW_TEST_PG_URL:-}" ]] || command -v pg_ctlcluster >/dev/null || DEBIAN_PACKAGES+=(postgresql)

if [[ $(id -u) == 0 ]]; then
  SUDO=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  SUDO=(sudo -n)
else
  SUDO=(false)
fi

missing=()
if command -v dpkg-query >/dev/null; then
  for package in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
  done
fi
if ((${#missing[@]})); then
  if [[ ${SUDO[0]:-} != false ]]; then
    echo "== installing Debian packages: ${missing[*]}"
    "${SUDO[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Missing Debian packages: ${missing[*]}" >&2
    echo "Install them with: sudo apt-get install ${missing[*]}  (or run this script as root)" >&2
    exit 1
  fi
fi

if [[ ! -x .venv/bin/python ]]; then
  echo "== creating .venv"
  "$PYTHON" -m venv .venv
fi
echo "== installing Python packages"
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e '.[dev]'

export FRESHFLOW_TEST_PG_URL=${FRESHFLOW_TEST_PG_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/postgres}
if ! .venv/bin/python - <<'PY' 2>/dev/null
import os, psycopg
url = os.environ["FRESHFLOW_TEST_PG_URL"].replace("+psycopg", "")
psycopg.connect(url, connect_timeout=3).close()
PY
then
  if command -v pg_ctlcluster >/dev/null && [[ -d /etc/postgresql ]] && [[ ${SUDO[0]:-} != false ]]; then
    echo "== starting PostgreSQL"
    for version in $(ls /etc/postgresql); do
      "${SUDO[@]}" pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    done
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
    # A fresh Debian cluster asks for a password on 127.0.0.1 and postgres has none: give the test
    # superuser one (only when the default test URL is in use and it cannot log in yet).
    if [[ $FRESHFLOW_TEST_PG_URL == postgresql+psycopg://postgres@127.0.0.1:5432/postgres ]] && \
       ! .venv/bin/python -c "import psycopg; psycopg.connect('postgresql://postgres@127.0.0.1:5432/postgres', connect_timeout=3).close()" 2>/dev/null; then
      "${SUDO[@]}" su postgres -c "psql -qc \"ALTER USER postgres PASSWORD 'freshflow-tests'\"" >/dev/null 2>&1 || true
      export FRESHFLOW_TEST_PG_URL=postgresql+psycopg://postgres:freshflow-tests@127.0.0.1:5432/postgres
    fi
    for _ in $(seq 1 30); do
      .venv/bin/python -c "import os,psycopg; psycopg.connect(os.environ['FRESHFLOW_TEST_PG_URL'].replace('+psycopg',''), connect_timeout=2).close()" 2>/dev/null && break
      sleep 1
    done
  else
    echo "PostgreSQL is not reachable at $FRESHFLOW_TEST_PG_URL; its tests will be skipped (and fail under CI=true)." >&2
  fi
fi

export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
# Workers: measured on CI's 2-CPU machine (serial: 480 s of pytest), 2 workers took 313 s, 3 about 260 s, 4 no
# less (255-300 s) and 6 280 s: the suite is mostly CPU (Python and the PostgreSQL server), a third worker
# fills the waits on the server and on child processes, more only add contention. --dist loadfile: each test
# file stays on one worker, and tests/conftest.py's scheduler keeps each SHARED_WORKER group on one worker.
WORKERS=${FRESHFLOW_TEST_WORKERS:-3}
echo "== running the tests ($WORKERS workers)"
exec .venv/bin/python -m pytest -n "$WORKERS" --dist loadfile "$@"
