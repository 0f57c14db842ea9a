#!/usr/bin/env bash
# Installs, idempotently, what the tests run for real: the CNCF distribution registry (Debian's
# docker-registry, 2.8), htpasswd for its basic-auth configuration, and Debian's chromium, in which
# the HTML dashboard tests render the page headless (DevTools protocol on loopback).
set -euo pipefail
need=()
command -v docker-registry >/dev/null 2>&1 || [ -x /usr/bin/docker-registry ] || need+=(docker-registry)
command -v htpasswd >/dev/null 2>&1 || need+=(apache2-utils)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
# The package starts a system service on port 5000; tests start their own registries.
if command -v systemctl >/dev/null 2>&1; then systemctl stop docker-registry >/dev/null 2>&1 || true; fi
pkill -f '/usr/bin/docker-registry serve /etc/docker/registry' >/dev/null 2>&1 || true
echo "test tools: docker-registry $(/usr/bin/docker-registry --version 2>/dev/null | awk '{print $3}'), htpasswd present,"\
  "$(chromium --version 2>/dev/null | head -1 | awk '{print $1, $2}')"
