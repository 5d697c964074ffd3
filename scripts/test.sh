#!/usr/bin/env bash
# Runs all of Berth's tests: unit tests (*Test), then engine tests (*IT) on a real Docker engine and registry.
# Installs and starts what a fresh machine lacks, and stops only what it started.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/scripts/lib/engine.sh"
trap berth_cleanup EXIT

t0=$SECONDS
command -v mvn >/dev/null || berth_apt_install maven
# docker.io: the engine; docker-registry: push tests; mmdebstrap: Debian-based offline base images;
# chromium: the Jenkins dashboard page is tested in a real browser.
berth_apt_install docker.io docker-registry mmdebstrap chromium
berth_engine_up
berth_registry_up
berth_log "set-up took $((SECONDS - t0)) s"

export BERTH_REGISTRY=127.0.0.1:5000
t1=$SECONDS
mvn -B -f "$root/pom.xml" verify "$@"
berth_log "tests took $((SECONDS - t1)) s"
