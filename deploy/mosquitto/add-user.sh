#!/usr/bin/env bash
# Adds a user to a mosquitto password file, or sets the password of an existing one.
#
#   add-user.sh PASSWD_FILE USER [PASSWORD_FILE|-]
#
# The password is the first line of PASSWORD_FILE, or of standard input with "-". Without a
# third argument a random password is generated and printed on standard output (the only thing
# ever printed there), so it can be captured:  pw=$(add-user.sh /etc/mosquitto/pio/passwd farm-01)
#
# USER is an agent's name (an agent logs in with its own name) or a developer's user name:
# 1 to 64 of A-Z a-z 0-9 . _ -
#
# The password file is created when missing and kept at mode 0600. mosquitto reads it after
# dropping privileges to user "mosquitto" (at start and on every reload), so when this script
# runs as root and that user exists, the file is given to it. Reload the broker afterwards:
# systemctl reload mosquitto (or kill -HUP its pid).
set -euo pipefail

NAME_RE='^[A-Za-z0-9._-]{1,64}$'

usage() {
	echo "usage: $0 PASSWD_FILE USER [PASSWORD_FILE|-]" >&2
	exit 2
}

die() {
	echo "$0: $*" >&2
	exit 1
}

[ $# -eq 2 ] || [ $# -eq 3 ] || usage
file=$1
user=$2
source=${3:-}

[[ $user =~ $NAME_RE ]] || die "user name '$user' must match $NAME_RE"
command -v mosquitto_passwd >/dev/null || die "mosquitto_passwd is not installed (Debian: apt-get install mosquitto)"

generated=false
if [ -z "$source" ]; then
	command -v openssl >/dev/null || die "openssl is not installed; give the password in a file or on standard input"
	password=$(openssl rand -base64 24)
	generated=true
elif [ "$source" = - ]; then
	IFS= read -r password || [ -n "${password:-}" ] || die "no password on standard input"
else
	[ -r "$source" ] || die "cannot read $source"
	IFS= read -r password <"$source" || [ -n "${password:-}" ] || die "$source is empty"
fi
password=${password%$'\r'}
[ -n "$password" ] || die "the password is empty"

if [ -e "$file" ]; then
	[ -f "$file" ] || die "$file is not a regular file"
	if awk -F: -v u="$user" '$1 == u { found = 1 } END { exit !found }' "$file"; then
		action=updated
	else
		action=added
	fi
	create=()
else
	mkdir -p -- "$(dirname -- "$file")"
	action=added
	# -c truncates an existing file: used only when there is none.
	create=(-c)
fi
# A new file (and mosquitto_passwd's temporary copy) is made with mode 0600.
umask 077

# The password goes through a pipe (mosquitto_passwd asks for it twice) rather than -b, which
# would show it in the process list to every local user.
if ! out=$(printf '%s\n%s\n' "$password" "$password" | mosquitto_passwd "${create[@]}" "$file" "$user" 2>&1); then
	printf '%s\n' "$out" | sed -e 's/Password: //g; s/Reenter password: //g; /^$/d' >&2
	die "mosquitto_passwd failed for $file"
fi

chmod 600 "$file"
if [ "$(id -u)" = 0 ] && getent passwd mosquitto >/dev/null; then
	chown mosquitto: "$file"
fi

echo "$action user $user in $file" >&2
if $generated; then
	printf '%s\n' "$password"
fi
