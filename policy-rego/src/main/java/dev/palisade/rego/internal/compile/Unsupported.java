package dev.palisade.rego.internal.compile;

/** Built-ins of OPA's catalogue that Palisade does not provide, with the reason given to users. */
final class Unsupported {
    private Unsupported() {
    }

    /** The compile error for an unsupported builtin, or {@code null} if the name is not one. */
    static String reason(String name) {
        String category = category(name);
        if (category == null) {
            return null;
        }
        return "builtin " + name + " is not supported by Palisade (" + category + ")";
    }

    private static String category(String name) {
        if (name.startsWith("crypto.")) {
            return "cryptography";
        }
        if (name.startsWith("io.jwt.")) {
            return "JWT";
        }
        if (name.equals("http.send") || name.equals("net.lookup_ip_addr")) {
            return "network access";
        }
        if (name.startsWith("providers.aws.")) {
            return "AWS request signing";
        }
        if (name.startsWith("graphql.")) {
            return "GraphQL";
        }
        if (name.equals("json.match_schema") || name.equals("json.verify_schema")) {
            return "JSON Schema";
        }
        if (name.equals("opa.runtime")) {
            return "OPA runtime information";
        }
        if (name.equals("rego.parse_module")) {
            return "Rego introspection";
        }
        return null;
    }
}
