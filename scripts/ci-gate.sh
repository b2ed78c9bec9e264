#!/usr/bin/env bash
# powertune CI gate: the logic of the GitHub Action in action.yml, as a plain
# script so it runs (and is tested) anywhere, GitLab CI included.
#
# 1. Tunes the handler on the embedded local Lambda service (no AWS account),
#    unless PT_CURRENT names a result to use instead.
# 2. Gets the baseline: PT_BASELINE (a committed result file), or the same
#    handler tuned at PT_BASE_REF (e.g. origin/main) in a temporary git worktree.
# 3. Runs `powertune check` and renders the Markdown report.
# 4. Posts both as a pull-request comment when GITHUB_TOKEN, GITHUB_REPOSITORY
#    and a PR number are known; otherwise prints what it would post.
# 5. Exits as `powertune check` did: 0 passed, 1 regression, 2 bad input.
#
# Settings (environment):
#   POWERTUNE                 the command (default: "npx --no-install powertune")
#   PT_FUNCTION               handler file, e.g. src/handler.mjs (needed unless PT_CURRENT is set)
#   PT_CURRENT                a result to check instead of tuning PT_FUNCTION
#   PT_BASELINE               a baseline result file; or
#   PT_BASE_REF               a git ref whose PT_FUNCTION is tuned as the baseline
#   PT_NUM                    invocations per size (default 10)
#   PT_POWER_VALUES           memory sizes (default 128,256,512,1024,1536)
#   PT_MAX_COST_INCREASE      e.g. 10% (default: powertune check's)
#   PT_MAX_DURATION_INCREASE  e.g. 10% (default: powertune check's)
#   PT_ALLOW_SWEET_SPOT_MOVE  "true" to pass when only the recommended size moved
#   PT_OUT_DIR                where results and the comment go (default .powertune)
#   PT_PR_NUMBER              the pull request (default: read from GITHUB_EVENT_PATH)
#   GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL (default https://api.github.com)
#   GITHUB_STEP_SUMMARY, GITHUB_OUTPUT: written when set (GitHub Actions sets them)
set -uo pipefail

POWERTUNE="${POWERTUNE:-npx --no-install powertune}"
OUT="${PT_OUT_DIR:-.powertune}"
NUM="${PT_NUM:-10}"
POWER_VALUES="${PT_POWER_VALUES:-128,256,512,1024,1536}"
API="${GITHUB_API_URL:-https://api.github.com}"

say() { printf 'powertune ci-gate: %s\n' "$*" >&2; }
bad_input() { say "$*"; exit 2; }

mkdir -p "$OUT" || bad_input "PT_OUT_DIR: cannot create $OUT"
OUT="$(cd "$OUT" && pwd)"

# tune DIR RESULT: tunes PT_FUNCTION as found under DIR into RESULT.
tune() {
  local dir="$1" result="$2"
  [ -f "$dir/$PT_FUNCTION" ] || bad_input "PT_FUNCTION: no file $PT_FUNCTION in $dir"
  say "tuning $PT_FUNCTION in $dir (num $NUM, sizes $POWER_VALUES)"
  (cd "$dir" && $POWERTUNE tune --function "./$PT_FUNCTION" --num "$NUM" --power-values "$POWER_VALUES" --out "$result") >&2
}

# 1. The current result.
if [ -n "${PT_CURRENT:-}" ]; then
  [ -f "$PT_CURRENT" ] || bad_input "PT_CURRENT: no such file: $PT_CURRENT"
  current="$PT_CURRENT"
else
  [ -n "${PT_FUNCTION:-}" ] || bad_input "PT_FUNCTION: expected the handler file to tune (e.g. src/handler.mjs); got nothing"
  current="$OUT/current.json"
  tune "$PWD" "$current" || { status=$?; say "tuning the current code failed (exit $status)"; exit "$status"; }
fi

# 2. The baseline.
if [ -n "${PT_BASELINE:-}" ]; then
  [ -f "$PT_BASELINE" ] || bad_input "PT_BASELINE: no such file: $PT_BASELINE (commit a result from 'powertune tune --out FILE', or set PT_BASE_REF instead)"
  baseline="$PT_BASELINE"
elif [ -n "${PT_BASE_REF:-}" ]; then
  [ -n "${PT_FUNCTION:-}" ] || bad_input "PT_FUNCTION: needed to tune the baseline at $PT_BASE_REF"
  base_dir="$(mktemp -d)"
  trap 'git worktree remove --force "$base_dir" >/dev/null 2>&1; rm -rf "$base_dir"' EXIT
  git worktree add --detach "$base_dir" "$PT_BASE_REF" >&2 || bad_input "PT_BASE_REF: cannot check out $PT_BASE_REF (fetch it first, e.g. git fetch origin main)"
  baseline="$OUT/baseline.json"
  tune "$base_dir" "$baseline" || { status=$?; say "tuning the baseline at $PT_BASE_REF failed (exit $status)"; exit "$status"; }
else
  bad_input "PT_BASELINE or PT_BASE_REF: expected a baseline result file or a git ref to tune; got neither"
fi

# 3. Check and report.
check_args=(check "$current" --baseline "$baseline")
[ -n "${PT_MAX_COST_INCREASE:-}" ] && check_args+=(--max-cost-increase "$PT_MAX_COST_INCREASE")
[ -n "${PT_MAX_DURATION_INCREASE:-}" ] && check_args+=(--max-duration-increase "$PT_MAX_DURATION_INCREASE")
[ "${PT_ALLOW_SWEET_SPOT_MOVE:-}" = "true" ] && check_args+=(--allow-sweet-spot-move)
check_output="$($POWERTUNE "${check_args[@]}" 2>&1)"
check_status=$?
if [ "$check_status" -eq 2 ]; then
  say "powertune check refused its input:"
  printf '%s\n' "$check_output" >&2
  exit 2
fi
report="$($POWERTUNE report "$current" --markdown)" || { status=$?; say "powertune report failed (exit $status)"; exit "$status"; }

if [ "$check_status" -eq 0 ]; then verdict="passed"; icon="✅"; else verdict="failed"; icon="❌"; fi
comment="$OUT/comment.md"
{
  printf '<!-- powertune-ci-gate -->\n### %s powertune check %s\n\n' "$icon" "$verdict"
  printf '```\n%s\n```\n\n' "$check_output"
  printf '%s\n' "$report"
} >"$comment"

[ -n "${GITHUB_STEP_SUMMARY:-}" ] && cat "$comment" >>"$GITHUB_STEP_SUMMARY"
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  printf 'passed=%s\nresult=%s\ncomment=%s\n' "$([ "$check_status" -eq 0 ] && echo true || echo false)" "$current" "$comment" >>"$GITHUB_OUTPUT"
fi

# 4. The pull-request comment.
pr="${PT_PR_NUMBER:-}"
if [ -z "$pr" ] && [ -n "${GITHUB_EVENT_PATH:-}" ] && [ -f "$GITHUB_EVENT_PATH" ]; then
  pr="$(node -e 'const e = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); process.stdout.write(String(e.pull_request?.number ?? ""))' "$GITHUB_EVENT_PATH")"
fi
if [ -n "${GITHUB_TOKEN:-}" ] && [ -n "${GITHUB_REPOSITORY:-}" ] && [ -n "$pr" ]; then
  body="$(node -e 'process.stdout.write(JSON.stringify({ body: require("fs").readFileSync(process.argv[1], "utf8") }))' "$comment")"
  if curl --fail --silent --show-error --output /dev/null \
    -X POST "$API/repos/$GITHUB_REPOSITORY/issues/$pr/comments" \
    -H "Authorization: Bearer $GITHUB_TOKEN" -H "Accept: application/vnd.github+json" \
    -H "X-GitHub-Api-Version: 2022-11-28" --data "$body"; then
    say "posted the report on pull request #$pr"
  else
    say "could not post the comment on pull request #$pr (does the token have pull-requests: write?); it is in $comment"
  fi
else
  say "no GITHUB_TOKEN, GITHUB_REPOSITORY or pull request number: not posting. The comment it would post:"
  cat "$comment"
fi

exit "$check_status"
