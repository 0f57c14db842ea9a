#!/usr/bin/env bash
# Validates SARIF files with Microsoft's official SARIF Multitool (`Sarif.Multitool validate`, the
# validator of the SARIF SDK: JSON schema plus the SARIF rules), installed from npm
# (@microsoft/sarif-multitool-linux) into .ci/cache/ on first use.
#
# Usage: .ci/validate-sarif.sh FILE...
# Exit status: 0 when every file validates with no error-level result, 1 when the validator reports
# any error, 2 on a usage or installation problem.
set -euo pipefail

MULTITOOL_VERSION="5.7.0"

if [ "$#" -eq 0 ]; then
    echo "usage: $0 FILE.sarif..." >&2
    exit 2
fi

ci_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="$ci_dir/cache"
package_dir="$cache/node_modules/@microsoft/sarif-multitool-linux"
multitool="$package_dir/Sarif.Multitool"

if [ ! -f "$multitool" ]; then
    command -v npm >/dev/null || { echo "validate-sarif: npm is needed to install the SARIF Multitool" >&2; exit 2; }
    mkdir -p "$cache"
    echo "validate-sarif: installing @microsoft/sarif-multitool-linux@$MULTITOOL_VERSION into $cache" >&2
    npm install --prefix "$cache" --no-save --no-audit --no-fund --loglevel=error \
        "@microsoft/sarif-multitool-linux@$MULTITOOL_VERSION" >&2 || exit 2
fi
# The package's postinstall script only sets this bit; npm may skip install scripts.
[ -x "$multitool" ] || chmod u+x "$multitool"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

status=0
for file in "$@"; do
    if [ ! -f "$file" ]; then
        echo "validate-sarif: $file: no such file" >&2
        status=1
        continue
    fi
    log="$work/validation.sarif"
    rm -f "$log"
    # The Multitool exits 0 even when the file has errors; its own SARIF log says what it found.
    if ! "$multitool" validate "$file" --output "$log"; then
        echo "validate-sarif: $file: the validator failed to run" >&2
        status=1
        continue
    fi
    summary="$(node -e '
        const log = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
        const counts = { error: 0, warning: 0, note: 0 };
        for (const run of log.runs || []) {
            for (const r of run.results || []) {
                const level = r.level || "warning";
                counts[level] = (counts[level] || 0) + 1;
            }
            for (const inv of run.invocations || []) {
                for (const n of (inv.toolExecutionNotifications || []).concat(inv.toolConfigurationNotifications || [])) {
                    if (n.level === "error") {
                        counts.error++;
                        console.error(`${process.argv[2]}: validator error: ${n.message.text}`);
                    }
                }
            }
        }
        console.log(`${counts.error} ${counts.warning} ${counts.note}`);
    ' "$log" "$file")"
    read -r errors warnings notes <<<"$summary"
    echo "validate-sarif: $file: $errors error(s), $warnings warning(s), $notes note(s)"
    if [ "$errors" -ne 0 ]; then
        status=1
    fi
done
exit "$status"
