#!/bin/sh
# Installs the Debian packages that building and testing xano-mcp need,
# only those that are missing, and says nothing when all are there.
# Used by test/run.sh and examples/quickstart.sh. Debian 12 (bookworm).
set -eu

packages='meson ninja-build pkg-config gcc clang scdoc
libyajl-dev libcurl4-openssl-dev libmbedtls-dev libsecret-1-dev check
gnome-keyring dbus dbus-user-session libsecret-tools bash-completion valgrind
nodejs npm man-db'

installed() {
	case $1 in
	# NodeSource's nodejs package bundles npm, and Debian's npm package
	# would conflict with it: an npm on the PATH is enough.
	npm) command -v npm >/dev/null 2>&1 && return 0 ;;
	esac
	dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null | grep -q '^ii'
}

if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "install-deps: not a Debian system; make sure these (or their equivalents) are" \
		"installed:" $packages >&2
	exit 0
fi

missing=
for package in $packages; do
	installed "$package" || missing="$missing $package"
done
[ -n "$missing" ] || exit 0

if [ "$(id -u)" -eq 0 ]; then
	as_root=
elif command -v sudo >/dev/null 2>&1; then
	as_root=sudo
else
	echo "install-deps: missing Debian packages:$missing" >&2
	echo "install-deps: as root, run: apt-get install$missing" >&2
	exit 1
fi
echo "install-deps: installing$missing" >&2
$as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
# shellcheck disable=SC2086 # one word per package
$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	--no-install-recommends $missing >/dev/null
