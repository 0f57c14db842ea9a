package dev.palisade.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArtifactPathsTest {
    private static final Path WORKING = Path.of("").toAbsolutePath();

    @Test
    void relativeNamesAreRelativeToTheWorkingDirectoryNotTheBase() {
        ArtifactPaths paths = new ArtifactPaths(WORKING.getParent());
        String module = WORKING.getFileName().toString();
        assertEquals(Optional.of(module + "/src/test/resources/report/mixed-resources.yaml"),
                paths.relative("src/test/resources/report/mixed-resources.yaml"));
        assertEquals(Optional.of(module + "/src/x%20y.yaml"),
                paths.artifact("src/x y.yaml", "%SRCROOT%").map(ArtifactPaths.Artifact::uri));
    }

    @Test
    void streamsAndHostObjectsHaveNoArtifact() {
        ArtifactPaths paths = new ArtifactPaths(WORKING);
        assertTrue(paths.artifact("<stdin>", "%SRCROOT%").isEmpty());
        assertTrue(paths.artifact("", "%SRCROOT%").isEmpty());
    }

    @Test
    void filesOutsideTheBaseAreAbsoluteWithoutBaseId() {
        ArtifactPaths paths = new ArtifactPaths(WORKING.resolve("src"));
        ArtifactPaths.Artifact artifact = paths.artifact("pom.xml", "%SRCROOT%").orElseThrow();
        assertTrue(artifact.uri().startsWith("file:/") && artifact.uri().endsWith("/pom.xml"), artifact.uri());
        assertTrue(artifact.uriBaseId().isEmpty());
        assertTrue(paths.baseUri().endsWith("/src/"), paths.baseUri());
    }

    @Test
    void renderedDocumentsPointAtTheirTemplate() {
        ArtifactPaths paths = new ArtifactPaths(WORKING);
        String rendered = dev.palisade.core.SourceLocation.rendered("charts/web/templates/deployment.yaml", "chart web");
        assertEquals(Optional.of("charts/web/templates/deployment.yaml"),
                paths.artifact(rendered, "%SRCROOT%").map(ArtifactPaths.Artifact::uri));
    }
}
