#!/usr/bin/env bash
# Runs the CI recipes of docs/ci-recipes.md end to end in a throwaway git repository, the way a
# user's pipeline runs them: the project file of the recipe, goldens recorded with `update` and
# committed, then every `clusterplot check` line of the GitHub Actions and GitLab CI blocks (as
# written, with the CI variables those services set) passes; a regression committed on top makes
# the same lines fail with exit 1 and leave the report, the JUnit file and the expected/actual/diff
# images the recipes upload; `update` refuses under CI; the failure's own accept command, run on
# the developer's machine, makes CI green again with one changed golden in `git diff`.
# Part of `make test` (after the debug build; clusterplot is installed into a temporary PREFIX).
set -euo pipefail
NAME=ci-recipe
source "$(dirname "$0")/installed-clusterplot.sh"
doc=docs/ci-recipes.md
# The developer's machine: this script may itself run under CI (CI=true), which update refuses.
dev() { env -u CI -u GITHUB_ACTIONS -u GITLAB_CI "$@"; }

# The recipe's project file and its check lines, from the document itself.
awk '/^```yaml/{b=1;next} b&&/^```/{exit} b' "$doc" | grep -v '^#' > "$tmp/clusterplot.yaml"
grep -q '^configs: \[figures\]' "$tmp/clusterplot.yaml" || fail "the recipe's project file was not found in $doc"
github=$(awk '/^## GitHub Actions/{g=1} g&&/run: clusterplot check/{sub(/.*run: /,""); print; exit}' "$doc")
gitlab=$(awk '/^## GitLab CI/{g=1} g&&/- clusterplot check/{sub(/.*- /,""); print; exit}' "$doc")
[ -n "$github" ] && [ -n "$gitlab" ] || fail "no clusterplot check line in the GitHub Actions or GitLab CI recipe"
shards=$(awk '/^## GitHub Actions/{g=1} g&&/shard: \[/{gsub(/.*shard: \[|\].*/,""); gsub(/,/," "); print; exit}' "$doc")
[ -n "$shards" ] || fail "no shard matrix in the GitHub Actions recipe"

# A user's repository: nested configs (two with the same file name), the project file at the root.
work=$tmp/repo
mkdir -p "$work/figures/intro" "$work/figures/appendix"
cp "$tmp/clusterplot.yaml" "$work/clusterplot.yaml"
clusterplot init segmentation > "$work/figures/intro/scatter.yaml"
clusterplot init elbow > "$work/figures/intro/elbow.yaml"
clusterplot init anomaly > "$work/figures/appendix/scatter.yaml"
cd "$work"
git init -q && git config user.email ci@example.invalid && git config user.name "CI recipe"
(cd figures/appendix && dev clusterplot update >"$tmp/update.log" 2>&1) || { cat "$tmp/update.log"; fail "recording the goldens failed"; }
[ -f figures/golden/intro/scatter.png ] && [ -f figures/golden/appendix/scatter.png ] || fail "goldens are not mirrored by path: $(find figures/golden | sort)"
git add -A && git commit -qm "figures and their goldens"

# Each CI job of the recipes, from a clean checkout (the results of a job are not committed).
run_github() { # shard -> status
  local s=0; (export CI=true GITHUB_ACTIONS=true; eval "${github//\$\{\{ matrix.shard \}\}/$1}") >"$tmp/job.log" 2>&1 || s=$?; echo $s
}
run_gitlab() { # index total -> status
  local s=0; (export CI=true GITLAB_CI=true CI_NODE_INDEX=$1 CI_NODE_TOTAL=$2; eval "$gitlab") >"$tmp/job.log" 2>&1 || s=$?; echo $s
}
clean() { git clean -qfdx; }
total=$(echo "$shards" | wc -w)
for shard in $shards; do
  clean; [ "$(run_github "$shard")" = 0 ] || { cat "$tmp/job.log"; fail "GitHub job $shard fails on the recorded goldens"; }
done
for i in $(seq 1 "$total"); do
  clean; [ "$(run_gitlab "$i" "$total")" = 0 ] || { cat "$tmp/job.log"; fail "GitLab job $i/$total fails on the recorded goldens"; }
done
checked=0
for i in $(seq 1 "$total"); do
  clean; run_gitlab "$i" "$total" >/dev/null
  checked=$((checked + $(grep -c '^PASS ' "$tmp/job.log" || true)))
done
[ "$checked" -ge 3 ] || fail "the shards together checked $checked drawings, expected every config's"

# A regression lands: the normal points of the appendix scatter fade.
sed -i 's/alpha: 0.6/alpha: 0.2/' figures/appendix/scatter.yaml
git diff --quiet && fail "the regression did not change the config"
git commit -qam "fade the normal points"
failed_jobs=0
for i in $(seq 1 "$total"); do
  clean
  status=$(run_gitlab "$i" "$total")
  case $status in
    0) ;;
    1) failed_jobs=$((failed_jobs + 1))
       grep -q 'clusterplot update --failed --only figures/appendix/scatter.yaml' "$tmp/job.log" || { cat "$tmp/job.log"; fail "the failure does not end with its accept command"; }
       [ -f visual-report/index.html ] || fail "no report for the artifacts"
       grep -q '<failure' visual-junit.xml && grep -q 'classname="figures/appendix/scatter.yaml"' visual-junit.xml || fail "JUnit does not name the failing config: $(cat visual-junit.xml)"
       [ -n "$(find visual-results -name '*actual.png')" ] && [ -n "$(find visual-results -name '*diff.png')" ] && [ -f visual-results/summary.json ] \
         || fail "no expected/actual/diff images or summary in visual-results: $(find visual-results | sort)"
       ;;
    *) cat "$tmp/job.log"; fail "GitLab job $i/$total ended with $status on a regression (expected 1)";;
  esac
done
[ "$failed_jobs" = 1 ] || fail "$failed_jobs GitLab jobs failed on one regression (expected exactly 1)"
clean
s=0; (export CI=true; clusterplot update --failed) >"$tmp/refused.log" 2>&1 || s=$?
[ "$s" = 2 ] || { cat "$tmp/refused.log"; fail "update under CI ended with $s (expected 2: refused)"; }
git diff --quiet || fail "a refused update changed files"

# The developer accepts it with the printed command; one golden changes and CI is green again.
dev clusterplot update --failed --only figures/appendix/scatter.yaml >"$tmp/accept.log" 2>&1 || { cat "$tmp/accept.log"; fail "accepting failed"; }
changed=$(git status --porcelain figures/golden | grep -v manifest.json | wc -l)
[ "$changed" = 1 ] || fail "accepting changed $changed goldens: $(git status --porcelain)"
git commit -qam "accept the faded points"
for shard in $shards; do
  clean; [ "$(run_github "$shard")" = 0 ] || { cat "$tmp/job.log"; fail "GitHub job $shard still fails after the accept"; }
done
echo "test-ci-recipe: GitHub Actions ($total shards) and GitLab CI recipes of $doc pass, catch a regression (exit 1, report, JUnit, results) and pass after the accept"
