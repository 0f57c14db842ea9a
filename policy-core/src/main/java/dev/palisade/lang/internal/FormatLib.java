package dev.palisade.lang.internal;

import com.google.re2j.Pattern;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The Kubernetes format library: named string validators with {@code validate()}. */
final class FormatLib {
    private static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final Pattern DNS1123_LABEL = Pattern.compile("^" + LABEL + "$");
    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile("^" + LABEL + "(\\." + LABEL + ")*$");
    private static final Pattern DNS1035_LABEL = Pattern.compile("^[a-z]([-a-z0-9]*[a-z0-9])?$");
    private static final Pattern QUALIFIED_NAME = Pattern.compile("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$");
    private static final Pattern LABEL_VALUE = Pattern.compile("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$");
    private static final Pattern UUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private FormatLib() {
    }

    /** A named validator. */
    static final class Format implements CelObject {
        final String name;
        final Function<String, List<String>> check;

        Format(String name, Function<String, List<String>> check) {
            this.name = name;
            this.check = check;
        }

        @Override
        public String typeName() {
            return "kubernetes.NamedFormat";
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final Map<String, Format> FORMATS = Map.ofEntries(
            entry("dns1123Label", s -> dnsLabel(s, false)),
            entry("dns1123LabelPrefix", s -> dnsLabel(s, true)),
            entry("dns1123Subdomain", s -> dnsSubdomain(s, false)),
            entry("dns1123SubdomainPrefix", s -> dnsSubdomain(s, true)),
            entry("dns1035Label", s -> dns1035(s, false)),
            entry("dns1035LabelPrefix", s -> dns1035(s, true)),
            entry("qualifiedName", FormatLib::qualifiedName),
            entry("labelValue", FormatLib::labelValue),
            entry("uri", s -> {
                try {
                    UrlLib.parse(s);
                    return List.of();
                } catch (CelError e) {
                    return List.of("invalid URI");
                }
            }),
            entry("uuid", s -> UUID.matches(s) ? List.of() : List.of("does not match the UUID format")),
            entry("byte", s -> {
                try {
                    Base64.getDecoder().decode(s);
                    return List.of();
                } catch (IllegalArgumentException e) {
                    return List.of("invalid base64");
                }
            }),
            entry("date", s -> {
                try {
                    LocalDate.parse(s);
                    return List.of();
                } catch (DateTimeParseException e) {
                    return List.of("invalid date");
                }
            }),
            entry("datetime", s -> {
                try {
                    OffsetDateTime.parse(s);
                    return List.of();
                } catch (DateTimeParseException e) {
                    return List.of("invalid datetime");
                }
            }));

    private static Map.Entry<String, Format> entry(String name, Function<String, List<String>> check) {
        return Map.entry(name, new Format(name, check));
    }

    static void register(FunctionTable t) {
        t.global("format.named", 1).sig("format.named(name)").doc("The named format, or optional.none().").cost(Cost.traversal(0, "s")).impl((f, a) -> Optional.ofNullable(FORMATS.get(Rt.str(a[0], "format.named"))));
        for (Format fm : new java.util.TreeMap<>(FORMATS).values()) {
            t.global("format." + fm.name, 0).sig("format." + fm.name + "()").doc("The " + fm.name + " format.")
                    .impl((f, a) -> fm);
        }
        t.member("validate", 2).sig("f.validate(s)").doc("optional.none() when s is valid, else an optional list of messages.").cost(Cost.linear(1, 1, Cost.TRAVERSAL, "|s|")).impl((f, a) -> {
            if (!(a[0] instanceof Format fm)) {
                throw CelError.noSuchOverload("validate", a[0], a[1]);
            }
            String s = Rt.str(a[1], "validate");
            f.cost(1 + s.length() / 10);
            List<String> errors = fm.check.apply(s);
            return errors.isEmpty() ? Optional.empty() : Optional.of(List.<Object>copyOf(errors));
        });
    }

    private static String maskTrailingDash(String s) {
        return s.endsWith("-") ? s.substring(0, s.length() - 1) + "a" : s;
    }

    private static List<String> dnsLabel(String s, boolean prefix) {
        String v = prefix ? maskTrailingDash(s) : s;
        List<String> errs = new ArrayList<>();
        if (v.length() > 63) {
            errs.add("must be no more than 63 characters");
        }
        if (!DNS1123_LABEL.matches(v)) {
            errs.add("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must "
                    + "start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for "
                    + "validation is '" + LABEL + "')");
        }
        return errs;
    }

    private static List<String> dnsSubdomain(String s, boolean prefix) {
        String v = prefix ? maskTrailingDash(s) : s;
        List<String> errs = new ArrayList<>();
        if (v.length() > 253) {
            errs.add("must be no more than 253 characters");
        }
        if (!DNS1123_SUBDOMAIN.matches(v)) {
            errs.add("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
                    + "and must start and end with an alphanumeric character (e.g. 'example.com', regex used for "
                    + "validation is '" + LABEL + "(\\." + LABEL + ")*')");
        }
        return errs;
    }

    private static List<String> dns1035(String s, boolean prefix) {
        String v = prefix ? maskTrailingDash(s) : s;
        List<String> errs = new ArrayList<>();
        if (v.length() > 63) {
            errs.add("must be no more than 63 characters");
        }
        if (!DNS1035_LABEL.matches(v)) {
            errs.add("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
                    + "alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', "
                    + "regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')");
        }
        return errs;
    }

    private static List<String> qualifiedName(String s) {
        List<String> errs = new ArrayList<>();
        String[] parts = s.split("/", -1);
        String name;
        if (parts.length == 1) {
            name = parts[0];
        } else if (parts.length == 2) {
            String prefix = parts[0];
            name = parts[1];
            if (prefix.isEmpty()) {
                errs.add("prefix part must be non-empty");
            } else {
                for (String e : dnsSubdomain(prefix, false)) {
                    errs.add("prefix part " + e);
                }
            }
        } else {
            errs.add("a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and "
                    + "end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used "
                    + "for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain "
                    + "prefix and '/' (e.g. 'example.com/MyName')");
            return errs;
        }
        if (name.isEmpty()) {
            errs.add("name part must be non-empty");
        } else if (name.length() > 63) {
            errs.add("name part must be no more than 63 characters");
        }
        if (!name.isEmpty() && !QUALIFIED_NAME.matches(name)) {
            errs.add("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end "
                    + "with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
                    + "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
        }
        return errs;
    }

    private static List<String> labelValue(String s) {
        List<String> errs = new ArrayList<>();
        if (s.length() > 63) {
            errs.add("must be no more than 63 characters");
        }
        if (!LABEL_VALUE.matches(s)) {
            errs.add("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', "
                    + "and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or "
                    + "'12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
        }
        return errs;
    }
}
