#!/usr/bin/env bash
# Every test (README "Test"); .ci/run calls exactly this. Extra arguments go to Maven (e.g. -pl wallet-service/wallet-app -am).
set -euo pipefail
cd "$(dirname "$0")"
# The browser tests (ui-tests) drive Debian's Chromium through its chromedriver: installed from apt when missing
# (as root, or through sudo), so that a fresh machine runs them too instead of skipping them.
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  echo "Installing chromium and chromium-driver (Debian packages) for the browser tests"
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >/dev/null
  $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
fi
# Two modules at a time: many tests wait on real timeouts, restarts and settling, so one module's tests leave a core
# free most of the time (one at a time: about 20 min on 2 cores; two: about 14). Modules still wait for the jars
# their tests start (their dependencies say so), and every test uses its own servers on random ports.
exec ./mvnw -B -T 2 verify "$@"
