package dev.palisade.rules.gatekeeper.internal;

import dev.palisade.core.PalisadeException;
import dev.palisade.core.Resource;

/** Errors about a field of a template or constraint, located in the document's file. */
public final class DocumentErrors {
    private DocumentErrors() {
    }

    /** An error about the node at the JSON pointer, located where that node (or its nearest ancestor) stands. */
    public static PalisadeException at(Resource document, String pointer, String message) {
        return new PalisadeException(message, document.locate(pointer));
    }

    /** A JSON pointer as messages name the field: {@code /spec/match/kinds/0} is {@code spec.match.kinds[0]}. */
    public static String fieldName(String pointer) {
        StringBuilder out = new StringBuilder();
        for (String part : pointer.substring(1).split("/")) {
            if (part.chars().allMatch(Character::isDigit)) {
                out.append('[').append(part).append(']');
            } else {
                out.append(out.length() == 0 ? "" : ".").append(part.replace("~1", "/").replace("~0", "~"));
            }
        }
        return out.toString();
    }
}
