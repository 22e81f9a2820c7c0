# Sourced by the install-check scripts: NAME=... before sourcing. Makes a temporary folder ($tmp,
# removed on exit), defines fail, installs clusterplot (the debug build make test made) into
# $tmp/prefix and puts it first on PATH.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cp-$NAME.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "test-$NAME: $*" >&2; exit 1; }
make --no-print-directory install PREFIX="$tmp/prefix" CONFIGURATION=debug >"$tmp/install.log" 2>&1 || { cat "$tmp/install.log"; fail "make install failed"; }
export PATH="$tmp/prefix/bin:$PATH"
[ "$(command -v clusterplot)" = "$tmp/prefix/bin/clusterplot" ] || fail "clusterplot is not on PATH"
