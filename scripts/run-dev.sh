#!/usr/bin/env bash
# `make run`: a development broker and agent on this checkout, in .run/.
#
# Starts mosquitto on 127.0.0.1:$PIO_DEV_BROKER_PORT (default 18883) with TLS (development
# certificates from deploy/mosquitto/dev-pki.sh), the contract's ACL and two users: the
# agent (dev-agent) and a developer (dev). Then runs pio-agentd in the foreground with
# .run/agent.toml; when the agent exits, the broker is stopped.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
run=$root/.run
broker=$run/broker
port=${PIO_DEV_BROKER_PORT:-18883}
bin=${1:-$root/.build/release}
agent=dev-agent
developer=dev

mkdir -p "$broker"
"$root/deploy/mosquitto/dev-pki.sh" "$broker/pki" >/dev/null 2>&1
for user in "$agent" "$developer"; do
	if [[ ! -s $broker/$user.password ]]; then
		(umask 077 && openssl rand -hex 16 >"$broker/$user.password")
		"$root/deploy/mosquitto/add-user.sh" "$broker/passwd" "$user" "$broker/$user.password" >/dev/null
	fi
done
cp "$root/deploy/mosquitto/acl" "$broker/acl"
cat >"$broker/mosquitto.conf" <<CONF
# Written by scripts/run-dev.sh; the production example is deploy/mosquitto/mosquitto.conf.
per_listener_settings false
allow_anonymous false
password_file $broker/passwd
acl_file $broker/acl
persistence false
set_tcp_nodelay true
max_queued_messages 100000
log_dest file $broker/mosquitto.log
$([[ $(id -u) -eq 0 ]] && echo "user root")
listener $port 127.0.0.1
cafile $broker/pki/ca.crt
certfile $broker/pki/server.crt
keyfile $broker/pki/server.key
tls_version tlsv1.2
CONF

: >"$broker/mosquitto.log"
mosquitto -c "$broker/mosquitto.conf" &
broker_pid=$!
trap 'kill "$broker_pid" 2>/dev/null || true; wait "$broker_pid" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
	grep -q " running" "$broker/mosquitto.log" 2>/dev/null && break
	kill -0 "$broker_pid" 2>/dev/null || { cat "$broker/mosquitto.log" >&2; echo "mosquitto did not start" >&2; exit 1; }
	sleep 0.1
done

if [[ ! -f $run/agent.toml ]]; then
	sed -e "s|@RUNDIR@|$run|g" -e "s|@PORT@|$port|g" "$root/deploy/agent.dev.toml" >"$run/agent.toml"
fi

cat <<NOTE
Broker: mqtts://127.0.0.1:$port (log: $broker/mosquitto.log). In another shell:
  export PIO_AGENT_SOCKET=$run/control.sock
  export PIOCTL_BROKER=mqtts://127.0.0.1:$port PIOCTL_USERNAME=$developer PIOCTL_CA_FILE=$broker/pki/ca.crt
  export PIO_AUTH_TOKEN=$(cat "$broker/$developer.password")
  $bin/pioctl status
  $bin/pioctl remote device list
NOTE
"$bin/pio-agentd" --config "$run/agent.toml"
