package dev.palisade.sigstore.verify.internal;

/** Small text helpers for PEM bodies. */
public final class Pem {
    private Pem() {
    }

    /** The text without any whitespace (PEM base64 bodies are line-wrapped). */
    public static String stripWhitespace(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
