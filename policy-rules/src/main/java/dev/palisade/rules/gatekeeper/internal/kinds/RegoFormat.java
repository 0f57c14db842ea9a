package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;

/** Rego's {@code sprintf} restricted to the {@code %v} verb the library's templates use. */
final class RegoFormat {

    private RegoFormat() {
    }

    /**
     * Formats the arguments into the {@code %v} placeholders, or returns {@code null} when an
     * argument is a missing JSON node (the Rego expression would be undefined).
     */
    static String sprintf(String format, Object... args) {
        StringBuilder out = new StringBuilder(format.length() + 32);
        int next = 0;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '%' && i + 1 < format.length() && format.charAt(i + 1) == 'v') {
                if (next >= args.length) {
                    out.append("%!v(MISSING)");
                } else {
                    Object arg = args[next++];
                    if (arg instanceof JsonNode node) {
                        if (node.isMissingNode()) {
                            return null;
                        }
                        out.append(RegoValues.format(node));
                    } else {
                        out.append(arg);
                    }
                }
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
