#!/usr/bin/env bash
# A private Docker engine for the Docker sandbox backend's tests, benchmarks and demos: Debian's docker.io started on
# its own socket and data root, so it never touches (or needs) a system engine, and images built into it (the sandbox
# image) stay there between runs on the same machine.
#
#   scripts/docker-engine.sh start   install docker.io if missing, start dockerd unless it answers, print its env
#   scripts/docker-engine.sh env     print the variables to use it:  eval "$(scripts/docker-engine.sh env)"
#   scripts/docker-engine.sh stop    stop the private dockerd
#
# Besides the Unix socket it listens on 127.0.0.1:${MLEDOJO_DOCKER_TLS_PORT:-23760} with TLS client authentication
# (certificates generated once under the state directory), so the remote-engine path (tcp + TLS) is tested too.
# Needs root (dockerd does). Set MLEDOJO_DOCKER_HOST to use another engine instead (nothing is started then).
set -euo pipefail

STATE=${MLEDOJO_DOCKER_STATE:-/var/lib/mledojo-docker}
SOCKET=${MLEDOJO_DOCKER_SOCKET:-/run/mledojo-docker.sock}
EXEC_ROOT=/run/mledojo-docker
PIDFILE=/run/mledojo-docker.pid
TLS_PORT=${MLEDOJO_DOCKER_TLS_PORT:-23760}
TLS_DIR="$STATE-tls"
LOG="$STATE-dockerd.log"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

answers() { DOCKER_HOST="$1" docker info >/dev/null 2>&1; }

print_env() {
  if [ -n "${MLEDOJO_DOCKER_HOST:-}" ]; then
    echo "export DOCKER_HOST=${MLEDOJO_DOCKER_HOST}"
    return
  fi
  echo "export DOCKER_HOST=unix://$SOCKET"
  if [ -f "$TLS_DIR/client/cert.pem" ]; then
    echo "export MLEDOJO_TEST_DOCKER_TLS_HOST=tcp://127.0.0.1:$TLS_PORT"
    echo "export MLEDOJO_TEST_DOCKER_CERT_PATH=$TLS_DIR/client"
  fi
}

install_engine() {
  # debootstrap too: `mledojo sandbox build-image` assembles the sandbox image with it.
  if command -v dockerd >/dev/null && command -v docker >/dev/null && command -v openssl >/dev/null && command -v debootstrap >/dev/null; then
    return
  fi
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "The Docker engine is missing. Run as root: apt-get install -y docker.io openssl debootstrap" >&2
    exit 1
  fi
  say "installing docker.io and debootstrap"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker.io openssl ca-certificates debootstrap >/dev/null
}

# A CA, a server certificate for 127.0.0.1/localhost and a client certificate, made once.
make_certificates() {
  [ -f "$TLS_DIR/client/cert.pem" ] && return
  say "generating TLS certificates for the engine's TCP listener"
  local tmp
  tmp=$(mktemp -d)
  (
    cd "$tmp"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=mledojo test CA" -keyout ca-key.pem -out ca.pem 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout server-key.pem -out server.csr 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >server.ext
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 3650 -extfile server.ext -out server-cert.pem 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=mledojo client" -keyout key.pem -out client.csr 2>/dev/null
    printf 'extendedKeyUsage=clientAuth\n' >client.ext
    openssl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 3650 -extfile client.ext -out cert.pem 2>/dev/null
  )
  mkdir -p "$TLS_DIR/server" "$TLS_DIR/client"
  cp "$tmp/ca.pem" "$tmp/server-cert.pem" "$tmp/server-key.pem" "$TLS_DIR/server/"
  cp "$tmp/ca.pem" "$tmp/cert.pem" "$tmp/key.pem" "$TLS_DIR/client/"
  chmod 600 "$TLS_DIR"/*/*key.pem
  rm -rf "$tmp"
}

# A daemon that died (killed with its session, a crash) leaves its pid file, which stops the next one from starting;
# one that is alive but does not answer is stopped.
clear_stale_daemon() {
  [ -f "$PIDFILE" ] || return 0
  local pid state
  pid=$(cat "$PIDFILE")
  state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || true)
  if [ -n "$state" ] && [ "$state" != Z ] && grep -q dockerd "/proc/$pid/cmdline" 2>/dev/null; then
    for _ in $(seq 1 50); do
      answers "unix://$SOCKET" && return 0
      sleep 0.2
    done
    say "dockerd ($pid) does not answer; stopping it"
    kill "$pid" 2>/dev/null || true
    sleep 2
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$PIDFILE"
}

start() {
  if [ -n "${MLEDOJO_DOCKER_HOST:-}" ]; then
    answers "$MLEDOJO_DOCKER_HOST" || { echo "No Docker engine answers at MLEDOJO_DOCKER_HOST=$MLEDOJO_DOCKER_HOST" >&2; exit 1; }
    print_env
    return
  fi
  install_engine
  if answers "unix://$SOCKET"; then
    print_env
    return
  fi
  if [ "$(id -u)" != 0 ]; then
    echo "Starting the private Docker engine needs root (or set MLEDOJO_DOCKER_HOST to an engine you can use)." >&2
    exit 1
  fi
  make_certificates
  clear_stale_daemon
  if answers "unix://$SOCKET"; then
    print_env
    return
  fi
  mkdir -p "$STATE" "$EXEC_ROOT"
  say "starting dockerd on $SOCKET (data root $STATE)"
  local started=$SECONDS
  # No bridge and no iptables: sandbox containers have no network at all, and the host's firewall stays untouched.
  setsid dockerd \
    --host "unix://$SOCKET" --host "tcp://127.0.0.1:$TLS_PORT" \
    --tlsverify --tlscacert "$TLS_DIR/server/ca.pem" --tlscert "$TLS_DIR/server/server-cert.pem" --tlskey "$TLS_DIR/server/server-key.pem" \
    --data-root "$STATE" --exec-root "$EXEC_ROOT" --pidfile "$PIDFILE" \
    --bridge=none --iptables=false --ip6tables=false --ip-masq=false \
    </dev/null >"$LOG" 2>&1 &
  for _ in $(seq 1 300); do
    if answers "unix://$SOCKET"; then
      say "dockerd answered after $((SECONDS - started)) s"
      # Sandbox containers of the previous daemon's life stopped with it; test runs that died left theirs under
      # labels no server will sweep. Nothing can use them any more.
      DOCKER_HOST="unix://$SOCKET" docker ps -aq --filter label=mledojo.instance --filter status=exited --filter status=created \
        | xargs -r env DOCKER_HOST="unix://$SOCKET" docker rm -f >/dev/null 2>&1 || true
      print_env
      return
    fi
    if ! kill -0 $! 2>/dev/null; then
      break
    fi
    sleep 0.2
  done
  echo "dockerd did not start; its log ($LOG) ends with:" >&2
  tail -20 "$LOG" >&2
  exit 1
}

stop() {
  if [ -f "$PIDFILE" ] && kill "$(cat "$PIDFILE")" 2>/dev/null; then
    for _ in $(seq 1 100); do
      [ -f "$PIDFILE" ] || break
      sleep 0.1
    done
  fi
}

case "${1:-start}" in
  start) start ;;
  env) print_env ;;
  stop) stop ;;
  *)
    sed -n '2,12p' "$0" >&2
    exit 2
    ;;
esac
