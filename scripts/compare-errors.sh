#!/usr/bin/env bash
# Runs every malformed config (figure and document corpora) through `validate`/`handout` with two
# clusterplot binaries and prints any difference in the messages or exit codes.
# usage: scripts/compare-errors.sh OLD_BINARY NEW_BINARY
set -uo pipefail
old=$1 new=$2
cd "$(dirname "$0")/.."
status=0
for f in Tests/*/Malformed/*.yaml; do
  case $f in Tests/HandoutTests/*) cmd=(handout "$f" -o /tmp/compare-errors.pdf) ;; *) cmd=(validate "$f") ;; esac
  o=$("$old" "${cmd[@]}" 2>&1; echo "exit $?")
  n=$("$new" "${cmd[@]}" 2>&1; echo "exit $?")
  if [ "$o" != "$n" ]; then status=1; echo "== $f"; diff <(echo "$o") <(echo "$n"); fi
done
rm -f /tmp/compare-errors.pdf
[ $status = 0 ] && echo "identical messages"
exit $status
