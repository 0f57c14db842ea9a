package dev.palisade.sigstore.registry;

import java.util.Objects;
import java.util.Optional;

/**
 * Credentials for one registry: a user name and password (sent as HTTP Basic, to the registry or to
 * its token service), or an identity token (an OAuth2 refresh token exchanged at the token service).
 *
 * @param username user name ({@code ""} with an identity token)
 * @param password password or access token
 * @param identityToken refresh token from {@code docker login}, when the registry issued one
 */
public record RegistryCredentials(String username, String password, Optional<String> identityToken) {

    /**
     * Checks that every component is present and copies the collections.
     *
     * @param username user name ({@code ""} with an identity token)
     * @param password password or access token
     * @param identityToken refresh token from {@code docker login}, when the registry issued one
     */
    public RegistryCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(identityToken, "identityToken");
    }

    /**
     * User name and password.
     *
     * @param username the user name
     * @param password the password or token
     * @return the credentials
     */
    public static RegistryCredentials basic(String username, String password) {
        return new RegistryCredentials(username, password, Optional.empty());
    }

    @Override
    public String toString() {
        return "RegistryCredentials[username=" + username + ", password=***]";
    }
}
