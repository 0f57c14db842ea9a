package dev.palisade.sigstore.verify.internal;

import dev.palisade.sigstore.verify.RejectionReason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;

/** Reading X.509 certificates and the Fulcio facts in them. */
public final class Certificates {
    /** Fulcio OIDC issuer (DER UTF8String), current. */
    public static final String ISSUER_V2 = "1.3.6.1.4.1.57264.1.8";
    /** Fulcio OIDC issuer (raw string), deprecated. */
    public static final String ISSUER_V1 = "1.3.6.1.4.1.57264.1.1";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final String CODE_SIGNING = "1.3.6.1.5.5.7.3.3";
    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String END = "-----END CERTIFICATE-----";

    /** Certificate factories, one per thread: looking the provider up costs more than parsing a certificate. */
    private static final ThreadLocal<CertificateFactory> FACTORY = ThreadLocal.withInitial(() -> {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("X.509 is required by every Java platform", e);
        }
    });

    private Certificates() {
    }

    /** One DER certificate. */
    public static X509Certificate fromDer(byte[] der, String what) throws Rejected {
        try {
            return (X509Certificate) FACTORY.get().generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            throw new Rejected(RejectionReason.MALFORMED, what + " is not a valid X.509 certificate: " + e.getMessage());
        }
    }

    /** The DER bytes of every certificate of a PEM text, in order, without parsing them; rejects text without any. */
    public static List<byte[]> derFromPem(String pem, String what) throws Rejected {
        List<byte[]> certificates = new ArrayList<>();
        int from = 0;
        while (true) {
            int begin = pem.indexOf(BEGIN, from);
            if (begin < 0) {
                break;
            }
            int end = pem.indexOf(END, begin);
            if (end < 0) {
                throw new Rejected(RejectionReason.MALFORMED, what + ": PEM certificate without END line");
            }
            try {
                certificates.add(Base64.getDecoder().decode(Pem.stripWhitespace(pem.substring(begin + BEGIN.length(), end))));
            } catch (IllegalArgumentException e) {
                throw new Rejected(RejectionReason.MALFORMED, what + ": invalid base64 in PEM certificate");
            }
            from = end + END.length();
        }
        if (certificates.isEmpty()) {
            throw new Rejected(RejectionReason.MALFORMED, what + ": no PEM certificate found");
        }
        return certificates;
    }

    /** Every certificate of a PEM text, in order; rejects text without any. */
    public static List<X509Certificate> fromPem(String pem, String what) throws Rejected {
        List<X509Certificate> certificates = new ArrayList<>();
        int from = 0;
        while (true) {
            int begin = pem.indexOf(BEGIN, from);
            if (begin < 0) {
                break;
            }
            int end = pem.indexOf(END, begin);
            if (end < 0) {
                throw new Rejected(RejectionReason.MALFORMED, what + ": PEM certificate without END line");
            }
            String body = Pem.stripWhitespace(pem.substring(begin + BEGIN.length(), end));
            byte[] der;
            try {
                der = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw new Rejected(RejectionReason.MALFORMED, what + ": invalid base64 in PEM certificate");
            }
            certificates.add(fromDer(der, what));
            from = end + END.length();
        }
        if (certificates.isEmpty()) {
            throw new Rejected(RejectionReason.MALFORMED, what + ": no PEM certificate found");
        }
        return certificates;
    }

    /** Every subject alternative name as text: email, URI, DNS name, IP address, or Sigstore otherName value. */
    public static List<String> subjectAlternativeNames(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        byte[] extension = certificate.getExtensionValue(SUBJECT_ALT_NAME);
        if (extension == null) {
            return names;
        }
        try {
            byte[] inner = ASN1OctetString.getInstance(extension).getOctets();
            for (GeneralName name : GeneralNames.getInstance(ASN1Primitive.fromByteArray(inner)).getNames()) {
                switch (name.getTagNo()) {
                    case GeneralName.rfc822Name, GeneralName.dNSName, GeneralName.uniformResourceIdentifier ->
                            names.add(((ASN1String) name.getName()).getString());
                    case GeneralName.iPAddress -> names.add(InetAddress.getByAddress(
                            ASN1OctetString.getInstance(name.getName()).getOctets()).getHostAddress());
                    case GeneralName.otherName -> otherNameValue(OtherName.getInstance(name.getName())).ifPresent(names::add);
                    default -> {
                        // directory names and others are not identities Fulcio issues
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return names;
    }

    private static Optional<String> otherNameValue(OtherName otherName) {
        ASN1Encodable value = otherName.getValue();
        if (value instanceof ASN1TaggedObject tagged) {
            value = tagged.getBaseObject();
        }
        return value instanceof ASN1String text ? Optional.of(text.getString()) : Optional.empty();
    }

    /** The OIDC issuer: extension 1.3.6.1.4.1.57264.1.8, else the deprecated .1.1; empty when neither. */
    public static Optional<String> oidcIssuer(X509Certificate certificate) {
        byte[] v2 = certificate.getExtensionValue(ISSUER_V2);
        try {
            if (v2 != null) {
                ASN1Primitive value = ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(v2).getOctets());
                if (value instanceof ASN1String text) {
                    return Optional.of(text.getString());
                }
                return Optional.empty();
            }
            byte[] v1 = certificate.getExtensionValue(ISSUER_V1);
            if (v1 != null) {
                return Optional.of(new String(ASN1OctetString.getInstance(v1).getOctets(), StandardCharsets.UTF_8));
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Whether the extended key usage includes code signing. */
    public static boolean allowsCodeSigning(X509Certificate certificate) {
        try {
            List<String> usages = certificate.getExtendedKeyUsage();
            return usages != null && usages.contains(CODE_SIGNING);
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    /** The DER encoding, as a rejection when the JDK cannot produce it. */
    public static byte[] der(X509Certificate certificate) throws Rejected {
        try {
            return certificate.getEncoded();
        } catch (CertificateException e) {
            throw new Rejected(RejectionReason.MALFORMED, "certificate cannot be encoded: " + e.getMessage());
        }
    }

    /** Whether the certificate is self-signed (subject equals issuer). */
    public static boolean selfIssued(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
    }
}
