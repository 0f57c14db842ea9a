package dev.palisade.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReaderLimitsTest {

    @Test
    void withersChangeOneSettingEach() {
        ReaderLimits limits = ReaderLimits.DEFAULTS.withMaxDocumentBytes(1).withMaxFileBytes(2).withMaxDepth(3)
                .withMaxAliasNodes(0);
        assertEquals(new ReaderLimits(1, 2, 3, 0), limits);
        assertEquals(ReaderLimits.DEFAULTS.maxFileBytes(), ReaderLimits.DEFAULTS.withMaxDepth(9).maxFileBytes());
    }

    @Test
    void nonPositiveLimitsAreRefusedNamingTheSetting() {
        PalisadeException e = assertThrows(PalisadeException.class, () -> ReaderLimits.DEFAULTS.withMaxDepth(0));
        assertTrue(e.getMessage().contains("--max-depth"), e.getMessage());
        e = assertThrows(PalisadeException.class, () -> ReaderLimits.DEFAULTS.withMaxAliasNodes(-1));
        assertTrue(e.getMessage().contains("--max-alias-nodes"), e.getMessage());
    }

    @Test
    void zeroAliasNodesRefusesEveryAlias() {
        Manifests manifests = ManifestReader.create(ReaderLimits.DEFAULTS.withMaxAliasNodes(0))
                .readString("a.yaml", "apiVersion: v1\nkind: ConfigMap\ndata:\n  a: &x v\n  b: *x\n");
        assertTrue(manifests.errors().get(0).message().contains("--max-alias-nodes"), manifests.errors().toString());
        assertEquals(5, manifests.errors().get(0).location().line());
    }
}
