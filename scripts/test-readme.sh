#!/usr/bin/env bash
# Installs clusterplot into a temporary PREFIX (debug build, as `make test` built it), checks the
# man page and the completions, then runs every command of the README's Usage block, as written,
# in a copy of the repository's fixtures with that clusterplot on PATH; uninstalls. Part of `make test`.
set -euo pipefail
NAME=readme
source "$(dirname "$0")/installed-clusterplot.sh"
man=$tmp/prefix/share/man/man1/clusterplot.1
grep -q '^\.Dt CLUSTERPLOT 1' "$man" && grep -q 'watch' "$man" || fail "the man page is missing or lacks the watch command"
if command -v man >/dev/null; then MANPATH="$tmp/prefix/share/man" man -P cat clusterplot >/dev/null 2>&1 || fail "man clusterplot failed"; fi

# bash completion: init kinds, --format values, config files.
bashc=$tmp/prefix/share/bash-completion/completions/clusterplot
complete_words() { # words... -> the completions bash offers for the last word
  ( source "$bashc"; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
    _clusterplot clusterplot "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"; printf '%s\n' "${COMPREPLY[@]}" )
}
# Each answer is captured before it is searched: `complete_words ... | grep -q` under pipefail fails
# at random, since bash's printf writes a line at a time and grep -q closes the pipe at its first match
# (the writer then dies of SIGPIPE, status 141).
offers() { grep -qx "$1" <<<"$2"; }
offers segmentation "$(complete_words clusterplot init "")" || fail "bash does not complete init kinds"
offers svg "$(complete_words clusterplot render x.yaml --format "")" || fail "bash does not complete --format values"
offers elbow.yaml "$(cd "$repo/Fixtures/configs" && complete_words clusterplot render "el")" || fail "bash does not complete config files"
[ -s "$tmp/prefix/share/zsh/site-functions/_clusterplot" ] && [ -s "$tmp/prefix/share/fish/vendor_completions.d/clusterplot.fish" ] || fail "zsh/fish completions missing"

# The README's Usage commands, in a copy of what they read.
work=$tmp/work
mkdir -p "$work"
cp -r Fixtures clusterplot.yaml "$work/"
awk '/^## Usage/{u=1} u&&/^```sh/{b=1;next} b&&/^```/{exit} b' README.md > "$tmp/commands.sh"
[ "$(grep -c '^clusterplot ' "$tmp/commands.sh")" -ge 8 ] || fail "found too few README commands"
n=0
while IFS= read -r line; do
  [ -z "$line" ] && continue
  n=$((n + 1))
  (cd "$work" && bash -c "set -o pipefail; $line" >"$tmp/out.txt" 2>&1) || { cat "$tmp/out.txt"; fail "README command failed: $line"; }
done < "$tmp/commands.sh"
make --no-print-directory uninstall PREFIX="$tmp/prefix" >/dev/null
[ ! -e "$tmp/prefix/bin/clusterplot" ] || fail "make uninstall left the binary"
echo "test-readme: install, man page, completions and $n README commands ok"
