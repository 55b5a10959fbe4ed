# shellcheck shell=bash
# Shared helpers for scripts/opensearch and scripts/postgres.
# Sourced, not executed. Callers set PROG (used as the message prefix).

log() { printf '%s: %s\n' "${PROG:-ipreg}" "$*" >&2; }
die() { log "error: $*"; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# run_as USER CMD...: run CMD as USER (directly when USER is the current user).
run_as() {
  local user=$1; shift
  if [ "$user" = "$(id -un)" ]; then
    "$@"
  else
    runuser -u "$user" -- "$@"
  fi
}

# ensure_system_user NAME HOME: create an unprivileged system user once.
ensure_system_user() {
  local name=$1 home=$2
  getent passwd "$name" >/dev/null && return 0
  log "creating system user '$name'"
  useradd --system --user-group --no-create-home --home-dir "$home" \
    --shell /usr/sbin/nologin "$name" || die "could not create user '$name'"
}

# grant_traverse USER PATH: make sure USER can reach PATH (e.g. a directory under
# /root, which is mode 0700): add the search bit (o+x, not read) on each parent
# directory that USER cannot traverse yet.
grant_traverse() {
  local user=$1 dir="" part parts
  IFS=/ read -ra parts <<<"$(dirname "$(readlink -f "$2")")"
  for part in "${parts[@]}"; do       # top-down: /root before /root/.cache
    [ -n "$part" ] || continue
    dir=$dir/$part
    if ! runuser -u "$user" -- test -x "$dir" 2>/dev/null; then
      log "granting search permission (chmod o+x) on $dir so that '$user' can reach $2"
      chmod o+x "$dir"
    fi
  done
}

# ensure_packages CMD:PKG...: install (as root, from Debian packages) the package
# PKG for every CMD that is not on PATH. Without root, fail with a hint.
ensure_packages() {
  local spec missing=()
  for spec in "$@"; do
    command -v "${spec%%:*}" >/dev/null 2>&1 || missing+=("${spec#*:}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  apt_install "${missing[@]}"
}

# apt_install PKG...: quiet, non-interactive apt-get install (root only); runs
# apt-get update first when the package lists are missing or stale.
apt_install() {
  is_root || die "missing packages: $*; install them first (sudo apt-get install $*)"
  local out
  out=$(mktemp)
  log "installing Debian packages: $*"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q --no-install-recommends "$@" >"$out" 2>&1; then
    if ! { apt-get update -q && apt-get install -y -q --no-install-recommends "$@"; } >"$out" 2>&1; then
      tail -n 20 "$out" >&2
      rm -f "$out"
      die "apt-get install $* failed"
    fi
  fi
  rm -f "$out"
}

# port_open PORT: true if something accepts TCP connections on 127.0.0.1:PORT.
port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

# proc_alive PID: the process exists and is not a zombie (in a container, PID 1
# may never reap orphans).
proc_alive() {
  local state
  state=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1) || return 1
  [ -n "$state" ] && [ "$state" != Z ]
}

# wait_until SECONDS CMD...: poll CMD every second until it succeeds (0) or the
# time is up (1).
wait_until() {
  local deadline=$((SECONDS + $1)); shift
  until "$@"; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 1
  done
}

# take_lock FILE: serialize concurrent runs (e.g. parallel test workers calling
# start) on FILE for the rest of this process.
take_lock() {
  mkdir -p "$(dirname "$1")"
  exec 9>>"$1"
  flock -w 600 9 || die "timed out waiting for $1"
}
