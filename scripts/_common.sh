# Shared by scripts/run.sh and scripts/test.sh: apt and venv steps, each idempotent.
set -euo pipefail

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# apt_need PKG...: install the Debian packages that are missing, with one apt-get update.
apt_need() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "==> apt-get install ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# venv_with REQFILE: create .venv (Python 3.11) and install REQFILE once per content hash.
venv_with() {
  local req="$1" py
  py=$(command -v python3.11 || command -v python3)
  if [ ! -x .venv/bin/python ]; then
    "$py" -m venv .venv 2>/dev/null || { apt_need python3-venv; rm -rf .venv; "$py" -m venv .venv; }
  fi
  local stamp=".venv/.installed-$(basename "$req")" want
  want=$(cat requirements*.txt | sha256sum | cut -c1-16)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "==> pip install -r $req"
    .venv/bin/python -m pip install -q --disable-pip-version-check -r "$req"
    echo "$want" > "$stamp"
  fi
}
