# Shared set-up for Berth's scripts (README commands, .ci/run): packages, the Docker engine, the local registry,
# and cleanup of only what this run started. Source it; it defines functions and sets nothing else running.
# Design: ../shared/docs/ENVIRONMENT.md §2, §6, §11 (kept in the repository as docs/ENGINE.md's summary).

BERTH_STATE="${BERTH_STATE:-/var/tmp/berth}"
BERTH_RUN_ID="${BERTH_RUN_ID:-run-$(date +%s)-$$}"
export BERTH_STATE BERTH_RUN_ID
mkdir -p "$BERTH_STATE"

_berth_apt_updated=""
_berth_started_engine=""
_berth_registry_pid=""

berth_log() { printf '[berth %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# berth_apt_install PKG...: installs the Debian packages that are missing, with one apt-get update per run.
berth_apt_install() {
  local missing=() p
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    berth_log "needs Debian packages ${missing[*]}; run as root or install them: sudo apt-get install ${missing[*]}"
    return 1
  fi
  local t0=$SECONDS
  if [ -z "$_berth_apt_updated" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || return 1
    _berth_apt_updated=1
  fi
  berth_log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >&2 || return 1
  berth_log "installed ${missing[*]} in $((SECONDS - t0)) s"
}

berth_engine_answers() {
  timeout 10 docker version --format '{{.Server.Version}}' >/dev/null 2>&1
}

# berth_engine_up: uses an engine that answers (never stopping it later), or installs and starts Debian's docker.io.
berth_engine_up() {
  if berth_engine_answers; then
    berth_log "Docker engine $(docker version --format '{{.Server.Version}}') answers; using it"
    return 0
  fi
  if ! command -v dockerd >/dev/null 2>&1; then
    berth_apt_install docker.io || {
      berth_log "no Docker engine answers and none can be installed; start one (dockerd) or run as root"
      return 1
    }
  fi
  if [ "$(id -u)" != 0 ]; then
    berth_log "no Docker engine answers; start dockerd (as root) or set DOCKER_HOST to one that runs"
    return 1
  fi
  local t0=$SECONDS
  # A pid file left by a killed engine names a dead process and would read as "this start failed".
  if [ -f "$BERTH_STATE/dockerd.pid" ] && ! kill -0 "$(cat "$BERTH_STATE/dockerd.pid")" 2>/dev/null; then
    rm -f "$BERTH_STATE/dockerd.pid"
  fi
  setsid dockerd --pidfile "$BERTH_STATE/dockerd.pid" >"$BERTH_STATE/dockerd.log" 2>&1 </dev/null &
  local i
  for i in $(seq 1 600); do
    if berth_engine_answers; then
      _berth_started_engine=1
      berth_log "started Docker engine in $((SECONDS - t0)) s (log: $BERTH_STATE/dockerd.log)"
      return 0
    fi
    if [ -f "$BERTH_STATE/dockerd.pid" ] && ! kill -0 "$(cat "$BERTH_STATE/dockerd.pid")" 2>/dev/null; then
      break
    fi
    sleep 0.1
  done
  berth_log "the Docker engine did not start; last lines of $BERTH_STATE/dockerd.log:"
  tail -n 20 "$BERTH_STATE/dockerd.log" >&2
  return 1
}

# berth_registry_up: Debian's docker-registry on 127.0.0.1:5000 (reused when one answers there).
berth_registry_up() {
  if curl -fsS -o /dev/null --max-time 2 http://127.0.0.1:5000/v2/ 2>/dev/null; then
    berth_log "registry on 127.0.0.1:5000 answers; using it"
    return 0
  fi
  command -v docker-registry >/dev/null 2>&1 || berth_apt_install docker-registry || return 1
  mkdir -p "$BERTH_STATE/registry/data"
  cat >"$BERTH_STATE/registry/config.yml" <<YAML
version: 0.1
storage: {filesystem: {rootdirectory: $BERTH_STATE/registry/data}, delete: {enabled: true}}
http: {addr: 127.0.0.1:5000}
YAML
  docker-registry serve "$BERTH_STATE/registry/config.yml" >"$BERTH_STATE/registry.log" 2>&1 </dev/null &
  _berth_registry_pid=$!
  local i
  for i in $(seq 1 100); do
    curl -fsS -o /dev/null --max-time 1 http://127.0.0.1:5000/v2/ 2>/dev/null && { berth_log "registry started on 127.0.0.1:5000"; return 0; }
    sleep 0.1
  done
  berth_log "the registry did not start; see $BERTH_STATE/registry.log"
  return 1
}

# berth_cleanup: removes this run's labelled containers and networks, then stops what this run started.
berth_cleanup() {
  if berth_engine_answers; then
    local ids
    ids=$(docker ps -aq --filter "label=berth.test.run=$BERTH_RUN_ID" 2>/dev/null || true)
    [ -n "$ids" ] && docker rm -f $ids >/dev/null 2>&1 || true
    ids=$(docker network ls -q --filter "label=berth.test.run=$BERTH_RUN_ID" 2>/dev/null || true)
    [ -n "$ids" ] && docker network rm $ids >/dev/null 2>&1 || true
  fi
  if [ -n "$_berth_registry_pid" ] && [ "$(ps -o comm= -p "$_berth_registry_pid" 2>/dev/null)" = "docker-registry" ]; then
    kill -TERM "$_berth_registry_pid" 2>/dev/null || true
  fi
  if [ -n "$_berth_started_engine" ] && [ -f "$BERTH_STATE/dockerd.pid" ]; then
    local pid i
    pid=$(cat "$BERTH_STATE/dockerd.pid")
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    berth_log "stopped the Docker engine this run started"
  fi
}
