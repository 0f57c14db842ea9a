package dev.palisade.lang.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Kubernetes URL library: url(), isURL() and accessors (request-URI parsing rules). */
final class UrlLib {
    private UrlLib() {
    }

    /** A parsed absolute URL or absolute path. */
    static final class Url implements CelObject {
        final URI uri;
        final String text;

        Url(URI uri, String text) {
            this.uri = uri;
            this.text = text;
        }

        @Override
        public String typeName() {
            return "kubernetes.URL";
        }

        @Override
        public long costSize() {
            return text.length();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Url u && u.text.equals(text);
        }

        @Override
        public int hashCode() {
            return text.hashCode();
        }

        @Override
        public String toString() {
            return text;
        }
    }

    static void register(FunctionTable t) {
        t.global("url", 1).sig("url(s)").doc("The URL written as s (an absolute URL or an absolute path).").cost(Cost.traversal(0, "s")).checkConstants().impl((f, a) -> parse(Rt.str(a[0], "url")));
        t.global("isURL", 1).sig("isURL(s)").doc("Whether s is a URL.").cost(Cost.traversal(0, "s")).impl((f, a) -> {
            try {
                parse(Rt.str(a[0], "isURL"));
                return true;
            } catch (CelError e) {
                return false;
            }
        });
        t.member("getScheme", 1).sig("u.getScheme()").doc("The scheme, or \"\".").cost(Cost.traversal(0, "u")).impl((f, a) -> nz(u(a[0], "getScheme").uri.getScheme()));
        t.member("getHost", 1).sig("u.getHost()").doc("The host with its port, or \"\".").cost(Cost.traversal(0, "u")).impl((f, a) -> nz(u(a[0], "getHost").uri.getRawAuthority() == null ? null
                : stripUserInfo(u(a[0], "getHost").uri.getRawAuthority())));
        t.member("getHostname", 1).sig("u.getHostname()").doc("The host without port and brackets, or \"\".").cost(Cost.traversal(0, "u")).impl((f, a) -> {
            String host = u(a[0], "getHostname").uri.getHost();
            if (host == null) {
                return "";
            }
            return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        });
        t.member("getPort", 1).sig("u.getPort()").doc("The port, or \"\".").cost(Cost.traversal(0, "u")).impl((f, a) -> {
            int port = u(a[0], "getPort").uri.getPort();
            return port < 0 ? "" : Integer.toString(port);
        });
        t.member("getEscapedPath", 1).sig("u.getEscapedPath()").doc("The path, escaped.").cost(Cost.traversal(0, "u")).impl((f, a) -> nz(u(a[0], "getEscapedPath").uri.getRawPath()));
        t.member("getQuery", 1).sig("u.getQuery()").doc("The query as a map from names to lists of values.").cost(Cost.traversal(0, "u")).impl((f, a) -> query(u(a[0], "getQuery").uri.getRawQuery()));
    }

    private static String stripUserInfo(String authority) {
        int at = authority.lastIndexOf('@');
        return at >= 0 ? authority.substring(at + 1) : authority;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static Url u(Object v, String fn) {
        if (v instanceof Url url) {
            return url;
        }
        throw CelError.noSuchOverload(fn, v);
    }

    static Url parse(String s) {
        if (s.isEmpty() || s.indexOf(' ') >= 0) {
            throw invalid(s);
        }
        try {
            URI uri = new URI(s);
            if (uri.getRawFragment() != null) {
                throw invalid(s);
            }
            if (uri.isAbsolute() || s.startsWith("/")) {
                return new Url(uri, s);
            }
        } catch (URISyntaxException e) {
            throw invalid(s);
        }
        throw invalid(s);
    }

    private static CelError invalid(String s) {
        return new CelError("URL parse error during conversion from string: '" + s
                + "' is not an absolute URL or absolute path");
    }

    private static Map<Object, Object> query(String raw) {
        Map<Object, List<Object>> out = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = decode(eq < 0 ? pair : pair.substring(0, eq));
                String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
                out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
            }
        }
        Map<Object, Object> result = new LinkedHashMap<>();
        out.forEach((k, v) -> result.put(k, Collections.unmodifiableList(v)));
        return Collections.unmodifiableMap(result);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
