package dev.palisade.core.report;

import dev.palisade.core.PalisadeException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * When and from what a run was made: its time, the source revision it judged (a git commit) and
 * the repository the files live in, so that reports can date results and link a finding to its line.
 *
 * @param timestamp when the run happened (empty: unknown, left out of reports)
 * @param revision the source revision, such as a git commit ({@code ""} when unknown)
 * @param repositoryUrl the repository's web address ({@code ""} for none): either a base such as
 *     {@code https://github.com/org/repo}, to which {@code /blob/REVISION/PATH#LLINE} is appended, or
 *     a template holding {@code {path}} and optionally {@code {revision}} and {@code {line}}, such as
 *     {@code https://gitlab.example.com/g/p/-/blob/{revision}/{path}#L{line}}
 */
public record RunInfo(Optional<Instant> timestamp, String revision, String repositoryUrl) {

    /**
     * Checks the fields.
     *
     * @throws dev.palisade.core.PalisadeException when the repository URL is not an absolute http or https URL
     *
     * @param timestamp when the run happened (empty: unknown, left out of reports)
     * @param revision the source revision, such as a git commit ({@code ""} when unknown)
     * @param repositoryUrl the repository's web address ({@code ""} for none): either a base such as
     *     {@code https://github.com/org/repo}, to which {@code /blob/REVISION/PATH#LLINE} is appended, or
     *     a template holding {@code {path}} and optionally {@code {revision}} and {@code {line}}, such as
     *     {@code https://gitlab.example.com/g/p/-/blob/{revision}/{path}#L{line}}
     */
    public RunInfo {
        Objects.requireNonNull(timestamp, "timestamp");
        revision = Objects.requireNonNull(revision, "revision").strip();
        repositoryUrl = Objects.requireNonNull(repositoryUrl, "repositoryUrl").strip();
        if (!repositoryUrl.isEmpty()) {
            checkUrl(repositoryUrl);
        }
    }

    /**
     * Nothing known: no time, no revision, no repository.
     *
     * @return the empty run
     */
    public static RunInfo unknown() {
        return new RunInfo(Optional.empty(), "", "");
    }

    /**
     * {@return the same run at this time}
     *
     * @param time the time
     */
    public RunInfo withTimestamp(Instant time) {
        return new RunInfo(Optional.of(time), revision, repositoryUrl);
    }

    /**
     * {@return the same run of this revision}
     *
     * @param newRevision the revision
     */
    public RunInfo withRevision(String newRevision) {
        return new RunInfo(timestamp, newRevision, repositoryUrl);
    }

    /**
     * {@return the same run in this repository}
     *
     * @param url the repository's web address
     * @throws PalisadeException unless the address is an absolute http or https URL
     */
    public RunInfo withRepositoryUrl(String url) {
        return new RunInfo(timestamp, revision, url);
    }

    /**
     * {@return the web address of a line of a file in the repository, when a repository is set}
     *
     * @param relativePath the file's path from the repository root, {@code /}-separated
     * @param line the one-based line, or 0 for the file itself
     */
    public Optional<String> sourceLink(String relativePath, int line) {
        if (repositoryUrl.isEmpty() || relativePath.isEmpty()) {
            return Optional.empty();
        }
        String path = ArtifactPaths.encodeRelative(relativePath);
        String rev = revision.isEmpty() ? "HEAD" : ArtifactPaths.encodeRelative(revision);
        if (repositoryUrl.contains("{path}")) {
            String link = repositoryUrl.replace("{revision}", rev).replace("{path}", path);
            if (link.contains("{line}")) {
                link = line > 0 ? link.replace("{line}", Integer.toString(line)) : stripLineFragment(link);
            }
            return Optional.of(link);
        }
        String base = repositoryUrl.endsWith("/") ? repositoryUrl.substring(0, repositoryUrl.length() - 1)
                : repositoryUrl;
        return Optional.of(base + "/blob/" + rev + "/" + path + (line > 0 ? "#L" + line : ""));
    }

    /** {@return the web address of the revision itself (a commit page), when both are known} */
    public Optional<String> revisionLink() {
        if (repositoryUrl.isEmpty() || revision.isEmpty() || repositoryUrl.contains("{path}")) {
            return Optional.empty();
        }
        String base = repositoryUrl.endsWith("/") ? repositoryUrl.substring(0, repositoryUrl.length() - 1)
                : repositoryUrl;
        return Optional.of(base + "/commit/" + ArtifactPaths.encodeRelative(revision));
    }

    private static String stripLineFragment(String link) {
        int hash = link.indexOf('#');
        return hash >= 0 && link.indexOf("{line}", hash) >= 0 ? link.substring(0, hash) : link.replace("{line}", "");
    }

    private static void checkUrl(String url) {
        String probe = url.replace("{revision}", "r").replace("{path}", "p").replace("{line}", "1");
        try {
            URI uri = new URI(probe);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                throw new PalisadeException("the repository URL '" + url + "' must be an absolute http or https URL,"
                        + " e.g. https://github.com/org/repo");
            }
        } catch (URISyntaxException e) {
            throw new PalisadeException("the repository URL '" + url + "' is not a valid URL: " + e.getReason()
                    + "; e.g. https://github.com/org/repo");
        }
    }
}
