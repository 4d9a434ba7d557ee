#!/usr/bin/env bash
# Development certificates for a pio-agent broker. Not for production: the CA key sits
# unencrypted next to the certificates.
#
#   dev-pki.sh DIR [HOST...]      a CA (ca.key, ca.crt) and a server certificate (server.key,
#                                 server.crt) valid for localhost, 127.0.0.1, ::1 and each HOST
#   dev-pki.sh DIR --client NAME  a client certificate (NAME.key, NAME.crt, CN=NAME) for
#                                 mutual TLS (use_identity_as_username)
#
# A file that already exists is left alone, so running the script again changes nothing; delete
# a file to make it again. The CA is made when missing. Keys are EC P-256, mode 0600;
# certificates are valid for 825 days.
set -euo pipefail

DAYS=825
NAME_RE='^[A-Za-z0-9._-]{1,64}$'

usage() {
	echo "usage: $0 DIR [HOST...]" >&2
	echo "       $0 DIR --client NAME" >&2
	exit 2
}

die() {
	echo "$0: $*" >&2
	exit 1
}

[ $# -ge 1 ] || usage
case "$1" in -h | --help) usage ;; esac
dir=$1
shift

mode=server
client=
if [ $# -ge 1 ] && [ "$1" = --client ]; then
	[ $# -eq 2 ] || usage
	mode=client
	client=$2
	[[ $client =~ $NAME_RE ]] || die "client name '$client' must match $NAME_RE"
	case "$client" in ca | server) die "'$client' is taken by the CA or server files; choose another name" ;; esac
fi

command -v openssl >/dev/null || die "openssl is not installed"
mkdir -p "$dir"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Keys are written with mode 0600; everything is made in $tmp and moved into place when
# complete, so an interrupted run never leaves a half-written file that a rerun would keep.
umask 077

# Runs openssl quietly; its messages are shown only when it fails.
ossl() {
	if ! openssl "$@" 2>"$tmp/stderr"; then
		cat "$tmp/stderr" >&2
		die "openssl $1 failed"
	fi
}

newkey() { # $1: destination path of a new key in $tmp
	ossl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:prime256v1 -out "$1"
}

serial() {
	echo "0x$(openssl rand -hex 16)"
}

publish() { # $1: file in $tmp, $2: destination, $3: mode
	chmod "$3" "$1"
	mv "$1" "$2"
	echo "wrote $2"
}

make_ca() {
	if [ ! -e "$dir/ca.key" ]; then
		[ ! -e "$dir/ca.crt" ] || die "$dir/ca.crt exists without ca.key; remove it or supply the key"
		newkey "$tmp/ca.key"
		publish "$tmp/ca.key" "$dir/ca.key" 600
	fi
	if [ ! -e "$dir/ca.crt" ]; then
		cat >"$tmp/ca.cnf" <<-'EOF'
			[req]
			distinguished_name = dn
			x509_extensions = ext
			prompt = no
			[dn]
			CN = pio-agent development CA
			[ext]
			basicConstraints = critical, CA:TRUE, pathlen:0
			keyUsage = critical, keyCertSign, cRLSign
			subjectKeyIdentifier = hash
			authorityKeyIdentifier = keyid:always
		EOF
		ossl req -x509 -new -config "$tmp/ca.cnf" -key "$dir/ca.key" -sha256 \
			-days "$DAYS" -set_serial "$(serial)" -out "$tmp/ca.crt"
		publish "$tmp/ca.crt" "$dir/ca.crt" 644
	fi
}

# $1: base name (server or the client's name), $2: CN, $3: extension lines
issue() {
	local base=$1 cn=$2 ext=$3
	[ ! -e "$dir/$base.crt" ] || return 0
	make_ca
	if [ ! -e "$dir/$base.key" ]; then
		newkey "$tmp/$base.key"
		publish "$tmp/$base.key" "$dir/$base.key" 600
	fi
	printf '[ext]\nbasicConstraints = critical, CA:FALSE\nkeyUsage = critical, digitalSignature\nsubjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\n%s\n' \
		"$ext" >"$tmp/$base.ext"
	printf '[req]\ndistinguished_name = dn\nprompt = no\n[dn]\nCN = %s\n' "$cn" >"$tmp/$base.cnf"
	ossl req -new -config "$tmp/$base.cnf" -key "$dir/$base.key" -out "$tmp/$base.csr"
	ossl x509 -req -in "$tmp/$base.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" \
		-set_serial "$(serial)" -days "$DAYS" -sha256 \
		-extfile "$tmp/$base.ext" -extensions ext -out "$tmp/$base.crt"
	publish "$tmp/$base.crt" "$dir/$base.crt" 644
}

if [ "$mode" = client ]; then
	issue "$client" "$client" "extendedKeyUsage = clientAuth"
	exit 0
fi

san="DNS:localhost,IP:127.0.0.1,IP:::1"
for host in "$@"; do
	if [[ $host =~ ^[0-9]{1,3}(\.[0-9]{1,3}){3}$ ]] || [[ $host == *:* && $host =~ ^[0-9A-Fa-f:.]+$ ]]; then
		san+=",IP:$host"
	elif [[ $host =~ ^(\*\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$ ]]; then
		san+=",DNS:$host"
	else
		die "'$host' is neither an IP address nor a DNS name"
	fi
done
cn=${1:-localhost}
if [ -e "$dir/server.crt" ]; then
	[ $# -eq 0 ] || echo "$dir/server.crt exists and is kept; delete it to issue one for: $*" >&2
	exit 0
fi
issue server "$cn" "extendedKeyUsage = serverAuth
subjectAltName = $san"

if [ "$(id -u)" = 0 ] && getent passwd mosquitto >/dev/null; then
	echo "note: mosquitto reads server.key after dropping to user mosquitto; for the broker run: chown mosquitto: $dir/server.key" >&2
fi
