#!/usr/bin/env bash
# End to end: `tfsk image build` writes an archive that real container tooling accepts, and the
# server inside it answers predict when run the way a runtime would run it.
#   1. build twice with the shared half_plus_two: identical bytes (deterministic)
#   2. skopeo inspect docker-archive: and oci-archive: (user, entrypoint, env, ports, layers)
#   3. skopeo copy to an OCI layout, umoci unpack to a runtime bundle
#   4. chroot into the unpacked rootfs as uid/gid 65532 with the bundle's own args and env
#      (so the static binary can only use what the image holds), plus one extra arg that moves
#      the REST port, and predict [2.5, 3.0, 4.5] for [1.0, 2.0, 5.0] on 127.0.0.1
#   5. bad input: no archive left behind
# Usage: image_build.sh TFSK SHARED_DIR WORK_DIR. Exit 77 = skipped (CI=true turns a missing tool
# or fixture into a failure; not being root only skips step 4).
set -u
TFSK=$1
MODEL="$2/models/saved_model_half_plus_two_cpu"
WORK=$3

fail() { echo "FAIL: $*"; exit 1; }
skip() {
  if [ "${CI:-}" = "true" ]; then fail "$* (required under CI=true; scripts/setup installs it)"; fi
  echo "SKIP: $*"
  exit 77
}

[ -d "$MODEL" ] || skip "fixture $MODEL missing (set TFSK_SHARED_DIR)"
for tool in skopeo umoci python3; do
  command -v "$tool" >/dev/null || skip "$tool is not installed (apt-get install $tool)"
done
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || fail "cannot use $WORK"

# 1. Build twice.
"$TFSK" image build --model "$MODEL" --name half_plus_two --output x.tar >build.out 2>&1 ||
  { cat build.out; fail "tfsk image build exited $?"; }
cat build.out
REF=$(sed -n 's/^built //p' build.out)
DIGEST=$(sed -n 's/^digest //p' build.out)
[ -n "$REF" ] && [ -n "$DIGEST" ] || fail "no reference or digest printed"
case "$REF" in "tfsk-serving:sha256-${DIGEST:7:12}") ;; *) fail "tag $REF is not the digest's";; esac
"$TFSK" image build --model "$MODEL" --name half_plus_two --output y.tar >/dev/null 2>&1 ||
  fail "second build"
cmp -s x.tar y.tar || fail "two builds of the same inputs differ"

# 2. Inspect through both transports.
for transport in docker-archive oci-archive; do
  skopeo inspect --config "$transport:x.tar" >"$transport.json" 2>inspect.err ||
    { cat inspect.err; fail "skopeo inspect $transport"; }
  python3 - "$transport.json" <<'PY' || fail "$transport config"
import json, sys
c = json.load(open(sys.argv[1]))
run = c["config"]
assert run["User"] == "65532:65532", run["User"]
assert run["Entrypoint"] == ["/usr/bin/tfsk-serving", "--port=8500", "--rest_api_port=8501"], run
assert "MODEL_NAME=half_plus_two" in run["Env"] and "MODEL_BASE_PATH=/models" in run["Env"], run
assert set(run["ExposedPorts"]) == {"8500/tcp", "8501/tcp"}, run
assert len(c["rootfs"]["diff_ids"]) == 2, c["rootfs"]
assert run["Labels"]["org.opencontainers.image.version"], run
PY
done
skopeo inspect oci-archive:x.tar >oci-manifest.json || fail "skopeo inspect oci-archive"
python3 -c 'import json,sys; m=json.load(open("oci-manifest.json")); assert m["Digest"]==sys.argv[1], m["Digest"]; assert len(m["Layers"])==2' \
  "$DIGEST" || fail "oci-archive digest or layer count"
echo "inspect: user, entrypoint, env, ports, 2 layers, digest $DIGEST"

# 3. Unpack as a runtime would.
skopeo copy --quiet oci-archive:x.tar oci:layout:t >/dev/null || fail "skopeo copy to oci:"
UNPACK=(umoci unpack)
[ "$(id -u)" -eq 0 ] || UNPACK+=(--rootless)
"${UNPACK[@]}" --image layout:t bundle >/dev/null || fail "umoci unpack"
ROOTFS=bundle/rootfs
[ -x "$ROOTFS/usr/bin/tfsk-serving" ] || fail "no /usr/bin/tfsk-serving in the rootfs"
[ -f "$ROOTFS/models/half_plus_two/00000123/saved_model.pb" ] || fail "no model in the rootfs"
[ ! -e "$ROOTFS/bin/sh" ] || fail "the image has a shell"
grep -q '^nonroot:x:65532:65532:' "$ROOTFS/etc/passwd" || fail "no nonroot user"

# 5 (before the server): bad input leaves no archive.
"$TFSK" image build --model "$WORK/bundle" --output bad.tar >bad.out 2>&1
code=$?
[ $code -eq 3 ] || { cat bad.out; fail "an invalid model folder exited $code, not 3"; }
grep -q "numbered version" bad.out || fail "the invalid-model error does not show the layout"
"$TFSK" image build --output "$WORK/no/such/dir/x.tar" >bad.out 2>&1 && fail "unwritable output"
grep -q "cannot write the image archive" bad.out || fail "unclear unwritable-output error"
[ ! -e bad.tar ] && [ -z "$(ls -A . | grep -e '\.tmp\.' -e '\.staging\.')" ] || fail "debris left"

# 4. Run it.
if [ "$(id -u)" -ne 0 ]; then
  echo "SKIP: chroot and uid 65532 need root; the archive checks above passed"
  exit 77
fi
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# The bundle's runtime config holds the image's entrypoint, env and user as umoci resolved them.
mapfile -t ARGS < <(python3 -c 'import json; [print(a) for a in json.load(open("bundle/config.json"))["process"]["args"]]')
mapfile -t ENVS < <(python3 -c 'import json; [print(e) for e in json.load(open("bundle/config.json"))["process"]["env"]]')
USERSPEC=$(python3 -c 'import json; u=json.load(open("bundle/config.json"))["process"]["user"]; print("%d:%d" % (u["uid"], u["gid"]))')
[ "$USERSPEC" = "65532:65532" ] || fail "the bundle runs as $USERSPEC"
env -i "${ENVS[@]}" chroot --userspec="$USERSPEC" "$ROOTFS" "${ARGS[@]}" --rest_api_port="$PORT" \
  >server.log 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null' EXIT
python3 - "$PORT" <<'PY' || { cat server.log; fail "predict through the unpacked image"; }
import json, sys, time, urllib.request
url = "http://127.0.0.1:%s/v1/models/half_plus_two" % sys.argv[1]
for _ in range(100):
    try:
        state = json.load(urllib.request.urlopen(url, timeout=1))
        if state["model_version_status"][0]["state"] == "AVAILABLE":
            break
    except Exception:
        pass
    time.sleep(0.1)
req = urllib.request.Request(url + ":predict", data=b'{"instances": [1.0, 2.0, 5.0]}')
got = json.load(urllib.request.urlopen(req, timeout=5))["predictions"]
assert got == [2.5, 3.0, 4.5], got
print("predict:", got)
PY
UID_OF_SERVER=$(awk '/^Uid:/ {print $2}' "/proc/$PID/status" 2>/dev/null)
CHILD=$(pgrep -P $PID 2>/dev/null | head -1)
[ -n "$CHILD" ] && UID_OF_SERVER=$(awk '/^Uid:/ {print $2}' "/proc/$CHILD/status")
[ "$UID_OF_SERVER" = "65532" ] || fail "the server ran as uid $UID_OF_SERVER"
echo "image e2e PASS"
