#!/usr/bin/env bash
# End to end, the local target: tfsk up → status → down in a fresh folder, plus the bad inputs
# (down with nothing up, a missing model folder, a busy port, a stale pid) and `model init`.
# Usage: local_lifecycle.sh <tfsk binary> <scratch folder>
set -u
tfsk=$1
work=$2
rm -rf "$work" && mkdir -p "$work/a" "$work/b" && cd "$work/a" || exit 1

fail() {
  echo "FAIL: $*" >&2
  "$tfsk" down --target local --grace 1 >/dev/null 2>&1
  exit 1
}
expect() {  # expect <want rc: 0|nonzero> <text> <command...>
  local want=$1 text=$2
  shift 2
  out=$("$@" 2>&1)
  rc=$?
  echo "\$ $* -> $rc"
  echo "$out" | sed 's/^/  | /'
  if [ "$want" = 0 ] && [ $rc -ne 0 ]; then fail "expected success: $*"; fi
  if [ "$want" != 0 ] && [ $rc -eq 0 ]; then fail "expected failure: $*"; fi
  case "$out" in *"$text"*) ;; *) fail "expected '$text' in the output of: $*" ;; esac
}

# A port nothing listens on (bash's /dev/tcp connect fails at once on a closed port), below
# the kernel's ephemeral range (32768 and up by default): a port there can be the local end of
# some client's connection, which nothing listens on but which a server cannot bind either.
port=0
for _ in $(seq 1 50); do
  p=$((20000 + RANDOM % 12000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then port=$p; break; fi
done
[ "$port" != 0 ] || fail "no free port found"

expect 0 "Nothing is running" "$tfsk" down --target local
expect nonzero "does not exist" "$tfsk" up --target local --model ./nope --port "$port"
[ ! -e .tfsk/local.json ] || fail "a failed up left state behind"

expect 0 "Target: local (--target local)" "$tfsk" up --target local --port "$port" --timeout 60
case "$out" in *"http://127.0.0.1:$port/v1/models/half_plus_two"*) ;; *) fail "no URL printed" ;; esac
pid=$(sed -n 's/.*"pid":\([0-9]*\).*/\1/p' .tfsk/local.json)
[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || fail "no running server recorded in .tfsk/local.json"
[ -s .tfsk/tfsk-serving.log ] || fail "no server log"
expect 0 "nothing changed" "$tfsk" up --target local --port "$port"
expect 0 "AVAILABLE" "$tfsk" status
expect 0 "Exporting HTTP/REST API" "$tfsk" logs --tail 20

# Another project asking for the same port gets an explanation, and nothing starts.
(cd "$work/b" && expect nonzero "already in use" "$tfsk" up --target local --port "$port") || exit 1
[ ! -e "$work/b/.tfsk/local.json" ] || fail "busy-port up left state behind"

expect 0 "Stopped tfsk-serving (pid $pid" "$tfsk" down
# Gone, or a zombie waiting for init to reap it (its parent, `tfsk up`, has exited).
alive() { [ -r "/proc/$1/stat" ] && ! sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | grep -q '^Z'; }
if alive "$pid"; then fail "tfsk-serving pid $pid still running after down"; fi
for c in /proc/[0-9]*/cmdline; do
  p=${c#/proc/}
  p=${p%/cmdline}
  if tr '\0' ' ' <"$c" 2>/dev/null | grep -q -- "--model_base_path=$work" && alive "$p"; then
    fail "a tfsk-serving for $work is still running: $c"
  fi
done
[ ! -e .tfsk/local.json ] || fail "down left .tfsk/local.json"
expect nonzero "tfsk up --target local" "$tfsk" logs --target local

# A stale pid (a process that is gone): status explains, down cleans.
sh -c 'exit 0' & dead=$!
wait $dead
printf '{"pid":%s,"port":%s,"model_name":"m","model_path":"/m","log_path":"/l","started_at":""}\n' \
  "$dead" "$port" >.tfsk/local.json
expect nonzero "stale" "$tfsk" status
expect 0 "no longer running" "$tfsk" down
[ ! -e .tfsk/local.json ] || fail "stale state not cleaned"

# The demo writer, and the model it writes answers like half_plus_two.
expect 0 "Wrote half_plus_two" "$tfsk" model init half_plus_two models/hpt
expect 0 "4.5" "$tfsk" model run models/hpt --input "x=[[1.0],[2.0],[5.0]]"
expect nonzero "already exists" "$tfsk" model init half_plus_two models/hpt
expect 0 "Wrote mlp" "$tfsk" model init mlp models/mlp
echo "PASS"
