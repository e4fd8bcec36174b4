#!/usr/bin/env bash
# Montage launcher. `start` (default): install what is missing, start a private
# redis-server (unless REDIS_URL is set), the web server and one render node.
# `test`: install what is missing, then typecheck, lint, dependency rules,
# format check and the whole test suite. Both work on a fresh Debian machine
# with an old Node.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
MODE="${1:-start}"
shift || true
NODE_VERSION="24.21.0" # fetched from the npm registry when the system Node is older than 22
MIN_NODE_MAJOR=22

say() { printf '\033[1m[montage]\033[0m %s\n' "$*"; }
die() { printf '\033[31m[montage] %s\033[0m\n' "$*" >&2; exit 1; }

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  if command -v node >/dev/null && [ "$(node_major node)" -ge "$MIN_NODE_MAJOR" ]; then
    NODE_HOME="$(dirname "$(dirname "$(command -v node)")")"
  else
    case "$(uname -m)" in
      x86_64) arch=x64 ;;
      aarch64 | arm64) arch=arm64 ;;
      *) die "No Node $MIN_NODE_MAJOR+ found and no prebuilt Node for $(uname -m); install Node $MIN_NODE_MAJOR or newer." ;;
    esac
    NODE_HOME="$ROOT/.tools/node-$NODE_VERSION/node_modules/node-linux-$arch"
    if [ ! -x "$NODE_HOME/bin/node" ]; then
      command -v npm >/dev/null || die "Neither Node $MIN_NODE_MAJOR+ nor npm is installed: install Node $MIN_NODE_MAJOR or newer."
      say "System Node is $(node -v 2>/dev/null || echo missing); fetching Node $NODE_VERSION from the npm registry"
      npm install --prefix "$ROOT/.tools/node-$NODE_VERSION" --no-save --no-package-lock --no-audit --no-fund \
        "node-linux-$arch@$NODE_VERSION" >/dev/null
    fi
    export PATH="$NODE_HOME/bin:$PATH"
  fi
  # Native addons must build against this Node's headers, whatever ~/.npmrc says.
  [ -d "$NODE_HOME/include/node" ] && export npm_config_nodedir="$NODE_HOME"
  say "Using Node $(node -v)"
}

APT_UPDATED=0
ensure_commands() { # ensure_commands cmd:package ... (a /path instead of a cmd: that file must exist)
  local missing=()
  for pair in "$@"; do
    case "${pair%%:*}" in
      /*) [ -e "${pair%%:*}" ] || missing+=("${pair#*:}") ;;
      *) command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}") ;;
    esac
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    say "Installing system packages: ${missing[*]}"
    if [ "$APT_UPDATED" -eq 0 ]; then apt-get update -qq; APT_UPDATED=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    die "Missing system packages. Run: sudo apt-get install -y ${missing[*]}"
  fi
}

ensure_npm_deps() {
  local stamp="node_modules/.package-lock.json"
  if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ "$(cat node_modules/.montage-node 2>/dev/null)" != "$(node -v)" ]; then
    say "Installing npm dependencies"
    # npm ci is exact; npm 11 sometimes records only this platform's optional
    # packages in the lock, which ci then rejects, so fall back to install.
    npm ci --no-audit --no-fund --loglevel=error 2>/dev/null ||
      npm install --no-audit --no-fund --loglevel=error
    node -v > node_modules/.montage-node
  fi
}

build_ui_if_stale() {
  if [ ! -f build/index.js ] || [ -n "$(find app shared remix.config.js -newer build/index.js -print -quit 2>/dev/null)" ]; then
    say "Building the web UI"
    npx remix build >/dev/null
  fi
}

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

PIDS=()
cleanup() {
  trap - EXIT INT TERM
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}

start_private_redis() { # start_private_redis DIR
  local dir="$1" port
  mkdir -p "$dir"
  port="$(free_port)"
  redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" --appendonly yes --appendfsync everysec \
    --save '' --logfile "$dir/redis.log" --daemonize no &
  PIDS+=($!)
  for _ in $(seq 50); do
    redis-cli -p "$port" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  redis-cli -p "$port" ping >/dev/null 2>&1 || die "redis-server did not start; see $dir/redis.log"
  export REDIS_URL="redis://127.0.0.1:$port"
  say "Private redis-server on 127.0.0.1:$port (data in $dir)"
}

# PostgreSQL for the database tests: TEST_DATABASE_URL, or the local server on
# 127.0.0.1:5432, or a private throwaway cluster when neither answers.
ensure_test_postgres() {
  export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"
  if node -e 'const {Client}=require("pg");const c=new Client(process.env.TEST_DATABASE_URL);c.connect().then(()=>c.end()).catch(()=>process.exit(1))' 2>/dev/null; then
    return 0
  fi
  say "No PostgreSQL at $TEST_DATABASE_URL; starting a private one"
  ensure_commands pg_ctlcluster:postgresql
  local bindir port dir
  bindir="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  port="$(free_port)"
  dir="$(mktemp -d /tmp/montage-pg.XXXXXX)"
  chown postgres "$dir"
  su postgres -s /bin/sh -c "$bindir/initdb -D $dir/data -A trust -U postgres >/dev/null"
  su postgres -s /bin/sh -c "$bindir/pg_ctl -D $dir/data -o '-p $port -k $dir -c listen_addresses=127.0.0.1' -l $dir/log -w start >/dev/null"
  su postgres -s /bin/sh -c "$bindir/createdb -h 127.0.0.1 -p $port test"
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/test"
  PG_STOP="su postgres -s /bin/sh -c '$bindir/pg_ctl -D $dir/data -m fast stop >/dev/null'"
}

ensure_node
case "$MODE" in
  start)
    ensure_commands redis-server:redis-server ffmpeg:ffmpeg espeak-ng:espeak-ng fluidsynth:fluidsynth \
      /usr/share/sounds/sf2/TimGM6mb.sf2:timgm6mb-soundfont
    ensure_npm_deps
    build_ui_if_stale
    trap cleanup EXIT INT TERM
    if [ -z "${REDIS_URL:-}" ]; then start_private_redis "$ROOT/data/redis"; fi
    node server/index.ts &
    PIDS+=($!)
    if [ -f render-node/index.ts ]; then
      node render-node/index.ts &
      PIDS+=($!)
    fi
    say "Montage is starting at http://localhost:${PORT:-3000} (Ctrl-C stops everything)"
    wait -n "${PIDS[@]}" || true
    ;;
  test)
    ensure_commands redis-server:redis-server ffmpeg:ffmpeg espeak-ng:espeak-ng chromium:chromium fluidsynth:fluidsynth \
      /usr/share/sounds/sf2/TimGM6mb.sf2:timgm6mb-soundfont
    ensure_npm_deps
    PG_STOP=""
    trap 'cleanup; [ -n "$PG_STOP" ] && eval "$PG_STOP"' EXIT INT TERM
    ensure_test_postgres
    start_private_redis "$(mktemp -d /tmp/montage-test-redis.XXXXXX)"
    export TEST_REDIS_URL="$REDIS_URL"
    say "Typecheck"; npx tsc -p tsconfig.json
    say "Lint"; npx eslint . --max-warnings=0
    say "Dependency rules"; npm run --silent deps || die "An import breaks a dependency rule (.dependency-cruiser.cjs): see the path above."
    say "Format"; npx prettier --check . >/dev/null || { npx prettier --check . ; die "Formatting differs: run npx prettier --write ."; }
    say "Build"; npx remix build >/dev/null
    say "Tests"
    if [ $# -gt 0 ]; then files=("$@"); else
      files=('shared/**/*.test.ts' 'server/**/*.test.ts' 'app/**/*.test.ts' 'render-node/**/*.test.ts' 'tests/**/*.test.ts')
    fi
    node --test --test-concurrency=2 --test-timeout=300000 "${files[@]}"
    ;;
  media-gc)
    ensure_npm_deps
    node scripts/media-gc.ts "$@"
    ;;
  models)
    ensure_npm_deps
    node scripts/models.ts "$@"
    ;;
  *)
    die "Usage: scripts/montage.sh [start|test|media-gc|models]"
    ;;
esac
