package dev.palisade.rules.podsecurity.internal;

import dev.palisade.core.PalisadeException;
import dev.palisade.rules.podsecurity.Level;
import dev.palisade.rules.podsecurity.LevelVersion;
import dev.palisade.rules.podsecurity.PodSecurityVersion;
import dev.palisade.rules.podsecurity.PsaOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The enforce, audit and warn policies of a namespace, resolved from its
 * {@code pod-security.kubernetes.io/*} labels as the admission plugin resolves them, with the field
 * errors of invalid labels.
 *
 * @param enforce the enforce policy (restricted when its level label is invalid: fail closed)
 * @param audit the audit policy (privileged when its level label is invalid)
 * @param warn the warn policy (inherits enforce when unlabelled and enforce is stricter)
 * @param errors Kubernetes field errors, one per invalid label
 */
public record NamespacePolicy(LevelVersion enforce, LevelVersion audit, LevelVersion warn, List<String> errors) {

    /** The label prefix. */
    public static final String PREFIX = "pod-security.kubernetes.io/";

    public NamespacePolicy {
        errors = List.copyOf(errors);
    }

    /** Resolves the labels over the configured defaults. */
    public static NamespacePolicy resolve(Map<String, String> labels, PsaOptions defaults) {
        List<String> errors = new ArrayList<>();
        LevelVersion enforce = mode(labels, "enforce", defaults.enforce(), Level.RESTRICTED, errors);
        LevelVersion audit = mode(labels, "audit", defaults.audit(), Level.PRIVILEGED, errors);
        LevelVersion warn = mode(labels, "warn", defaults.warn(), Level.PRIVILEGED, errors);
        boolean enforceLabelValid = labels.containsKey(PREFIX + "enforce") && validLevel(labels.get(PREFIX + "enforce"));
        if (enforceLabelValid && !labels.containsKey(PREFIX + "warn") && enforce.level().isStricterThan(warn.level())) {
            warn = new LevelVersion(enforce.level(),
                    labels.containsKey(PREFIX + "warn-version") ? warn.version() : enforce.version());
        }
        return new NamespacePolicy(enforce, audit, warn, errors);
    }

    /** Whether every mode is privileged and no label is invalid (the admission short-circuit). */
    public boolean fullyPrivileged() {
        return errors.isEmpty() && enforce.level() == Level.PRIVILEGED && audit.level() == Level.PRIVILEGED
                && warn.level() == Level.PRIVILEGED;
    }

    /** The errors as Kubernetes aggregates them: one as is, several in brackets. */
    public String errorText() {
        return errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]";
    }

    private static LevelVersion mode(Map<String, String> labels, String mode, LevelVersion fallback,
            Level onInvalid, List<String> errors) {
        Level level = fallback.level();
        String levelKey = PREFIX + mode;
        String levelText = labels.get(levelKey);
        if (levelText != null) {
            if (validLevel(levelText)) {
                level = Level.parse(levelText);
            } else {
                level = onInvalid;
                errors.add(fieldError(levelKey, levelText, "must be one of privileged, baseline, restricted"));
            }
        }
        PodSecurityVersion version = fallback.version();
        String versionKey = levelKey + "-version";
        String versionText = labels.get(versionKey);
        if (versionText != null) {
            try {
                version = PodSecurityVersion.parse(versionText);
            } catch (PalisadeException e) {
                version = PodSecurityVersion.LATEST;
                errors.add(fieldError(versionKey, versionText, "must be \"latest\" or \"v1.x\""));
            }
        }
        return new LevelVersion(level, version);
    }

    private static boolean validLevel(String text) {
        return text.equals("privileged") || text.equals("baseline") || text.equals("restricted");
    }

    private static String fieldError(String key, String value, String detail) {
        return "metadata.labels[" + key + "]: Invalid value: " + Text.goQuote(value) + ": " + detail;
    }
}
