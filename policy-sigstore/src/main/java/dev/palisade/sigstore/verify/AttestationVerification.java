package dev.palisade.sigstore.verify;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The outcome of verifying the attestations of one image.
 *
 * @param statements the statements that verified, with the authorities that signed each
 * @param rejections every attestation/authority pair that failed, with its reason
 */
public record AttestationVerification(List<VerifiedStatement> statements, List<SignatureRejection> rejections) {

    /**
     * Copies the lists.
     *
     * @param statements the statements that verified, with the authorities that signed each
     * @param rejections every attestation/authority pair that failed, with its reason
     */
    public AttestationVerification {
        statements = List.copyOf(statements);
        rejections = List.copyOf(rejections);
    }

    /**
     * {@return the verified statements of one predicate type}
     *
     * @param predicateType the predicate type URI
     */
    public List<VerifiedStatement> ofType(String predicateType) {
        return statements.stream().filter(s -> s.predicateType().equals(predicateType)).toList();
    }

    /** {@return one line per rejection, for error messages} */
    public String describeRejections() {
        return rejections.stream().map(SignatureRejection::describe).collect(Collectors.joining("; "));
    }
}
