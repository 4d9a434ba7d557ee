#!/usr/bin/env bash
# Installs the Debian packages pio-agent needs to build, test and run, when they are missing,
# and for tests the Python test peers (python-zeroconf; jeepney, for avahi's D-Bus API; pyserial, the RFC 2217 client) in
# .build/test-venv. The tests run avahi-daemon and dbus-daemon of their own in network namespaces,
# whether or not the machine runs its own avahi-daemon.
# bench adds ser2net, the serial peer bench/ser2net_peer.py runs on a config of its own; on a host with
# systemd, Debian's package also enables ser2net.service (/etc/ser2net.yaml: localhost ports 2000-3001
# onto ttyS0/ttyS1, opened only when a client connects), which the bench does not use.
# Usage: scripts/install-deps.sh [build|test|run|bench]   (default: test)
set -euo pipefail

purpose=${1:-test}
packages=(pkg-config libudev-dev libmosquitto-dev python3)
case "$purpose" in
  build) ;;
  run) packages+=(udev mosquitto openssl) ;;
  test) packages+=(udev systemd util-linux iproute2 mosquitto mosquitto-clients openssl python3-venv
                  avahi-daemon avahi-utils dbus-daemon libxml2-utils) ;;
  bench) packages+=(udev systemd util-linux iproute2 mosquitto mosquitto-clients openssl python3-venv curl
                   ser2net) ;;
  *) echo "usage: $0 [build|test|run|bench]" >&2; exit 2 ;;
esac

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ $status == "install ok installed" ]] || missing+=("$package")
done

# The Python peers of the tests, pinned, in a virtualenv of the checkout (PyPI).
test_venv() {
  [[ $purpose == test || $purpose == bench ]] || return 0
  local root venv
  root=$(cd "$(dirname "$0")/.." && pwd)
  venv=$root/.build/test-venv
  "$venv/bin/python" -c 'import zeroconf, jeepney, serial' 2>/dev/null && return 0
  echo "installing the Python test peers into $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check zeroconf==0.154.0 jeepney==0.9.0 pyserial==3.5
}

if [[ ${#missing[@]} -eq 0 ]]; then
  test_venv
  exit 0
fi

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
test_venv
