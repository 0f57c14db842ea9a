#!/usr/bin/env bash
# Load benchmark of the webhook, loopback only and bounded: builds the example, makes a throwaway
# certificate, starts the packaged server (java -jar palisade-webhook.jar, builtin:default) in its
# own JVM on 127.0.0.1 with a free port, runs LoadBenchmark against it, and stops the server.
#
#   examples/webhook/bench/load.sh [--requests N] [--warmup N] [--warmup-limit N] [--concurrency N]
#                                  [--rate N] [--duration D] [--connections N] [--slowloris N]
#                                  [--stalled N] [--time-limit D]
#
# Defaults: after a warm-up (20000 reviews, then rounds of 10000 while the server's JIT compilers
# use over 5% of its CPU, 200000 at most), a closed loop of 20000 reviews at concurrency 16 (the
# maximum throughput), then an open loop offering 5000 reviews/s for 10 s over 32 connections
# (after 3 s of it unmeasured; latency from each review's intended send time); then, with 20
# slowloris clients and 10 stalled handshakes connected, the warm-up again and both runs again; at
# most 300 s in all. --rate 0 skips the open loop.
# Extra server flags: SERVER_FLAGS="--workers 4"; JVM options: SERVER_JAVA_OPTS, CLIENT_JAVA_OPTS;
# another build of the server (with its lib/ beside it), to compare: SERVER_JAR=/path/palisade-webhook.jar.
# Set SKIP_BUILD=1 to reuse the last build. Exit code: 0 all answers right, 1 wrong answers, 2 setup.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
if [ "${SKIP_BUILD:-}" != 1 ]; then
  mvn -B -q -pl examples/webhook -am -DskipTests package
fi
module="$root/examples/webhook"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

export PALISADE_TLS_PASSWORD="bench-$$"
keytool -genkeypair -alias webhook -keyalg EC -groupname secp256r1 -dname CN=127.0.0.1 \
  -ext SAN=ip:127.0.0.1 -validity 1 -storetype PKCS12 -keystore "$work/tls.p12" \
  -storepass "$PALISADE_TLS_PASSWORD" -keypass "$PALISADE_TLS_PASSWORD" >/dev/null 2>&1

# shellcheck disable=SC2086
java ${SERVER_JAVA_OPTS:-} -jar "${SERVER_JAR:-$module/target/palisade-webhook.jar}" --bind 127.0.0.1 --port 0 \
  --tls-keystore "$work/tls.p12" --policy builtin:default ${SERVER_FLAGS:-} 2>"$work/server.log" &
server_pid=$!
port=""
for _ in $(seq 1 600); do
  port="$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/server.log")"
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 2; }
  sleep 0.1
done
[ -n "$port" ] || { echo "the server did not start within 60 s" >&2; cat "$work/server.log" >&2; exit 2; }
echo "server: pid $server_pid on 127.0.0.1:$port, flags: ${SERVER_FLAGS:-(defaults)}"

classpath="$module/target/test-classes:$module/target/classes:$module/target/lib/*"
set +e
java ${CLIENT_JAVA_OPTS:-} -cp "$classpath" dev.palisade.webhook.LoadBenchmark \
  --target "127.0.0.1:$port" --truststore "$work/tls.p12" --server-pid "$server_pid" \
  --rate 5000 "$@"
status=$?
set -e
exit $status
