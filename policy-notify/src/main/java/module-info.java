/**
 * Palisade notifications: chat and webhook messages about a run's findings (Slack Block Kit, or a
 * generic JSON POST), de-duplicated against a state file by {@link dev.palisade.core.Finding#fingerprint()},
 * rate-limited, retried with back-off within a deadline, and never failing the caller when the
 * receiver is down. Only {@code dev.palisade.notify} is API.
 */
module dev.palisade.notify {
    requires transitive dev.palisade.core;
    // named here as well: dev.palisade.core is published as an automatic module, which passes on no requires
    requires com.fasterxml.jackson.databind;
    requires java.net.http;

    exports dev.palisade.notify;
}
