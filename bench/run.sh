#!/usr/bin/env bash
# The benchmark (bench/README.md): packages what is missing or stale (never installs), then starts the whole system
# on free loopback ports, drives it with Gatling, and writes bench/results/<time>/report.md with its plots.
#   bench/run.sh                                   every scenario, 64 buyers, 60 s each, and the baseline
#   bench/run.sh --open-rates 20,40,60,80 --level 30s   also the open model
#   bench/run.sh --target http://localhost:8080    a running ./run-local.sh instead (no baseline)
#   bench/run.sh --help
set -euo pipefail
cd "$(dirname "$0")/.."

harness=bench/bench-harness/target/bench-harness-exec.jar
stale() {
  [[ ! -f $harness ]] && return 0
  [[ -n $(find . \( -path ./.orderpay -o -path '*/target' -o -path ./.git -o -path ./bench/results \) -prune -o \
      \( -name '*.java' -o -name '*.yml' -o -name '*.sql' -o -name '*.properties' -o -name '*.conf' -o -name pom.xml \) \
      -newer "$harness" -print -quit) ]]
}
if [[ ${BENCH_REBUILD:-} == 1 ]] || stale; then
  echo "Packaging orderpay and the benchmark (tests skipped)..."
  # The build shares the machine with the run that follows: it yields the CPU, the measured system does not.
  nice -n 10 ./mvnw -B -q -DskipTests -Djib.skip=true package
fi

# The load generator shares the 2 cores with the system: lean flags, like the services'; its CPU is in the report.
exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms128m -Xmx512m -Dorderpay.root="$PWD" -jar "$harness" "$@"
