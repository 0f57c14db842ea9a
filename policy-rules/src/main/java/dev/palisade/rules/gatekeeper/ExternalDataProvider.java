package dev.palisade.rules.gatekeeper;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * The host's answer to Gatekeeper's {@code external_data({"provider": name, "keys": [...]})} Rego
 * function: looks up keys with a named provider (Gatekeeper's {@code Provider} resources), as
 * Gatekeeper's webhook would call the provider's service. Palisade performs no network access of its
 * own: without a provider configured on {@link GatekeeperFormat.Builder#externalData}, a template
 * that calls {@code external_data} fails closed with an evaluation error. Implementations must be
 * thread-safe.
 */
@FunctionalInterface
public interface ExternalDataProvider {

    /**
     * Looks up the keys with the named provider.
     *
     * @param provider the {@code provider} field of the call
     * @param keys the {@code keys} field of the call, as strings
     * @return the provider's items and system error
     * @throws Exception when the provider cannot be reached or answers badly; the template then sees
     *     Gatekeeper's error response ({@code system_error} set, {@code status_code} 500)
     */
    Response lookup(String provider, List<String> keys) throws Exception;

    /**
     * One key's answer: a value, or an error text for that key.
     *
     * @param key the key looked up
     * @param value the value ({@code null} when the item carries an error)
     * @param error the error for this key, or empty
     */
    record Item(String key, JsonNode value, String error) {
        /**
         * Validates that key and error are present.
         *
         * @param key the key looked up
         * @param value the value ({@code null} when the item carries an error)
         * @param error the error for this key, or empty
         */
        public Item {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(error, "error");
        }

        /**
         * {@return a successful item}
         *
         * @param key the key the template asked about
         * @param value the provider's answer for it
         */
        public static Item of(String key, JsonNode value) {
            return new Item(key, value, "");
        }

        /**
         * {@return an item that failed with an error text}
         *
         * @param key the key the template asked about
         * @param error why the provider has no answer for it
         */
        public static Item failed(String key, String error) {
            return new Item(key, null, error);
        }
    }

    /**
     * A provider's response (Gatekeeper's {@code ProviderResponse.response}).
     *
     * @param items one per key answered
     * @param systemError an error for the whole request, or empty
     */
    record Response(List<Item> items, String systemError) {
        /**
         * Copies the items; validates that both fields are present.
         *
         * @param items one per key answered
         * @param systemError an error for the whole request, or empty
         */
        public Response {
            items = List.copyOf(items);
            Objects.requireNonNull(systemError, "systemError");
        }

        /**
         * {@return a response with these items and no system error}
         *
         * @param items one item per key asked about
         */
        public static Response of(List<Item> items) {
            return new Response(items, "");
        }
    }
}
