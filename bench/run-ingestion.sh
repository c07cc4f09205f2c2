#!/usr/bin/env bash
# End-to-end ingestion benchmark; results and how to read them: docs/benchmarks.md.
#
#   bench/run-ingestion.sh --orders 20000 [--customers 5000] [--help]
#
# Compiles the modules bench needs, snapshots their class directories (so a concurrent build of the
# checkout cannot pull classes from under a running benchmark) and runs the benchmark in its own JVM.
# Extra JVM options: BENCH_JAVA_OPTS="-Xmx2g" bench/run-ingestion.sh ...
# Another benchmark main class of this module: BENCH_MAIN=com.retailpulse.bench.CommitProbe bench/run-ingestion.sh
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -q -B -pl bench -am compile -Pingestion-bench

snapshot=$(mktemp -d "${TMPDIR:-/tmp}/retailpulse-bench-classes.XXXXXX")
trap 'rm -rf "$snapshot"' EXIT
classpath=()
n=0
IFS=: read -r -a entries < bench/target/ingestion-bench.classpath || true  # no trailing newline: read says EOF
for entry in "$PWD/bench/target/classes" "${entries[@]}"; do
  if [[ -d $entry ]]; then
    n=$((n + 1))
    cp -R "$entry" "$snapshot/$n"
    classpath+=("$snapshot/$n")
  else
    classpath+=("$entry")
  fi
done
if [[ ! -f $snapshot/1/com/retailpulse/bench/IngestionBenchmark.class ]]; then
  echo "bench classes are missing from bench/target/classes (another build running at the same time?); run again" >&2
  exit 1
fi

# Which code was measured: the commit, and whether modules other than bench differed from it.
revision="git $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
if ! git diff --quiet HEAD -- . ':(exclude)bench' ':(exclude)docs' 2>/dev/null; then
  revision="$revision + uncommitted changes"
fi

java=${JAVA_HOME:+$JAVA_HOME/bin/}java
# The benchmark runs as a child; stopping this script (Ctrl-C, kill) stops it too, so no platform is left
# running in the background to load the machine under the next measurement.
"$java" "-Dbench.revision=$revision" ${BENCH_JAVA_OPTS:-} \
  -cp "$(IFS=:; echo "${classpath[*]}")" "${BENCH_MAIN:-com.retailpulse.bench.IngestionBenchmark}" "$@" &
bench=$!
trap 'kill -TERM "$bench" 2>/dev/null; wait "$bench"; exit 143' INT TERM
wait "$bench"
