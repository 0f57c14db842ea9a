package dev.palisade.sigstore.verify.internal;

import dev.palisade.sigstore.verify.RejectionReason;
import dev.palisade.sigstore.verify.TransparencyLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;

/**
 * Verifies the Signed Certificate Timestamps embedded in a certificate (RFC 6962 §3.2, precertificate
 * entries): the signature covers the TBSCertificate without the SCT-list extension and the SHA-256 of
 * the issuer's public key.
 */
public final class SctVerifier {
    /** X.509 extension holding the embedded SCT list. */
    public static final String SCT_LIST_OID = "1.3.6.1.4.1.11129.2.4.2";

    private SctVerifier() {
    }

    /** Passes when at least one embedded SCT verifies against a CT log of {@code ctlogs}. */
    public static void verify(X509Certificate leaf, X509Certificate issuer, dev.palisade.sigstore.verify.TrustedRoot root)
            throws Rejected {
        byte[] extension = leaf.getExtensionValue(SCT_LIST_OID);
        if (extension == null) {
            throw new Rejected(RejectionReason.SCT_MISSING, "certificate has no embedded SCT (extension " + SCT_LIST_OID + ")");
        }
        List<Sct> scts;
        byte[] tbs;
        try {
            byte[] list = ASN1OctetString.getInstance(ASN1OctetString.getInstance(extension).getOctets()).getOctets();
            scts = parseList(list);
            tbs = tbsWithoutSctList(Certificates.der(leaf));
        } catch (IOException | RuntimeException e) {
            throw new Rejected(RejectionReason.SCT_INVALID, "embedded SCT list is malformed: " + e.getMessage());
        }
        if (scts.isEmpty()) {
            throw new Rejected(RejectionReason.SCT_MISSING, "embedded SCT list is empty");
        }
        byte[] issuerKeyHash = Digests.sha256(issuer.getPublicKey().getEncoded());
        List<String> problems = new ArrayList<>();
        for (Sct sct : scts) {
            String logId = Hex.encode(sct.logId);
            Instant time = Instant.ofEpochMilli(sct.timestamp);
            List<TransparencyLog> logs = root.ctlogs(logId);
            if (logs.isEmpty()) {
                problems.add("SCT from unknown CT log " + logId);
                continue;
            }
            byte[] signed = signedData(sct, issuerKeyHash, tbs);
            for (TransparencyLog log : logs) {
                if (!log.validAt(time)) {
                    problems.add("CT log " + logId + " key not valid at SCT time " + time);
                } else if (SignatureScheme.forKeyDetails(log.keyDetails()).orElseThrow().verify(log.publicKey(), signed, sct.signature)) {
                    return;
                } else {
                    problems.add("SCT signature by CT log " + logId + " does not verify");
                }
            }
        }
        throw new Rejected(RejectionReason.SCT_INVALID, "no embedded SCT verifies: " + String.join("; ", problems));
    }

    private record Sct(int version, byte[] logId, long timestamp, byte[] extensions, byte[] signature) {
    }

    private static List<Sct> parseList(byte[] tls) {
        ByteBuffer buffer = ByteBuffer.wrap(tls);
        int total = u16(buffer);
        if (total != buffer.remaining()) {
            throw new IllegalArgumentException("SCT list length " + total + " does not match " + buffer.remaining());
        }
        List<Sct> scts = new ArrayList<>();
        while (buffer.hasRemaining()) {
            int length = u16(buffer);
            ByteBuffer one = buffer.slice(buffer.position(), length);
            buffer.position(buffer.position() + length);
            int version = one.get() & 0xff;
            byte[] logId = bytes(one, 32);
            long timestamp = one.getLong();
            byte[] extensions = bytes(one, u16(one));
            one.get(); // hash algorithm, implied by the log key
            one.get(); // signature algorithm, implied by the log key
            byte[] signature = bytes(one, u16(one));
            if (one.hasRemaining()) {
                throw new IllegalArgumentException("trailing bytes in SCT");
            }
            if (version == 0) {
                scts.add(new Sct(version, logId, timestamp, extensions, signature));
            }
        }
        return scts;
    }

    private static byte[] signedData(Sct sct, byte[] issuerKeyHash, byte[] tbs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(tbs.length + 64);
        out.write(sct.version);
        out.write(0); // signature type: certificate_timestamp
        out.writeBytes(ByteBuffer.allocate(8).putLong(sct.timestamp).array());
        out.write(0);
        out.write(1); // entry type: precert_entry
        out.writeBytes(issuerKeyHash);
        out.write((tbs.length >>> 16) & 0xff);
        out.write((tbs.length >>> 8) & 0xff);
        out.write(tbs.length & 0xff);
        out.writeBytes(tbs);
        out.write((sct.extensions.length >>> 8) & 0xff);
        out.write(sct.extensions.length & 0xff);
        out.writeBytes(sct.extensions);
        return out.toByteArray();
    }

    /** The DER TBSCertificate with the SCT-list extension removed. */
    static byte[] tbsWithoutSctList(byte[] certificateDer) throws IOException {
        ASN1Sequence tbs = ASN1Sequence.getInstance(Certificate.getInstance(certificateDer).getTBSCertificate().toASN1Primitive());
        ASN1EncodableVector fields = new ASN1EncodableVector();
        for (ASN1Encodable field : tbs) {
            if (field instanceof ASN1TaggedObject tagged && tagged.getTagNo() == 3) {
                ASN1EncodableVector kept = new ASN1EncodableVector();
                for (ASN1Encodable extension : ASN1Sequence.getInstance(tagged, true)) {
                    if (!Extension.getInstance(extension).getExtnId().getId().equals(SCT_LIST_OID)) {
                        kept.add(extension);
                    }
                }
                fields.add(new DERTaggedObject(true, 3, new DERSequence(kept)));
            } else {
                fields.add(field);
            }
        }
        return new DERSequence(fields).getEncoded(ASN1Encoding.DER);
    }

    private static int u16(ByteBuffer buffer) {
        return buffer.getShort() & 0xffff;
    }

    private static byte[] bytes(ByteBuffer buffer, int length) {
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return bytes;
    }
}
