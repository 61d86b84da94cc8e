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
# One module at a time. Two at a time (-T 2) takes about 14 min instead of about 20 on 2 cores, but one run in three
# timed out a gateway request in a test whose module shared the cores with order-service's suite: not yet safe.
exec ./mvnw -B verify "$@"
