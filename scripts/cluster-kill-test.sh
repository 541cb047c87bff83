#!/usr/bin/env bash
# The three-node kill test with real processes: three monitor nodes from the fat jar, events streaming in,
# one node killed with SIGKILL (kill -9) and started again mid-stream; then every agency's counts on every
# node are compared with the events sent. Prints what it compared; exits non-zero on any difference.
# Usage: scripts/cluster-kill-test.sh [events (300000)] [agencies (500)]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q package -DskipTests
mvn -B -q -Pkilltest test-compile exec:exec -Dkilltest.args="target/ip-agency-monitor.jar ${1:-300000} ${2:-500}"
