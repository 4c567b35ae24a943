#!/usr/bin/env bash
# Build the one-folder bundle with PyInstaller and smoke-test it on a fresh demo workspace.
#   packaging/build.sh            builds into dist/ocplan/ and runs `dist/ocplan/ocplan --smoke`
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check --editable ".[build]"

start=$(date +%s)
.venv/bin/python -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/ocplan.spec
echo "built dist/ocplan in $(( $(date +%s) - start )) s, $(du -sh dist/ocplan | cut -f1)"

# Smoke test: a fresh demo workspace made by the bundle, then the window over it, every view visited.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" QT_QPA_PLATFORM=offscreen
# One version: the bundle says the number the package holds (and the wheel and Help ▸ About show).
expected="ocplan $(.venv/bin/python -c 'import ocplan_desktop; print(ocplan_desktop.__version__)')"
actual="$(dist/ocplan/ocplan --version)"
[ "$actual" = "$expected" ] || { echo "the bundle says '$actual', not '$expected'" >&2; exit 1; }
dist/ocplan/ocplan demo "$scratch/demo.ocplan"
dist/ocplan/ocplan summary --db "$scratch/demo.ocplan" | head -n 8
dist/ocplan/ocplan --db "$scratch/demo.ocplan" --smoke
# Team sync's PostgreSQL client loads in the bundle: a server that is not there is one line.
if dist/ocplan/ocplan server init --server "postgresql://nobody@127.0.0.1:9/none" 2>"$scratch/err"; then
    echo "server init against no server should fail" >&2; exit 1
fi
grep -q "cannot reach the team server" "$scratch/err" || { cat "$scratch/err" >&2; exit 1; }
echo "bundle smoke test passed"
