package dev.palisade.rules.podsecurity.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.PalisadeException;
import dev.palisade.rules.podsecurity.Level;
import dev.palisade.rules.podsecurity.LevelVersion;
import dev.palisade.rules.podsecurity.PodSecurityVersion;
import dev.palisade.rules.podsecurity.PsaOptions;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads Kubernetes' {@code PodSecurityConfiguration} (group
 * {@code pod-security.admission.config.k8s.io}, versions v1alpha1, v1beta1, v1): {@code defaults}
 * and {@code exemptions}. Invalid values fail with the field's path.
 */
public final class PsaConfigurationReader {

    private static final String GROUP = "pod-security.admission.config.k8s.io/";
    private static final Set<String> VERSIONS = Set.of("v1alpha1", "v1beta1", "v1");

    private PsaConfigurationReader() {
    }

    public static PsaOptions read(JsonNode config) {
        String apiVersion = Fields.text(config.path("apiVersion"));
        String kind = Fields.text(config.path("kind"));
        if (!apiVersion.startsWith(GROUP) || !VERSIONS.contains(apiVersion.substring(GROUP.length()))
                || !kind.equals("PodSecurityConfiguration")) {
            throw new PalisadeException("not a PodSecurityConfiguration: expected apiVersion " + GROUP
                    + "v1 (or v1beta1, v1alpha1) and kind PodSecurityConfiguration, got '" + apiVersion + "' '"
                    + kind + "'");
        }
        PsaOptions options = PsaOptions.defaults();
        JsonNode defaults = config.path("defaults");
        options = options.withEnforce(mode(defaults, "enforce", options.enforce()))
                .withAudit(mode(defaults, "audit", options.audit()))
                .withWarn(mode(defaults, "warn", options.warn()));
        JsonNode exemptions = config.path("exemptions");
        return options.withExemptUsernames(names(exemptions, "usernames"))
                .withExemptNamespaces(names(exemptions, "namespaces"))
                .withExemptRuntimeClasses(names(exemptions, "runtimeClasses"));
    }

    private static LevelVersion mode(JsonNode defaults, String mode, LevelVersion fallback) {
        Level level = fallback.level();
        String levelText = Fields.text(defaults.path(mode));
        if (!levelText.isEmpty()) {
            try {
                level = Level.parse(levelText);
            } catch (PalisadeException e) {
                throw new PalisadeException("PodSecurityConfiguration defaults." + mode + ": " + e.getMessage());
            }
        }
        PodSecurityVersion version = fallback.version();
        String versionText = Fields.text(defaults.path(mode + "-version"));
        if (!versionText.isEmpty()) {
            try {
                version = PodSecurityVersion.parse(versionText);
            } catch (PalisadeException e) {
                throw new PalisadeException("PodSecurityConfiguration defaults." + mode + "-version: " + e.getMessage());
            }
        }
        return new LevelVersion(level, version);
    }

    private static Set<String> names(JsonNode exemptions, String field) {
        JsonNode list = exemptions.path(field);
        if (!Fields.isSet(list)) {
            return Set.of();
        }
        if (!list.isArray()) {
            throw new PalisadeException("PodSecurityConfiguration exemptions." + field + " must be a list of names");
        }
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String name = Fields.text(list.get(i));
            if (name.isEmpty()) {
                throw new PalisadeException("PodSecurityConfiguration exemptions." + field + "[" + i
                        + "] must be a non-empty name");
            }
            names.add(name);
        }
        return names;
    }
}
