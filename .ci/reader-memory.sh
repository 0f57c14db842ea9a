#!/usr/bin/env bash
# Shows that the manifest reader streams document by document with memory bounded by the largest
# document: reads large generated inputs (62,091 Deployments in one file, 100,000 resources in
# ~180 MiB, 200,000 small documents, a 100 MiB document, endless streams) through a sink that
# discards, with a 256 MiB heap, and prints each read's peak heap. Exits non-zero when a read runs
# out of memory or miscounts. Then runs the CLI on stdin from /dev/zero with the same heap.
# Not part of `mvn verify` (it writes ~250 MiB to a temporary directory and takes minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f policy-benchmarks/target/benchmarks.jar ] || [ -n "${REBUILD:-}" ]; then
  mvn -B -q -pl policy-benchmarks -am -DskipTests package
fi
java -Xmx256m -cp policy-benchmarks/target/benchmarks.jar dev.palisade.benchmarks.ReaderMemory

echo "CLI: palisade check - < /dev/zero at -Xmx256m"
set +e
zero_log="$(mktemp)"
PALISADE_JAVA_OPTS=-Xmx256m ./palisade check - < /dev/zero > "$zero_log" 2>&1
status=$?
set -e
cat "$zero_log"
if [ "$status" -ne 2 ] || ! grep -q "<stdin>:1:1: error: file holds NUL bytes" "$zero_log"; then
  echo "expected exit 2 with a located NUL-bytes error, got $status" >&2
  exit 1
fi
rm -f "$zero_log"
echo "reader memory checks passed"
