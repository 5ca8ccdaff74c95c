#!/usr/bin/env bash
# Install what the browser tests need, once: Debian's Chromium and the CDN files folium references.
# Idempotent: does nothing when both are already there. Never downloads a browser build of its own.
set -euo pipefail

cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "browser_deps: /usr/bin/chromium is missing; install Debian's chromium package as root" >&2
        exit 1
    fi
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
fi

# The exact versions folium 0.20 links to (tests/browser/cdn.py maps each CDN URL to these files),
# and the sources scripts/build_map_data.py builds the package's map data from.
CDN_DIR=.cache/cdn
PACKAGES=(
    leaflet@1.9.3
    jquery@3.7.1
    bootstrap@5.2.2
    @fortawesome/fontawesome-free@6.2.0
    drmonty-leaflet-awesome-markers@2.0.2
    leaflet.timeline@1.6.0
    moment@2.18.1
    world-atlas@2.0.2
)

missing=()
for spec in "${PACKAGES[@]}"; do
    name="${spec%@*}"
    version="${spec##*@}"
    manifest="$CDN_DIR/node_modules/$name/package.json"
    if [ ! -f "$manifest" ] || ! grep -q "\"version\": *\"$version\"" "$manifest"; then
        missing+=("$spec")
    fi
done

if [ "${#missing[@]}" -gt 0 ]; then
    mkdir -p "$CDN_DIR"
    npm install --prefix "$CDN_DIR" --no-save --no-audit --no-fund --no-package-lock \
        --ignore-scripts "${PACKAGES[@]}"
fi
