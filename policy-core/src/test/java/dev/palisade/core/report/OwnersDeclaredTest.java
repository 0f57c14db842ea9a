package dev.palisade.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palisade.core.ManifestReader;
import dev.palisade.core.Resource;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OwnersDeclaredTest {
    private static List<Resource> read(String yaml) {
        return ManifestReader.create().readString("o.yaml", yaml).resources();
    }

    @Test
    void labelThenAnnotationThenNothingAndTheCollectorAgrees() {
        List<Resource> resources = read("""
                apiVersion: v1
                kind: Service
                metadata: {name: a, namespace: n, labels: {team: " payments "}, annotations: {team: ignored}}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: b, namespace: n, labels: {team: ""}, annotations: {team: sre}}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: c, namespace: n, labels: {app.kubernetes.io/part-of: shop}}
                """);
        assertEquals(Optional.of("payments"), Owners.declaredOwner(resources.get(0), "team"));
        assertEquals(Optional.of("sre"), Owners.declaredOwner(resources.get(1), "team"));
        assertEquals(Optional.empty(), Owners.declaredOwner(resources.get(2), "team"));
        assertEquals(Optional.of("shop"), Owners.declaredOwner(resources.get(2), "app.kubernetes.io/part-of"));

        Owners.Collector collector = Owners.collector("team");
        resources.forEach(collector::add);
        Owners owners = collector.build();
        for (Resource resource : resources) {
            assertEquals(Owners.declaredOwner(resource, "team").orElse(Owners.UNOWNED), owners.teamOf(resource.id()));
        }
    }
}
