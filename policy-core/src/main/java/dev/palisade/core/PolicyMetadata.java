package dev.palisade.core;

import java.util.List;
import java.util.Objects;

/**
 * What a policy is: its id (stable, used in reports, exemptions and fingerprints), a title, how
 * severe its findings are, a category, and the text that explains why it matters and how to fix a
 * finding. Empty strings stand for absent text.
 *
 * @param source where the policy was declared (the document that defined it; unknown for built-ins)
 */
public record PolicyMetadata(String id, String title, Severity severity, String category, String description,
        String remediation, String helpUrl, List<String> tags, SourceLocation source) {

    /**
     * Metadata of a policy not declared in a file.
     *
     * @param id the policy id
     * @param title a one-line title
     * @param severity how severe its findings are
     * @param category the category
     * @param description why it matters
     * @param remediation how to fix a finding
     * @param helpUrl where to read more
     * @param tags free-form tags (standards, controls)
     */
    public PolicyMetadata(String id, String title, Severity severity, String category, String description,
            String remediation, String helpUrl, List<String> tags) {
        this(id, title, severity, category, description, remediation, helpUrl, tags, SourceLocation.UNKNOWN);
    }

    /**
     * Checks that the components are present, copies the collections, validates the values.
     *
     * @param id the policy id
     * @param title a one-line title
     * @param severity how severe its findings are
     * @param category the category
     * @param description why it matters
     * @param remediation how to fix a finding
     * @param helpUrl where to read more
     * @param tags free-form tags (standards, controls)
     * @param source where the policy was declared (the document that defined it; unknown for built-ins)
     */
    public PolicyMetadata {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new PalisadeException("a policy needs a non-empty id");
        }
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(remediation, "remediation");
        Objects.requireNonNull(helpUrl, "helpUrl");
        tags = List.copyOf(tags);
        Objects.requireNonNull(source, "source");
    }

    /**
     * Metadata with only id, title and severity.
     *
     * @param id the policy id
     * @param title a one-line title
     * @param severity how severe its findings are
     * @return the metadata
     */
    public static PolicyMetadata of(String id, String title, Severity severity) {
        return new PolicyMetadata(id, title, severity, "", "", "", "", List.of());
    }

    /**
     * {@return the same metadata, declared at this location}
     *
     * @param newSource where the policy was declared
     */
    public PolicyMetadata withSource(SourceLocation newSource) {
        return new PolicyMetadata(id, title, severity, category, description, remediation, helpUrl, tags, newSource);
    }

    /**
     * {@return this metadata with another category}
     *
     * @param newCategory the category
     */
    public PolicyMetadata withCategory(String newCategory) {
        return new PolicyMetadata(id, title, severity, newCategory, description, remediation, helpUrl, tags, source);
    }

    /**
     * {@return this metadata with another description}
     *
     * @param newDescription the description
     */
    public PolicyMetadata withDescription(String newDescription) {
        return new PolicyMetadata(id, title, severity, category, newDescription, remediation, helpUrl, tags, source);
    }

    /**
     * {@return this metadata with another remediation}
     *
     * @param newRemediation the remediation
     */
    public PolicyMetadata withRemediation(String newRemediation) {
        return new PolicyMetadata(id, title, severity, category, description, newRemediation, helpUrl, tags, source);
    }

    /**
     * {@return this metadata with another help URL}
     *
     * @param newHelpUrl the help URL
     */
    public PolicyMetadata withHelpUrl(String newHelpUrl) {
        return new PolicyMetadata(id, title, severity, category, description, remediation, newHelpUrl, tags, source);
    }

    /**
     * {@return this metadata with another severity}
     *
     * @param newSeverity the severity
     */
    public PolicyMetadata withSeverity(Severity newSeverity) {
        return new PolicyMetadata(id, title, newSeverity, category, description, remediation, helpUrl, tags, source);
    }

    /**
     * {@return this metadata with other tags}
     *
     * @param newTags the tags
     */
    public PolicyMetadata withTags(List<String> newTags) {
        return new PolicyMetadata(id, title, severity, category, description, remediation, helpUrl, newTags, source);
    }
}
