# shellcheck shell=bash
# Shared steps of scripts/test and scripts/run: dependencies, the CMake build, and bringing the
# local services up for the duration of the calling script. Requires common.sh, deps.sh and
# kafka.sh.

TM_DEV_BUILD_DIR="${TM_DEV_BUILD_DIR:-$TM_DEV_ROOT/build}"

tm_step_deps() {
  tm_section deps
  tm_ensure_debian_packages
  tm_ensure_kafka_jars
  # grpcurl: how the README (and the smoke test) talk to the suite, as an integrator would.
  tm_ensure_go_tool github.com/fullstorydev/grpcurl/cmd/grpcurl@v1.9.1 grpcurl
}

tm_step_build() {
  tm_section build
  # ccache is enabled by CMakeLists.txt itself; configuring again is cheap and picks up new files.
  cmake -S "$TM_DEV_ROOT" -B "$TM_DEV_BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
  cmake --build "$TM_DEV_BUILD_DIR"
}

# Components (pg, kafka) that this script started and so must stop on exit; a developer's
# already-running environment is left alone.
TM_DEV_STARTED_COMPONENTS=()

tm_step_dev_env_up() {
  tm_section dev-env
  local c
  for c in pg kafka; do
    if ! "$TM_DEV_ROOT/scripts/dev-env" status "$c" >/dev/null 2>&1; then
      TM_DEV_STARTED_COMPONENTS+=("$c")
    fi
  done
  "$TM_DEV_ROOT/scripts/dev-env" up
  eval "$("$TM_DEV_ROOT/scripts/dev-env" env)"
}

tm_dev_env_down_if_started() {
  ((${#TM_DEV_STARTED_COMPONENTS[@]} > 0)) || return 0
  "$TM_DEV_ROOT/scripts/dev-env" down "${TM_DEV_STARTED_COMPONENTS[@]}" || true
  TM_DEV_STARTED_COMPONENTS=()
}
