#!/usr/bin/env bash
# Acceptance checks of the CLI, run by .ci/run after `mvn -B verify`: the README's main command,
# exit statuses, SARIF validity, bad input, Helm charts, policy files, the Gatekeeper library suites, the Kyverno library tests, and the packaging (manifests, sources and javadoc jars, palisade-bom, the README's Embedding snippet in a fresh Maven project).
set -uo pipefail
cd "$(dirname "$0")/.."
out=target/acceptance
rm -rf "$out" && mkdir -p "$out"
failures=0
pass() { echo "acceptance: ok   $*"; }
fail() { echo "acceptance: FAIL $*"; failures=$((failures + 1)); }

# expect STATUS NAME COMMAND... : runs the command (stdout+stderr to $out/NAME.log) and checks its exit status.
expect() {
  local want=$1 name=$2; shift 2
  "$@" >"$out/$name.log" 2>&1
  local got=$?
  if [ "$got" -eq "$want" ]; then pass "$name (exit $got)"; else fail "$name: exit $got, expected $want"; sed 's/^/    /' "$out/$name.log" | tail -20; fi
}
contains() { # NAME TEXT
  if grep -qF -- "$2" "$out/$1.log"; then pass "$1 prints: $2"; else fail "$1 does not print: $2"; fi
}

# The README's main command: findings with file:line:col, exit 1 (a deny finding).
expect 1 check ./palisade check examples/manifests
contains check "examples/manifests/apps/payments/deployment.yaml:35:13: critical no-privileged-containers"
contains check "palisade: 1 file skipped: 1 other file types; --show-skipped lists them"
expect 1 show-skipped ./palisade check examples/manifests --show-skipped
contains show-skipped "palisade: skipped examples/manifests/README.md (other file types): not a .yaml, .yml or .json file"

# Repository layouts: kustomizations, their patches, Helm charts and app config are skipped and counted,
# never errors; --strict makes app config an error; stdin from /dev/zero is a located error, exit 2.
mkdir -p "$out/repo/base" "$out/repo/chart/templates" "$out/repo/config"
cp examples/manifests/apps/storefront/deployment.yaml "$out/repo/base/deployment.yaml"
printf 'resources: [deployment.yaml]\npatches:\n  - path: patch.yaml\n' >"$out/repo/base/kustomization.yaml"
printf 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: storefront}\n' >"$out/repo/base/patch.yaml"
printf 'apiVersion: v2\nname: c\nversion: 1.0.0\n' >"$out/repo/chart/Chart.yaml"
printf 'metadata:\n  name: {{ .Release.Name }}\n' >"$out/repo/chart/templates/pod.yaml"
printf 'server:\n  port: 8080\n' >"$out/repo/config/app.yaml"
expect 1 repository ./palisade check "$out/repo" --fail-on warn
contains repository "palisade: 4 files skipped: 2 kustomization, 2 not Kubernetes objects; --show-skipped lists them"
expect 1 repository-no-helm ./palisade check "$out/repo" --fail-on warn --no-helm
contains repository-no-helm "palisade: 5 files skipped: 2 kustomization, 2 Helm chart, 1 not Kubernetes objects; --show-skipped lists them"
expect 2 strict ./palisade check "$out/repo" --strict
contains strict "$out/repo/config/app.yaml:1:1: error: document has no apiVersion and kind"
expect 2 dev-zero sh -c "./palisade check - < /dev/zero"
contains dev-zero "<stdin>:1:1: error: file holds NUL bytes"

# Helm charts rendered in-process (policy-helm): a GitOps repository with a chart, a kustomization, an
# Argo Rollout and a UTF-16 file exits by its findings; a chart's findings name the template, rendered.
gitops=examples/cli/src/test/resources/gitops
expect 1 helm-repository ./palisade check "$gitops"
contains helm-repository "$gitops/charts/web/templates/deployment.yaml (rendered from chart web):16:11: medium no-latest-tag"
contains helm-repository "$gitops/rollouts/checkout.yaml:23:13: critical no-privileged-containers"
expect 1 helm-chart ./palisade check --helm-chart "$gitops/charts/web" --values "$gitops/charts/web/values-prod.yaml" --namespace shop \
  --format sarif --output "$out/helm.sarif"
if bash .ci/validate-sarif.sh "$out/helm.sarif" >"$out/validate-helm-sarif.log" 2>&1; then
  pass "SARIF of a rendered chart validates: $(tail -1 "$out/validate-helm-sarif.log")"
else
  fail "SARIF validation of a rendered chart"; tail -20 "$out/validate-helm-sarif.log"
fi
mkdir -p "$out/chart-error/templates"
printf 'apiVersion: v2\nname: api\nversion: 1.0.0\n' >"$out/chart-error/Chart.yaml"
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ required "name is required" .Values.name }}\n' >"$out/chart-error/templates/cm.yaml"
expect 2 helm-error ./palisade check "$out/chart-error"
contains helm-error "$out/chart-error/templates/cm.yaml:4:11: error: cannot render the Helm chart $out/chart-error: name is required"

# SARIF from the same run validates with the official SARIF validator.
expect 1 sarif ./palisade check examples/manifests --format sarif --output "$out/palisade.sarif"
if bash .ci/validate-sarif.sh "$out/palisade.sarif" >"$out/validate-sarif.log" 2>&1; then
  pass "SARIF validates: $(tail -1 "$out/validate-sarif.log")"
else
  fail "SARIF validation"; tail -20 "$out/validate-sarif.log"
fi
expect 1 json ./palisade check examples/manifests --format json --output "$out/palisade.json"
expect 1 junit ./palisade check examples/manifests --format junit --output "$out/palisade.xml"
# PolicyReports (one per namespace) and the HTML dashboard with a two-run history.
expect 1 policyreport ./palisade check examples/manifests --format policyreport
contains policyreport "kind: PolicyReport"
contains policyreport "fingerprint: 8df43f1afc0007a09c94c0511e7fb8058759eb1b5824bc20f888b3703c0d7d57"
expect 1 dashboard-1 ./palisade check examples/manifests --format html --output "$out/dashboard.html" --history "$out/history"
expect 1 dashboard-2 ./palisade check examples/manifests --format html --output "$out/dashboard.html" --history "$out/history" \
  --repo-url https://github.com/example/gitops
if [ "$(ls "$out/history" | wc -l)" -eq 2 ] && grep -qF 'Compliance score over 2 runs' "$out/dashboard.html"; then
  pass "dashboard draws the history's two runs"
else
  fail "dashboard history: $(ls "$out/history" | wc -l) runs kept"
fi

# A malformed file: exit 2, its file:line in the message, the other files still evaluated.
mkdir -p "$out/broken" && cp -r examples/manifests/apps "$out/broken/"
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\ndata:\n  key: [unclosed\n' >"$out/broken/broken.yaml"
expect 2 malformed ./palisade check "$out/broken"
contains malformed "$out/broken/broken.yaml:6:8: error:"
contains malformed "critical no-privileged-containers"

# stdin, warn threshold, exemptions and policy files.
expect 1 stdin sh -c "cat examples/manifests/apps/payments/deployment.yaml | ./palisade check -"
expect 0 fail-on-never ./palisade check examples/manifests --fail-on never
expect 0 exempted ./palisade check --policy builtin:default --policy examples/policies/palisade examples/manifests
contains exempted "exempted by netdebug-during-incident-4711"
expect 1 vap ./palisade check --policy examples/policies/replica-limit/policy.yaml examples/policies/replica-limit/manifests
contains vap "replicas must be at most 3, not 5"
expect 2 bad-policy ./palisade check --policy "$out/broken/broken.yaml" examples/manifests

# The rollout loop (docs/rollout.md): the impact of a policy change, an exemption as a file change,
# the exemptions gate, and GitLab's Code Quality report.
expect 1 impact ./palisade impact --base examples/rollout/policies/current --policy examples/rollout/policies/proposed examples/rollout/manifests
contains impact "not ready for deny: 1 resource would be denied"
expect 0 impact-markdown ./palisade impact --base examples/rollout/policies/current --policy examples/rollout/policies/proposed examples/rollout/manifests --format markdown --fail-on-new never
contains impact-markdown "### Palisade: impact of this policy change"
cp examples/rollout/exemptions.yaml "$out/exemptions.yaml"
expect 0 exempt ./palisade exempt --policy memory-limits --resource Deployment.apps/payments/ledger --container ledger \
  --reason "heap sized from requests (PAY-231)" --owner payments --expires "$(date -u -d '+30 days' +%F)" --file "$out/exemptions.yaml"
expect 0 impact-exempted ./palisade impact --base examples/rollout/policies/current --policy examples/rollout/policies/proposed --exemptions "$out/exemptions.yaml" examples/rollout/manifests
contains impact-exempted "memory-limits                    ready for deny: nothing would be denied"
expect 0 exemptions-expired ./palisade exemptions expired "$out/exemptions.yaml"
expect 1 codequality ./palisade check examples/manifests --format codequality --output "$out/gl-code-quality-report.json"

# The Gatekeeper library's own test suites (the conformance corpus sits beside the clone in CI).
library=../shared/conformance/gatekeeper-library/library
if [ -d "$library" ]; then
  expect 0 gator ./palisade gator verify "$library"
  contains gator "299 passed, 0 failed"
  # the same suites with every template's Rego on Palisade's interpreter (no CEL, no native kinds)
  expect 0 gator-rego ./palisade gator verify --engine rego "$library"
  contains gator-rego "299 passed, 0 failed"
else
  if [ -n "${CI:-}" ]; then fail "gator verify: $library is absent (conformance suites must run in CI)"; else echo "acceptance: skip gator verify: $library is absent"; fi
fi

# The Kyverno policy library's own tests: every ClusterPolicy assertion but one listed exception passes;
# assertions on Kyverno's CEL policy kinds are reported as not supported (exit 2).
kyverno=../shared/conformance/kyverno-policies
if [ -d "$kyverno" ]; then
  expect 0 kyverno-test ./palisade kyverno test "$kyverno/best-practices"
  contains kyverno-test "57 passed, 0 failed"
  expect 0 kyverno-corpus ./palisade kyverno test "$kyverno"
  contains kyverno-corpus "3605 passed, 0 failed"
  expect 0 kyverno-check ./palisade check --policy "$kyverno/best-practices/require-labels/require-labels.yaml" \
    "$kyverno/best-practices/require-labels/.kyverno-test/resource.yaml"
  contains kyverno-check "medium require-labels validation error: The label \`app.kubernetes.io/name\` is required."
else
  if [ -n "${CI:-}" ]; then fail "kyverno test: $kyverno is absent (conformance suites must run in CI)"; else echo "acceptance: skip kyverno test: $kyverno is absent"; fi
fi

# Packaging (Maven conventions): every published module (a library module: a jar, not deploy-skipped)
# has Implementation-Title/-Version and a stable module name in its manifest, a sources jar and a javadoc
# jar (doclint ran while building it), and is listed in palisade-bom with the project's version.
version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -1)
if grep -qF "<version>$version</version>" palisade-bom/pom.xml; then pass "palisade-bom has the project version $version"; else fail "palisade-bom's version is not $version"; fi
libraries=()
for m in $(sed -n 's:^ *<module>\(.*\)</module>$:\1:p' pom.xml); do
  [ -f "$m/pom.xml" ] && grep -q '<packaging>pom</packaging>' "$m/pom.xml" && continue
  grep -q '<maven.deploy.skip>true</maven.deploy.skip>' "$m/pom.xml" && continue
  libraries+=("$m")
done
for m in "${libraries[@]}"; do
  jar="$m/target/$m-$version.jar"
  if [ ! -f "$jar" ]; then fail "$m: $jar was not built"; continue; fi
  manifest=$(unzip -p "$jar" META-INF/MANIFEST.MF | tr -d '\r')
  if grep -qx "Implementation-Version: $version" <<<"$manifest" && grep -q '^Implementation-Title: Palisade' <<<"$manifest"; then
    pass "$m jar manifest has Implementation-Title and Implementation-Version: $version"
  else
    fail "$m jar manifest lacks Implementation-Title/Implementation-Version $version"; sed 's/^/    /' <<<"$manifest"
  fi
  if grep -q '^Automatic-Module-Name: dev\.palisade\.' <<<"$manifest" || unzip -l "$jar" module-info.class >/dev/null 2>&1; then
    # (unzip exits 0 only when the jar holds module-info.class; no pipe into grep -q, which under
    # pipefail can fail the test by closing the pipe while unzip still writes)
    pass "$m jar has a stable module name"
  else
    fail "$m jar has neither a module descriptor nor an Automatic-Module-Name"
  fi
  for kind in sources javadoc; do
    if [ -s "$m/target/$m-$version-$kind.jar" ]; then pass "$m has a $kind jar"; else fail "$m has no $kind jar"; fi
  done
  if grep -qF "<artifactId>$m</artifactId>" palisade-bom/pom.xml; then pass "palisade-bom lists $m"; else fail "palisade-bom does not list $m"; fi
done
[ "${#libraries[@]}" -ge 7 ] || fail "only ${#libraries[@]} library modules found: ${libraries[*]}"
unpublished=(policy-benchmarks examples/cli examples/webhook examples/junit-usage examples/compat-jackson215 examples/flink-audit)
for m in "${unpublished[@]}"; do
  if ls "$m"/target/*-sources.jar >/dev/null 2>&1; then fail "$m is not published but has a sources jar"; else pass "$m has no sources jar"; fi
done
# maven.deploy.skip set in the module's pom or inherited from its parent directory's pom (examples/pom.xml),
# and not turned off again (read from the poms: no plugin to download, so this works offline)
for m in "${unpublished[@]}"; do
  if grep -q '<maven.deploy.skip>false</maven.deploy.skip>' "$m/pom.xml"; then
    fail "$m sets maven.deploy.skip false"
  elif grep -q '<maven.deploy.skip>true</maven.deploy.skip>' "$m/pom.xml" \
      || { grep -q '<artifactId>examples</artifactId>' <<<"$(sed -n '/<parent>/,/<\/parent>/p' "$m/pom.xml")" \
           && grep -q '<maven.deploy.skip>true</maven.deploy.skip>' "$(dirname "$m")/pom.xml"; }; then
    pass "$m is not deployed (maven.deploy.skip)"
  else
    fail "$m: maven.deploy.skip is not set"
  fi
done

# The README's "Embedding" snippet, pasted into a fresh Maven project that imports palisade-bom and
# names the modules (no versions, no Palisade parent): it compiles, and with no policies/ and no k8s/
# directory the report is an error report that fails (decision ERROR, SARIF executionSuccessful false).
# `mvn verify` installs nothing, so the artifacts are installed first (no tests, no javadoc: ~30 s).
embed="$out/embedding"
mkdir -p "$embed/src/main/java"
if mvn -B -q install -Dmaven.test.skip=true -Dmaven.javadoc.skip -Dmaven.source.skip -Denforcer.skip \
    -pl palisade-bom,policy-core,policy-rules,policy-sigstore -am >"$out/embedding-install.log" 2>&1; then
  pass "library modules and palisade-bom installed for the embedding project"
else
  fail "installing the library modules"; tail -20 "$out/embedding-install.log"
fi
snippet=$(awk '/^## Embedding/{e=1} e&&/^```java/{j=1;next} j&&/^```/{exit} j' README.md)
[ -n "$snippet" ] || fail "README.md has no java block under ## Embedding"
cat >"$embed/pom.xml" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>example</groupId>
  <artifactId>embedding</artifactId>
  <version>1</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>dev.palisade</groupId>
        <artifactId>palisade-bom</artifactId>
        <version>$version</version>
        <type>pom</type>
        <scope>import</scope>
      </dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <dependency><groupId>dev.palisade</groupId><artifactId>policy-core</artifactId></dependency>
    <dependency><groupId>dev.palisade</groupId><artifactId>policy-rules</artifactId></dependency>
    <dependency><groupId>dev.palisade</groupId><artifactId>policy-sigstore</artifactId></dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
      <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
      <plugin><artifactId>maven-dependency-plugin</artifactId><version>3.8.1</version></plugin>
    </plugins>
  </build>
</project>
POM
{
  echo 'import dev.palisade.core.*;'
  echo 'import dev.palisade.core.report.*;'
  echo 'import java.io.*;'
  echo 'public class Embedding {'
  echo '  public static void main(String[] args) throws Exception {'
  echo '    Writer writer = new OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8);'
  printf '%s\n' "$snippet"
  echo '    writer.flush();'
  echo '    System.err.println("decision " + report.decision());'
  echo '    System.exit(report.allowed() ? 0 : 1);'
  echo '  }'
  echo '}'
} >"$embed/src/main/java/Embedding.java"
# Not offline: bcpkix-jdk18on declares bcutil-jdk18on as a version range, which a host without
# Palisade's parent resolves from Maven Central's metadata (Palisade's own build pins it).
expect 0 embedding-compile mvn -B -q -f "$embed/pom.xml" compile dependency:build-classpath -Dmdep.outputFile=classpath.txt
if [ -f "$embed/classpath.txt" ]; then
  expect 1 embedding-run sh -c "cd '$embed' && java -cp target/classes:\$(cat classpath.txt) Embedding"
  contains embedding-run "decision ERROR"
  contains embedding-run '"executionSuccessful" : false'
  contains embedding-run "no such policy file or directory (use a path, or builtin:<name>)."
  contains embedding-run "cannot read k8s/: no such file."
  contains embedding-run '"id" : "no-privileged-containers"'
  # the same on the module path: the library jars are automatic modules (dev.palisade.core, ...) whose
  # policy formats and catalogues are still found as services
  expect 1 embedding-module-path sh -c "cd '$embed' && java -p \$(cat classpath.txt) --add-modules ALL-MODULE-PATH -cp target/classes Embedding"
  contains embedding-module-path "decision ERROR"
  contains embedding-module-path '"id" : "no-privileged-containers"'
fi

# eval
expect 0 eval ./palisade eval "[1, 2, 3].map(x, x * 2)"
contains eval "2"

if [ "$failures" -gt 0 ]; then
  echo "acceptance: $failures check(s) failed"
  exit 1
fi
echo "acceptance: all checks passed"
