#!/usr/bin/env bash
# Makes a Node.js >= 22.12 available: the system one if it is new enough, otherwise the
# linux/darwin binary that the npm package node@24 ships (its platform package, fetched
# with `npm pack`, so no install script runs) unpacked under .tools/.
# Source it (`. scripts/bootstrap-node.sh`) to get PATH updated in your shell.
set -euo pipefail

pl_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pl_wanted_major=24

pl_node_is_new_enough() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=12)?0:1)'
}

if pl_node_is_new_enough; then
  echo "node: using $(command -v node) $(node --version)" >&2
else
  case "$(uname -s)" in Linux) pl_os=linux ;; Darwin) pl_os=darwin ;; *) echo "node: unsupported OS $(uname -s); install Node.js >= 22.12 yourself" >&2; return 1 2>/dev/null || exit 1 ;; esac
  case "$(uname -m)" in x86_64|amd64) pl_arch=x64 ;; aarch64|arm64) pl_arch=arm64 ;; *) echo "node: unsupported CPU $(uname -m); install Node.js >= 22.12 yourself" >&2; return 1 2>/dev/null || exit 1 ;; esac
  command -v npm >/dev/null 2>&1 || { echo "node: npm not found on PATH; it is needed to fetch node@${pl_wanted_major} from the npm registry" >&2; return 1 2>/dev/null || exit 1; }
  # npm lists the matching versions in publication order, not by version: take the highest.
  pl_version="$(npm view "node@${pl_wanted_major}" version 2>/dev/null | sed -E "s/.*'([0-9.]+)'.*/\1/; s/^node@//" | sort -V | tail -n 1)"
  [ -n "$pl_version" ] || { echo "node: could not resolve node@${pl_wanted_major} on the npm registry" >&2; return 1 2>/dev/null || exit 1; }
  pl_dir="$pl_root/.tools/node-v${pl_version}-${pl_os}-${pl_arch}"
  if [ ! -x "$pl_dir/bin/node" ]; then
    echo "node: fetching node-${pl_os}-${pl_arch}@${pl_version} (the binary behind node@${pl_wanted_major}) into .tools/" >&2
    pl_tmp="$(mktemp -d)"
    (cd "$pl_tmp" && npm pack --silent "node-${pl_os}-${pl_arch}@${pl_version}" >/dev/null)
    mkdir -p "$pl_dir"
    tar -xzf "$pl_tmp"/node-*.tgz -C "$pl_dir" --strip-components=1 package/bin/node
    rm -rf "$pl_tmp"
  fi
  export PATH="$pl_dir/bin:$PATH"
  echo "node: using $pl_dir/bin/node $(node --version)" >&2
fi
