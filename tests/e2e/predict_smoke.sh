#!/bin/sh
# Smoke test: `tfsk predict --url` against a real tfsk-serving on a free loopback port.
# Usage: predict_smoke.sh TFSK TFSK_SERVING SHARED_DIR. Exits 77 (skipped) without the fixture.
set -u
TFSK=$1
SERVING=$2
MODEL="$3/models/saved_model_half_plus_two_cpu"
[ -d "$MODEL" ] || { echo "fixture $MODEL missing"; exit 77; }
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
LOG=$(mktemp)
"$SERVING" --model_name=hpt --model_base_path="$MODEL" --rest_api_port="$PORT" >"$LOG" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -f "$LOG"' EXIT
i=0
until "$TFSK" predict --url "http://127.0.0.1:$PORT" --model hpt --timeout 2 >/dev/null 2>&1; do
  i=$((i + 1))
  if [ $i -ge 100 ]; then echo "tfsk-serving did not answer on port $PORT:"; cat "$LOG"; exit 1; fi
  sleep 0.2
done
OUT=$("$TFSK" predict --url "http://127.0.0.1:$PORT" --model hpt --instances 1.0,2.0,5.0) || exit 1
echo "$OUT"
echo "$OUT" | grep -q '"predictions"' || exit 1
echo "$OUT" | grep -q '4.5' || exit 1
# An unknown model: the server's message, exit 1.
"$TFSK" predict --url "http://127.0.0.1:$PORT" --model nope 2>&1 | grep -q "Servable not found" || exit 1
"$TFSK" predict --url "http://127.0.0.1:$PORT" --model nope >/dev/null 2>&1 && exit 1
echo "predict smoke OK"
