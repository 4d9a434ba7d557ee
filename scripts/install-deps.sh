#!/usr/bin/env bash
# Installs the Debian packages pio-agent needs to build, test and run, when they are missing.
# Usage: scripts/install-deps.sh [build|test|run]   (default: test)
set -euo pipefail

purpose=${1:-test}
packages=(pkg-config libudev-dev libmosquitto-dev python3)
case "$purpose" in
  build) ;;
  run) packages+=(udev mosquitto openssl) ;;
  test|bench) packages+=(udev systemd util-linux mosquitto mosquitto-clients openssl) ;;
  *) echo "usage: $0 [build|test|run|bench]" >&2; exit 2 ;;
esac

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ $status == "install ok installed" ]] || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "installing missing packages: ${missing[*]}" >&2
if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null; then
  sudo=(sudo)
else
  echo "error: run as root or install: apt-get install ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
