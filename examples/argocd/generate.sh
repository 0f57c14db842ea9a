#!/usr/bin/env bash
# palisade-generate: the `generate` command of the Palisade Config Management Plugin for Argo CD.
#
# Contract (what Argo CD expects from a CMP generate command, and what the tests check):
#   - runs in the Application's source directory;
#   - renders the app: Helm chart (Chart.yaml) with `helm template`, Kustomize (kustomization.yaml)
#     with `kustomize build` (or `kubectl kustomize`), otherwise the plain YAML/JSON files of the directory tree;
#   - judges the result with `palisade check`;
#   - passes: prints the manifests, and only them, on stdout, exit 0;
#   - fails: prints nothing on stdout, the findings on stderr (Argo CD shows them in the UI), and
#     exits 1 (findings reached --fail-on) or 2 (render, input or policy errors), so the sync fails.
#
# Configuration comes from the sidecar's environment, never from the Application (its variables
# arrive as ARGOCD_ENV_* and could otherwise weaken the policies):
#   PALISADE          the CLI (default: palisade)
#   PALISADE_POLICY   policy references, space-separated (default: builtin:default)
#   PALISADE_EXEMPTIONS  exemption files or directories, space-separated; relative ones are read
#                     in the app's source directory (default: none)
#   PALISADE_FAIL_ON  warn, deny (default) or never
#   HELM, KUSTOMIZE   the renderers (default: helm, and kustomize or else `kubectl kustomize`)
# From Argo CD: ARGOCD_APP_NAME, ARGOCD_APP_NAMESPACE, and the plugin parameter `values-files`
# (PARAM_VALUES_FILES_0, _1, ...) for Helm charts.
set -uo pipefail

palisade=${PALISADE:-palisade}
helm=${HELM:-helm}
kustomize=${KUSTOMIZE:-kustomize}
fail_on=${PALISADE_FAIL_ON:-deny}
app=${ARGOCD_APP_NAME:-app}
namespace=${ARGOCD_APP_NAMESPACE:-default}

work=$(mktemp -d "${TMPDIR:-/tmp}/palisade-generate.XXXXXX") || { echo "palisade-generate: cannot create a temporary directory" >&2; exit 2; }
trap 'rm -rf "$work"' EXIT
rendered="$work/manifests.yaml"

need() { # TOOL NAME
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "palisade-generate: $2 is needed to render this app but '$1' is not on the PATH of the plugin sidecar" >&2
    exit 2
  fi
}

check_args=(check --fail-on "$fail_on" --no-color)
for ref in ${PALISADE_POLICY:-builtin:default}; do check_args+=(--policy "$ref"); done
for path in ${PALISADE_EXEMPTIONS:-}; do check_args+=(--exemptions "$path"); done

if [ -f Chart.yaml ]; then
  need "$helm" "Helm"
  helm_args=(template "$app" . --namespace "$namespace")
  i=0
  while true; do
    var="PARAM_VALUES_FILES_$i"
    [ -n "${!var:-}" ] || break
    case "${!var}" in
      /*|*..*) echo "palisade-generate: values file '${!var}' must be a relative path inside the app" >&2; exit 2 ;;
    esac
    helm_args+=(--values "${!var}")
    i=$((i + 1))
  done
  if ! "$helm" "${helm_args[@]}" >"$rendered" 2>"$work/render.err"; then
    echo "palisade-generate: helm template failed:" >&2; cat "$work/render.err" >&2; exit 2
  fi
  cat "$work/render.err" >&2
  "$palisade" "${check_args[@]}" - <"$rendered" >&2
  status=$?
elif [ -f kustomization.yaml ] || [ -f kustomization.yml ] || [ -f Kustomization ]; then
  # kustomize, or kubectl's built-in Kustomize (kubectl kustomize) when no kustomize is installed
  kustomize_build=("$kustomize" build .)
  if ! command -v "$kustomize" >/dev/null 2>&1 && [ -z "${KUSTOMIZE:-}" ] && command -v kubectl >/dev/null 2>&1; then
    kustomize_build=(kubectl kustomize .)
  fi
  need "${kustomize_build[0]}" "Kustomize"
  if ! "${kustomize_build[@]}" >"$rendered" 2>"$work/render.err"; then
    echo "palisade-generate: kustomize build failed:" >&2; cat "$work/render.err" >&2; exit 2
  fi
  cat "$work/render.err" >&2
  "$palisade" "${check_args[@]}" - <"$rendered" >&2
  status=$?
else
  # plain manifests: check the files themselves, so findings name the repository's file:line
  files=()
  while IFS= read -r -d '' file; do files+=("$file"); done < <(find . \( -name '.*' ! -name . -prune \) -o -type f \
      \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) -print0 | LC_ALL=C sort -z)
  if [ "${#files[@]}" -eq 0 ]; then
    echo "palisade-generate: no .yaml, .yml or .json files in $(pwd)" >&2
    exit 2
  fi
  for file in "${files[@]}"; do
    printf -- '---\n' >>"$rendered"
    cat "$file" >>"$rendered"
    [ -z "$(tail -c 1 "$file")" ] || printf '\n' >>"$rendered"
  done
  "$palisade" "${check_args[@]}" "${files[@]}" >&2
  status=$?
fi

if [ "$status" -ne 0 ]; then
  if [ "$status" -eq 1 ]; then
    echo "palisade-generate: $app violates policy (findings above); nothing was generated, so it will not sync" >&2
  else
    echo "palisade-generate: $app could not be judged (errors above, exit $status); nothing was generated" >&2
  fi
  exit "$status"
fi
cat "$rendered"
