# shellcheck shell=bash
# Shared helpers for the top-level scripts (scripts/dev-env, scripts/test, scripts/run).
# Sourced, never executed. Every path is computed from this file's location so the repository
# can live anywhere and be used from any working directory.

# The repository root: scripts/lib/../..
TM_DEV_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
# Mutable local state (databases, broker data, pids, logs); ignored by git (/.run/).
TM_DEV_RUN_DIR="${TM_DEV_RUN_DIR:-$TM_DEV_ROOT/.run}"
# Downloaded tools (Kafka jars, npm and Go tools) shared by every clone on the machine.
TM_CACHE_DIR="${TM_CACHE_DIR:-${HOME:-/root}/.cache/telemarketing}"
export TM_DEV_ROOT TM_DEV_RUN_DIR TM_CACHE_DIR

# Debian ships Go in /usr/local/go on some images without putting it on PATH for scripts.
if ! command -v go >/dev/null 2>&1 && [[ -x /usr/local/go/bin/go ]]; then
  PATH="/usr/local/go/bin:$PATH"
fi
# Tools installed into the cache by deps.sh must be found by every script and by CTest.
PATH="$TM_CACHE_DIR/npm/node_modules/.bin:$TM_CACHE_DIR/go/bin:$PATH"
export PATH

tm_info() { printf '%s\n' "$*" >&2; }
tm_warn() { printf 'warning: %s\n' "$*" >&2; }
tm_die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

# Section headers with elapsed time, so a slow step is visible in CI logs at a glance.
TM_DEV_T0="${TM_DEV_T0:-$SECONDS}"
TM_DEV_SECTION_NAME=""
TM_DEV_SECTION_T0=0
tm_section_end() {
  if [[ -n $TM_DEV_SECTION_NAME ]]; then
    printf -- '--- %s: %ss\n' "$TM_DEV_SECTION_NAME" "$((SECONDS - TM_DEV_SECTION_T0))"
  fi
  TM_DEV_SECTION_NAME=""
}
tm_section() {
  tm_section_end
  TM_DEV_SECTION_NAME="$1"
  TM_DEV_SECTION_T0=$SECONDS
  printf '=== %s (t=%ss)\n' "$1" "$((SECONDS - TM_DEV_T0))"
}

# Runs a command as root: directly when we are root, else through sudo (a developer laptop).
tm_as_root() {
  if [[ $EUID -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    tm_die "need root for: $* (run as root or install sudo)"
  fi
}

# True when something accepts TCP connections on host:port (bash's /dev/tcp, no extra tools).
tm_port_open() {
  local host="$1" port="$2"
  # shellcheck disable=SC2016 # $1/$2 expand in the inner shell
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$host" "$port" 2>/dev/null
}

# True when the process exists and its command line contains the given word; guards against a
# stale pid file pointing at a pid the kernel has since reused for something else.
tm_pid_matches() {
  local pid="$1" word="$2"
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [[ -r /proc/$pid/cmdline ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$word"
}

# Prints the last lines of each given log file that exists, for error messages.
tm_show_log_tail() {
  local lines="$1" f
  shift
  for f in "$@"; do
    [[ -s $f ]] || continue
    printf -- '----- last %s lines of %s -----\n' "$lines" "$f" >&2
    tail -n "$lines" "$f" >&2
  done
}

# Serialises concurrent up/down calls (two terminals, a test run next to a dev shell).
# The lock is fd 9: every long-lived process we start must close it (9>&-), else it holds the
# lock for its whole life.
tm_with_lock() {
  mkdir -p "$TM_DEV_RUN_DIR"
  exec 9>"$TM_DEV_RUN_DIR/dev-env.lock"
  if ! flock -w "${TM_DEV_LOCK_TIMEOUT:-300}" 9; then
    tm_die "another scripts/dev-env is still running (lock $TM_DEV_RUN_DIR/dev-env.lock)"
  fi
}
