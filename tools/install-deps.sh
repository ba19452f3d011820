#!/usr/bin/env bash
# Installs the Debian packages studio builds against, only those missing: as root directly,
# otherwise through sudo; when neither works it says what to run.
set -u
missing=()
for package in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "studio: installing missing Debian packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
    runner=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    runner=(sudo)
else
    echo "studio: cannot install packages (not root, no password-less sudo). Run:" >&2
    echo "    sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${runner[@]}" apt-get update -qq || { echo "studio: apt-get update failed" >&2; exit 1; }
"${runner[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || { echo "studio: apt-get install failed for: ${missing[*]}" >&2; exit 1; }
echo "studio: installed ${missing[*]}"
