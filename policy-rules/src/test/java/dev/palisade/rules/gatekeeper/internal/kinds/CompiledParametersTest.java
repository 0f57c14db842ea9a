package dev.palisade.rules.gatekeeper.internal.kinds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CompiledParametersTest {

    @Test
    void derivesOncePerParametersObjectAndAgainForAnother() {
        AtomicInteger compilations = new AtomicInteger();
        CompiledParameters<String> compiled = new CompiledParameters<>(params -> {
            compilations.incrementAndGet();
            return params.path("cpu").asText() + "!";
        });
        JsonNode first = KindRun.yaml("{cpu: 200m}");
        String value = compiled.of(first);
        assertSame(value, compiled.of(first));
        assertEquals(1, compilations.get());
        JsonNode equalButDistinct = KindRun.yaml("{cpu: 200m}");
        assertEquals("200m!", compiled.of(equalButDistinct));
        assertEquals(2, compilations.get());
        JsonNode other = KindRun.yaml("{cpu: 1}");
        assertEquals("1!", compiled.of(other));
        assertEquals(3, compilations.get());
    }

    @Test
    void regexesAreCompiledOncePerPattern() {
        RegexCache cache = new RegexCache();
        assertSame(cache.get("^a+$").orElseThrow(), cache.get("^a+$").orElseThrow());
        assertEquals(true, cache.find("^a+$", "aaa").orElseThrow());
        assertEquals(true, cache.get("(unclosed").isEmpty());
    }
}
