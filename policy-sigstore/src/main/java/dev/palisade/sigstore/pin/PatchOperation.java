package dev.palisade.sigstore.pin;

import java.util.List;
import java.util.Objects;

/**
 * One RFC 6902 JSON Patch operation. Pinning emits {@code replace} operations on image fields.
 *
 * @param op the operation ({@code replace})
 * @param path JSON pointer of the field
 * @param value the new string value
 */
public record PatchOperation(String op, String path, String value) {

    /**
     * Checks that every component is present and copies the collections.
     *
     * @param op the operation ({@code replace})
     * @param path JSON pointer of the field
     * @param value the new string value
     */
    public PatchOperation {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(value, "value");
    }

    /**
     * {@return a {@code replace} operation}
     *
     * @param path the JSON pointer of the value
     * @param value the new value
     */
    public static PatchOperation replace(String path, String value) {
        return new PatchOperation("replace", path, value);
    }

    /**
     * {@return the operations as a JSON Patch document (a JSON array), as admission responses carry it}
     *
     * @param operations the operations, in order
     */
    public static String toJson(List<PatchOperation> operations) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < operations.size(); i++) {
            PatchOperation op = operations.get(i);
            out.append(i == 0 ? "" : ",").append("{\"op\":").append(quote(op.op)).append(",\"path\":")
                    .append(quote(op.path)).append(",\"value\":").append(quote(op.value)).append('}');
        }
        return out.append(']').toString();
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
