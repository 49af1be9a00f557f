# shellcheck shell=bash
# Installs what the build, the tests and the local environment need, and nothing when it is
# already there: a warm machine spends a few milliseconds here (one dpkg-query call).
# Requires common.sh.

# Debian packages by name. Commands that may come from elsewhere (nodesource's nodejs bundles
# npm and conflicts with Debian's npm; Go often lives in /usr/local/go) are handled below.
TM_DEV_DEBIAN_PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config
  libgrpc++-dev protobuf-compiler-grpc protobuf-compiler libprotobuf-dev libabsl-dev
  librdkafka-dev libpqxx-dev libpq-dev libssl-dev nlohmann-json3-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  postgresql-15 postgresql-client-15
  kcat openjdk-17-jre-headless maven
  uuid-runtime python3-yaml
)

# Prints the packages of "$@" that dpkg does not report as installed.
tm_missing_debian_packages() {
  local installed
  installed="$(dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' "$@" 2>/dev/null |
    awk '$1 == "ii" { print $2 }')" || true
  local p
  for p in "$@"; do
    grep -qxF -- "$p" <<<"$installed" || printf '%s\n' "$p"
  done
}

tm_ensure_debian_packages() {
  # Several scripts call this; once per process tree is enough.
  [[ ${TM_DEV_DEPS_CHECKED:-} == 1 ]] && return 0
  local wanted=("${TM_DEV_DEBIAN_PACKAGES[@]}")
  command -v node >/dev/null 2>&1 || wanted+=(nodejs)
  command -v npm >/dev/null 2>&1 || wanted+=(npm)
  command -v go >/dev/null 2>&1 || wanted+=(golang-go)
  local missing=()
  mapfile -t missing < <(tm_missing_debian_packages "${wanted[@]}")
  if ((${#missing[@]} > 0)); then
    tm_info "installing Debian packages: ${missing[*]}"
    # update only when something is missing: it costs tens of seconds and needs the network.
    tm_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    tm_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      --no-install-recommends "${missing[@]}"
  fi
  export TM_DEV_DEPS_CHECKED=1
}

# Installs an npm package into the cache (not globally) once; e.g.
#   tm_ensure_npm_tool @bufbuild/buf@1.47.2 buf
tm_ensure_npm_tool() {
  local spec="$1" bin="$2" prefix="$TM_CACHE_DIR/npm"
  [[ -x $prefix/node_modules/.bin/$bin ]] && return 0
  command -v npm >/dev/null 2>&1 || tm_die "npm not found (tm_ensure_debian_packages first)"
  mkdir -p "$prefix"
  tm_info "installing $spec with npm into $prefix"
  npm install --silent --no-audit --no-fund --prefix "$prefix" "$spec" >&2
}

# Installs a Go command into the cache once; e.g.
#   tm_ensure_go_tool helm.sh/helm/v3/cmd/helm@v3.16.3 helm
tm_ensure_go_tool() {
  local spec="$1" bin="$2" gobin="$TM_CACHE_DIR/go/bin"
  [[ -x $gobin/$bin ]] && return 0
  command -v go >/dev/null 2>&1 || tm_die "go not found (tm_ensure_debian_packages first)"
  mkdir -p "$gobin"
  tm_info "installing $spec with go install into $gobin"
  GOBIN="$gobin" go install "$spec" >&2
}
