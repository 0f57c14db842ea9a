package dev.palisade.helm.internal;

import dev.palisade.core.PalisadeException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --set key=value} settings as helm-java passes them to Helm. helm-java hands Helm one
 * {@code key=value} pair per setting with the value escaped, so Helm parses the key (dots, {@code [i]}
 * indices, {@code \.} escapes) and types the value ({@code true}, {@code 12}, {@code null}) as it
 * does for {@code --set}, but takes the value's text literally. What Helm would read differently is
 * refused rather than rendered differently: several pairs in one setting ({@code a=1,b=2}) and list
 * literals ({@code {a,b}}). Backslash escapes in values are resolved here, as Helm does.
 *
 * <p>helm-java applies the pairs in no fixed order, so where order matters — a key and a key under it,
 * such as {@code a=1} and {@code a.b=2} — only the later setting is kept: in Helm the later one
 * replaces the earlier one there too. Equal keys keep the last value.
 */
public final class SetArguments {
    private SetArguments() {
    }

    /**
     * The settings as an ordered map of key to value.
     *
     * @param settings {@code key=value} texts in command-line order
     * @param flag the flag they come from, for messages ({@code --set})
     * @throws PalisadeException for a setting Helm would read differently than helm-java passes it
     */
    public static Map<String, String> parse(List<String> settings, String flag) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String setting : settings) {
            int equals = unescapedIndex(setting, '=');
            if (equals < 0) {
                throw new PalisadeException(flag + " " + setting + ": expected key=value");
            }
            String key = setting.substring(0, equals);
            if (key.isEmpty()) {
                throw new PalisadeException(flag + " " + setting + ": the key is empty");
            }
            if (unescapedIndex(key, ',') >= 0) {
                throw new PalisadeException(flag + " " + setting + ": give each key its own " + flag
                        + " (a comma separates settings in Helm)");
            }
            String value = value(setting, setting.substring(equals + 1), flag);
            for (Iterator<String> earlier = values.keySet().iterator(); earlier.hasNext(); ) {
                String previous = earlier.next();
                if (overlaps(previous, key)) {
                    earlier.remove();
                }
            }
            values.put(key, value);
        }
        return values;
    }

    private static String value(String setting, String raw, String flag) {
        if (raw.startsWith("{")) {
            throw new PalisadeException(flag + " " + setting + ": list values ({a,b}) are not supported here; set"
                    + " the items by index (" + flag + " key[0]=a " + flag + " key[1]=b) or in a values file"
                    + " (--values)");
        }
        StringBuilder value = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                value.append(raw.charAt(++i));
            } else if (c == ',') {
                throw new PalisadeException(flag + " " + setting + ": a comma separates settings in Helm; give each"
                        + " setting its own " + flag + ", or escape a comma in a value as \\,");
            } else {
                value.append(c);
            }
        }
        return value.toString();
    }

    /** Whether one key is the other or lies under it ({@code a} and {@code a.b}, {@code a[0]}). */
    static boolean overlaps(String a, String b) {
        return a.equals(b) || under(a, b) || under(b, a);
    }

    private static boolean under(String key, String prefix) {
        return key.length() > prefix.length() && key.startsWith(prefix)
                && (key.charAt(prefix.length()) == '.' || key.charAt(prefix.length()) == '[')
                && !escapedAt(key, prefix.length());
    }

    private static boolean escapedAt(String text, int index) {
        int backslashes = 0;
        for (int i = index - 1; i >= 0 && text.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    private static int unescapedIndex(String text, char wanted) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == wanted) {
                return i;
            }
        }
        return -1;
    }
}
