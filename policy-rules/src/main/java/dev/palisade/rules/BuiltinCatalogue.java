package dev.palisade.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Policy;
import dev.palisade.core.policy.PolicyCatalogue;
import dev.palisade.rules.podsecurity.PodSecurityStandards;
import dev.palisade.rules.podsecurity.PsaOptions;
import dev.palisade.rules.recommended.RecommendedCatalogue;
import dev.palisade.rules.starter.AllowedNamespaces;
import dev.palisade.rules.starter.NoLatestTag;
import dev.palisade.rules.starter.NoPrivilegedContainers;
import dev.palisade.rules.starter.RequiredLabels;
import dev.palisade.rules.starter.ResourceLimitsRequired;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The built-in policies of policy-rules. {@code builtin:default} is the default set:
 * {@code no-privileged-containers} (deny), {@code no-latest-tag} and {@code resources-limits-required}
 * (warn); {@code allowed-namespaces} and {@code required-labels} join when a {@code BuiltinPolicy}
 * document gives them parameters. {@code pod-security/<level>:<version>} names a Pod Security
 * Standard; {@code pod-security-admission} applies the PSA namespace labels (a BuiltinPolicy's
 * parameters are a PodSecurityConfiguration's defaults and exemptions). {@code recommended} is the
 * recommended catalogue ({@link RecommendedCatalogue}); each of its checks is also addressable by id.
 */
public final class BuiltinCatalogue implements PolicyCatalogue {
    /** The name of the default set. */
    public static final String DEFAULT = "default";

    private static final List<String> NAMES = allNames();

    private static List<String> allNames() {
        List<String> names = new ArrayList<>(List.of(DEFAULT, RecommendedCatalogue.SET, NoPrivilegedContainers.ID,
                NoLatestTag.ID, ResourceLimitsRequired.ID, AllowedNamespaces.ID, RequiredLabels.ID,
                "pod-security/<baseline|restricted>:<v1.0..v1.37|latest>", PodSecurityStandards.ADMISSION_POLICY_ID));
        for (String id : RecommendedCatalogue.ids()) {
            if (!names.contains(id)) {
                names.add(id);
            }
        }
        names.addAll(RecommendedCatalogue.parameterisedOnly());
        return List.copyOf(names);
    }

    @Override
    public List<String> names() {
        return NAMES;
    }

    @Override
    public Optional<List<Policy>> resolve(String name) {
        return switch (name) {
            case DEFAULT -> Optional.of(defaults());
            case RecommendedCatalogue.SET -> Optional.of(RecommendedCatalogue.policies());
            case NoPrivilegedContainers.ID -> Optional.of(List.of(new NoPrivilegedContainers()));
            case NoLatestTag.ID -> Optional.of(List.of(new NoLatestTag()));
            case ResourceLimitsRequired.ID -> Optional.of(List.of(new ResourceLimitsRequired()));
            case AllowedNamespaces.ID, RequiredLabels.ID -> throw new PalisadeException("builtin:" + name
                    + " needs parameters: configure it with a palisade.dev/v1 BuiltinPolicy document (see"
                    + " docs/rules/" + name + ".md)");
            case PodSecurityStandards.ADMISSION_POLICY_ID -> Optional.of(List.of(
                    PodSecurityStandards.admissionPolicy(PsaOptions.defaults())));
            default -> {
                if (RecommendedCatalogue.parameterisedOnly().contains(name)) {
                    throw new PalisadeException("builtin:" + name + " needs parameters: configure it with a"
                            + " palisade.dev/v1 BuiltinPolicy document (see docs/rules/" + name + ".md)");
                }
                Optional<Policy> check = RecommendedCatalogue.check(name);
                yield check.isPresent() ? check.map(List::of) : PodSecurityStandards.builtin(name).map(List::of);
            }
        };
    }

    @Override
    public Optional<Policy> configure(String name, JsonNode parameters) {
        return switch (name) {
            case AllowedNamespaces.ID -> Optional.of(AllowedNamespaces.fromParameters(parameters));
            case RequiredLabels.ID -> Optional.of(RequiredLabels.fromParameters(parameters));
            case PodSecurityStandards.ADMISSION_POLICY_ID -> Optional.of(PodSecurityStandards.admissionPolicy(
                    parameters.isMissingNode() || parameters.isNull() ? PsaOptions.defaults()
                            : PsaOptions.fromConfiguration(parameters)));
            default -> RecommendedCatalogue.configurable().contains(name)
                    ? RecommendedCatalogue.configure(name, parameters)
                    : resolve(name).filter(list -> list.size() == 1).map(list -> list.get(0));
        };
    }

    /** {@return the default set} */
    public static List<Policy> defaults() {
        List<Policy> policies = new ArrayList<>();
        policies.add(new NoPrivilegedContainers());
        policies.add(new NoLatestTag());
        policies.add(new ResourceLimitsRequired());
        return List.copyOf(policies);
    }
}
