#!/usr/bin/env bash
# Start a throw-away Keycloak (dev mode, in-memory H2) for the e2e suite and
# wait until the imported realm answers.
#
#   start-keycloak.sh <keycloak-home> <port> <realm-file>
#
# Env (optional): KC_REALM (default: gold), KC_START_TIMEOUT (seconds, default 120),
#                 KC_MANAGEMENT_PORT (default: <port>+1; only used if health/metrics get enabled).
# Output goes to <keycloak-home>/keycloak.log, the PID to <keycloak-home>/keycloak.pid.
# Stop with stop-keycloak.sh <keycloak-home>.
set -euo pipefail

if [ $# -ne 3 ]; then
  echo "usage: $0 <keycloak-home> <port> <realm-file>" >&2
  exit 2
fi

kc_home=$(cd "$1" && pwd)
port=$2
realm_file=$3
realm=${KC_REALM:-gold}
timeout=${KC_START_TIMEOUT:-120}
mgmt_port=${KC_MANAGEMENT_PORT:-$((port + 1))}
log="$kc_home/keycloak.log"
pid_file="$kc_home/keycloak.pid"
url="http://localhost:$port/realms/$realm/.well-known/openid-configuration"

[ -f "$kc_home/bin/kc.sh" ] || { echo "no Keycloak at $kc_home (bin/kc.sh missing)" >&2; exit 2; }
[ -f "$realm_file" ] || { echo "realm file not found: $realm_file" >&2; exit 2; }

if [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
  echo "Keycloak already running (pid $(cat "$pid_file")); run stop-keycloak.sh first" >&2
  exit 1
fi
if curl -s -o /dev/null --max-time 2 "http://localhost:$port/"; then
  echo "port $port is already in use" >&2
  exit 1
fi

# Only this realm file is imported: stale *.json from earlier runs are removed.
mkdir -p "$kc_home/data/import"
rm -f "$kc_home/data/import/"*.json
cp "$realm_file" "$kc_home/data/import/"

# dev-mem: fresh database on every start, so the realm file is always re-imported.
# health/metrics stay off, so nothing binds the management port (9000 by default);
# it is moved anyway in case someone enables them via conf/keycloak.conf.
start=$(date +%s)
nohup bash "$kc_home/bin/kc.sh" start-dev \
  --http-port="$port" \
  --http-management-port="$mgmt_port" \
  --health-enabled=false --metrics-enabled=false \
  --db=dev-mem \
  --import-realm \
  --log-console-color=false \
  >"$log" 2>&1 </dev/null &
pid=$!
echo "$pid" >"$pid_file"

while :; do
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true)
  if [ "$code" = "200" ]; then
    echo "Keycloak up on port $port (pid $pid) after $(( $(date +%s) - start ))s"
    exit 0
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "Keycloak exited during startup; last log lines:" >&2
    tail -n 40 "$log" >&2
    rm -f "$pid_file"
    exit 1
  fi
  if [ $(( $(date +%s) - start )) -ge "$timeout" ]; then
    echo "Keycloak not ready after ${timeout}s ($url -> $code); last log lines:" >&2
    tail -n 40 "$log" >&2
    "$(dirname "$0")/stop-keycloak.sh" "$kc_home" >&2 || true
    exit 1
  fi
  sleep 1
done
