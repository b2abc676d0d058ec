#!/usr/bin/env bash
# A local try of scheduled runs: a Prefect server on 127.0.0.1, then `scrapeclean serve` on it.
# Usage: scripts/serve-local.sh [INBOX] [OUTPUT] [INTERVAL_SECONDS]   (Ctrl-C stops both)
set -euo pipefail
cd "$(dirname "$0")/.."
INBOX=${1:-inbox}
OUTPUT=${2:-output}
INTERVAL=${3:-60}
PORT=${PREFECT_PORT:-4200}
export PREFECT_HOME=${PREFECT_HOME:-$PWD/.prefect}
export PREFECT_SERVER_ANALYTICS_ENABLED=${PREFECT_SERVER_ANALYTICS_ENABLED:-false}
export DO_NOT_TRACK=${DO_NOT_TRACK:-1}
export PREFECT_API_URL=http://127.0.0.1:$PORT/api
mkdir -p "$PREFECT_HOME" "$INBOX"

.venv/bin/prefect server start --host 127.0.0.1 --port "$PORT" > "$PREFECT_HOME/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  if .venv/bin/python -c "import urllib.request,sys; urllib.request.urlopen('$PREFECT_API_URL/health', timeout=2)" 2>/dev/null; then
    break
  fi
  kill -0 $SERVER 2>/dev/null || { echo "prefect server failed to start, see $PREFECT_HOME/server.log" >&2; exit 1; }
  sleep 1
done
echo "Prefect UI: http://127.0.0.1:$PORT  -  drop dumps into $INBOX/, clean records appear in $OUTPUT/documents/"
.venv/bin/scrapeclean serve --inbox "$INBOX" --output "$OUTPUT" --interval "$INTERVAL"
