#!/usr/bin/env bash
# Put ocplan in the Linux desktop's menu for this user: the .desktop file and the icon, in the XDG
# folders ($XDG_DATA_HOME, by default ~/.local/share). Nothing outside them is touched.
#   packaging/install-desktop.sh [PROGRAM]     PROGRAM: the ocplan to start (default: the bundle
#                                               in dist/ocplan, else `ocplan` on the PATH)
#   packaging/install-desktop.sh --uninstall    take them out again
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
applications="$data/applications"
icons="$data/icons/hicolor"

if [ "${1:-}" = "--uninstall" ]; then
    rm -f "$applications/ocplan.desktop" "$icons/scalable/apps/ocplan.svg" "$icons/256x256/apps/ocplan.png"
    echo "removed ocplan from $applications and $icons"
    exit 0
fi

program="${1:-}"
if [ -z "$program" ]; then
    if [ -x "$root/dist/ocplan/ocplan" ]; then
        program="$root/dist/ocplan/ocplan"
    elif command -v ocplan >/dev/null 2>&1; then
        program="$(command -v ocplan)"
    else
        echo "install-desktop.sh: no ocplan to start: build the bundle (packaging/build.sh) or name the program" >&2
        exit 2
    fi
fi
if [ ! -x "$program" ]; then
    echo "install-desktop.sh: $program is not a program that can be run" >&2
    exit 2
fi
program="$(cd "$(dirname "$program")" && pwd)/$(basename "$program")"

mkdir -p "$applications" "$icons/scalable/apps" "$icons/256x256/apps"
# Exec takes the program's path quoted (it may hold spaces); a backslash or quote in it is escaped.
quoted="\"$(printf '%s' "$program" | sed -e 's/[\\"`$]/\\\\&/g')\""
plain="$(printf '%s' "$program" | sed -e 's/\\/\\\\/g')"  # TryExec is a plain string
sed -e "s|@EXEC@|$(printf '%s' "$quoted" | sed -e 's/[|&\\]/\\&/g')|g" \
    -e "s|@TRYEXEC@|$(printf '%s' "$plain" | sed -e 's/[|&\\]/\\&/g')|g" \
    "$here/ocplan.desktop" > "$applications/ocplan.desktop.partial"
mv "$applications/ocplan.desktop.partial" "$applications/ocplan.desktop"
install -m 644 "$root/resources/icons/ocplan.svg" "$icons/scalable/apps/ocplan.svg"
install -m 644 "$root/resources/icons/ocplan.png" "$icons/256x256/apps/ocplan.png"
# Tell the desktop, where it has the tools (it also notices by itself a moment later).
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$icons" 2>/dev/null || true
echo "installed $applications/ocplan.desktop (starts $program) and the icon in $icons"
