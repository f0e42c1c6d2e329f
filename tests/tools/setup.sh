#!/usr/bin/env bash
# Installs what AdLens's build and tests need, only where it is missing:
# the wasm32 target, rustfmt and clippy, the wasm-bindgen CLI at exactly the
# crate's version, the npm packages, and (as root) Debian's Chromium and
# Firefox ESR.
# Needs: a Rust toolchain from rustup, Node.js >= 20 with npm.
set -euo pipefail
cd "$(dirname "$0")/../.."

say() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] error: %s\n' "$*" >&2; exit 1; }

command -v cargo >/dev/null || die "cargo not found: install Rust with rustup (https://rustup.rs)"
command -v node >/dev/null || die "node not found: install Node.js 20 or newer"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || die "Node.js $node_major is too old: AdLens needs 20 or newer"

if command -v rustup >/dev/null; then
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  for component in rustfmt clippy; do
    if ! rustup component list --installed | grep -q "^$component"; then
      say "adding $component"
      rustup component add "$component"
    fi
  done
fi

# The CLI must match the wasm-bindgen crate in Cargo.lock to the patch level.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$want" ] || die "could not read the wasm-bindgen version from Cargo.lock"
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (found '${have:-none}'; takes about 4 minutes)"
  # Not --locked: the registry mirror can lag behind the CLI's lock file.
  cargo install wasm-bindgen-cli --version "$want"
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund
fi

# A browser the end-to-end tests run in: installed from Debian's packages
# when missing and running as root, else a clear error.
#   $1 its path, $2 the Debian package, $3 the variable that overrides the path
need_browser() {
  [ -x "$1" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing Debian's $2"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  else
    die "$2 not found at $1: run 'sudo apt-get install $2' or set $3"
  fi
}
need_browser "${CHROMIUM_PATH:-/usr/bin/chromium}" chromium CHROMIUM_PATH
# The Firefox build's end-to-end tests run in Debian's Firefox ESR.
need_browser "${FIREFOX_PATH:-/usr/bin/firefox-esr}" firefox-esr FIREFOX_PATH
say "ready"
