package dev.palisade.sigstore.verify;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The outcome of verifying the signatures of one image or blob.
 *
 * @param verified whether at least the policy's required number of authorities matched
 * @param matchedAuthorities names of the authorities with at least one verified signature, in policy order
 * @param rejections every signature/authority pair that failed, with its reason
 */
public record SignatureVerification(boolean verified, List<String> matchedAuthorities,
        List<SignatureRejection> rejections) {

    /**
     * Copies the lists.
     *
     * @param verified whether at least the policy's required number of authorities matched
     * @param matchedAuthorities names of the authorities with at least one verified signature, in policy order
     * @param rejections every signature/authority pair that failed, with its reason
     */
    public SignatureVerification {
        matchedAuthorities = List.copyOf(matchedAuthorities);
        rejections = List.copyOf(rejections);
    }

    /** {@return the distinct reasons among the rejections} */
    public Set<RejectionReason> reasons() {
        return rejections.stream().map(SignatureRejection::reason).collect(Collectors.toUnmodifiableSet());
    }

    /** {@return one line per rejection, for error messages} */
    public String describeRejections() {
        return rejections.stream().map(SignatureRejection::describe).collect(Collectors.joining("; "));
    }
}
