#!/bin/sh
# Installs the real OCI registry (Debian's docker-registry, distribution 2.8) and htpasswd
# (apache2-utils) used by policy-sigstore's registry tests. Idempotent: does nothing when both
# are already installed.
set -eu
if [ -x /usr/bin/docker-registry ] && command -v htpasswd >/dev/null 2>&1; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends docker-registry apache2-utils
