package dev.palisade.rules.gatekeeper.internal;

import dev.palisade.core.ContainerView;
import dev.palisade.core.PodSpecView;
import dev.palisade.core.Resource;
import java.util.Optional;

/**
 * Where a finding from template code (Rego or CEL, which report only a message) points in the
 * object: at the container the message names (by its name as a whole word, the longest name
 * winning), and at its {@code image} when the message quotes the image; otherwise at the object
 * itself. Native kinds report their own pointers; this keeps template-code findings as precise as
 * the message allows.
 */
public final class FindingLocator {

    private FindingLocator() {
    }

    /** The JSON pointer the message names in the resource, or {@code ""} for the object. */
    public static String locate(Resource resource, String message) {
        Optional<PodSpecView> view;
        try {
            view = PodSpecView.of(resource);
        } catch (RuntimeException e) {
            return "";
        }
        if (view.isEmpty()) {
            return "";
        }
        ContainerView best = null;
        for (ContainerView container : view.get().containers()) {
            String name = container.name();
            if (!name.isEmpty() && namesWord(message, name) && (best == null || name.length() > best.name().length())) {
                best = container;
            }
        }
        if (best == null) {
            return "";
        }
        String image = best.image();
        if (!image.isEmpty() && message.contains(image)) {
            return best.pathOf("image");
        }
        return best.path();
    }

    /** Whether the word occurs in the text with no name character right before or after it. */
    static boolean namesWord(String text, String word) {
        int from = 0;
        while (true) {
            int at = text.indexOf(word, from);
            if (at < 0) {
                return false;
            }
            int end = at + word.length();
            if ((at == 0 || !nameChar(text.charAt(at - 1))) && (end >= text.length() || !nameChar(text.charAt(end))
                    || text.charAt(end) == '.' && (end + 1 >= text.length() || !nameChar(text.charAt(end + 1))))) {
                return true;
            }
            from = at + 1;
        }
    }

    private static boolean nameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.';
    }
}
