#!/bin/sh
# A stand-in for `skopeo copy` in the kube_e2e tests: records its argv (one per line) in
# $FAKE_SKOPEO_LOG, writes the digest to --digestfile as skopeo does, and prints skopeo 1.9's
# progress lines (tests/testdata/cluster/skopeo/copy.stdout). It pushes nothing anywhere.
set -eu
printf '%s\n' "$@" > "${FAKE_SKOPEO_LOG:?}"
[ "$1" = copy ] || { echo "fake skopeo: only copy is scripted" >&2; exit 2; }
digestfile=""
prev=""
for a in "$@"; do
  [ "$prev" = "--digestfile" ] && digestfile="$a"
  prev="$a"
done
echo "Getting image source signatures"
echo "Copying blob sha256:a32826ad161414ebdd8b3ab0c346437284f32d8a9cd48dee9d718213c6ece577"
echo "Copying config sha256:54cd5374ead6aecf5d25294b6d71fbf17df7e773929742e1ed97a64ac903facc"
echo "Writing manifest to image destination"
echo "Storing signatures"
if [ -n "$digestfile" ]; then
  printf 'sha256:2a92fdabdec6575016448029d3e027aebd9dbf5464e512c27522a47db4d95beb' > "$digestfile"
fi
