package dev.palisade.kyverno.jmespath;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/** A self-signed RSA certificate made for the test (written as DER by hand, signed with the JDK). */
final class TestCertificates {
    static final String NOT_AFTER = "2034-01-01T00:00:00Z";

    private TestCertificates() {
    }

    static String rsaCertificatePem() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair kp = g.generateKeyPair();
        byte[] algo = seq(oid(new int[] {1, 2, 840, 113549, 1, 1, 11}), new byte[] {0x05, 0x00});
        byte[] name = seq(set(seq(oid(new int[] {2, 5, 4, 10}), utf8("Palisade"))),
                set(seq(oid(new int[] {2, 5, 4, 3}), utf8("palisade-test"))));
        byte[] validity = seq(utc("240101000000Z"), gen("20340101000000Z"));
        byte[] tbs = seq(tlv(0xa0, integer(BigInteger.TWO)), integer(BigInteger.valueOf(4242)), algo, name, validity,
                name, kp.getPublic().getEncoded());
        java.security.Signature s = java.security.Signature.getInstance("SHA256withRSA");
        s.initSign(kp.getPrivate());
        s.update(tbs);
        byte[] sig = s.sign();
        byte[] bits = new byte[sig.length + 1];
        System.arraycopy(sig, 0, bits, 1, sig.length);
        byte[] cert = seq(tbs, algo, tlv(0x03, bits));
        StringWriter w = new StringWriter();
        w.write("-----BEGIN CERTIFICATE-----\n");
        w.write(Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(cert));
        w.write("\n-----END CERTIFICATE-----\n");
        return w.toString();
    }

    private static byte[] tlv(int tag, byte[] content) {
        int n = content.length;
        byte[] len;
        if (n < 128) {
            len = new byte[] {(byte) n};
        } else if (n < 256) {
            len = new byte[] {(byte) 0x81, (byte) n};
        } else {
            len = new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
        }
        byte[] out = new byte[1 + len.length + n];
        out[0] = (byte) tag;
        System.arraycopy(len, 0, out, 1, len.length);
        System.arraycopy(content, 0, out, 1 + len.length, n);
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int i = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, i, p.length);
            i += p.length;
        }
        return out;
    }

    private static byte[] seq(byte[]... parts) {
        return tlv(0x30, concat(parts));
    }

    private static byte[] set(byte[]... parts) {
        return tlv(0x31, concat(parts));
    }

    private static byte[] integer(BigInteger v) {
        return tlv(0x02, v.toByteArray());
    }

    private static byte[] utf8(String s) {
        return tlv(0x0c, s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static byte[] utc(String s) {
        return tlv(0x17, s.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private static byte[] gen(String s) {
        return tlv(0x18, s.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private static byte[] oid(int[] arcs) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(arcs[0] * 40 + arcs[1]);
        for (int i = 2; i < arcs.length; i++) {
            int v = arcs[i];
            int[] groups = new int[5];
            int k = 0;
            do {
                groups[k++] = v & 0x7f;
                v >>>= 7;
            } while (v != 0);
            for (int j = k - 1; j >= 0; j--) {
                out.write(groups[j] | (j > 0 ? 0x80 : 0));
            }
        }
        return tlv(0x06, out.toByteArray());
    }
}
