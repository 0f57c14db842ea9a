package dev.palisade.core.report;

import dev.palisade.core.FieldPositions;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.Manifests;
import dev.palisade.core.Resource;
import dev.palisade.core.SourceLocation;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Field positions and first lines of fixture documents, from SnakeYAML's node marks (a mapping
 * entry is at its key). Lets the writer tests check real file positions independently of the
 * reader's own position map.
 */
final class TestPositions implements FieldPositions {
    private final String file;
    private final int document;
    private final Map<String, int[]> positions;
    private final int firstLine;

    private TestPositions(String file, int document, Map<String, int[]> positions, int firstLine) {
        this.file = file;
        this.document = document;
        this.positions = positions;
        this.firstLine = firstLine;
    }

    /** Reads the files with {@link ManifestReader} and gives each resource these positions. */
    static Manifests read(List<Path> files) {
        Manifests read = ManifestReader.create().read(files.stream().map(Path::toString).toList());
        List<Resource> positioned = new ArrayList<>();
        for (Resource resource : read.resources()) {
            TestPositions positions = of(resource.source().file(), resource.source().document());
            SourceLocation source = resource.source().at(positions.firstLine, 1);
            positioned.add(Resource.of(resource.object(), source, positions));
        }
        return new Manifests(positioned, read.errors(), read.skipped());
    }

    static TestPositions of(String file, int document) {
        try (Reader in = Files.newBufferedReader(Path.of(file))) {
            int index = 0;
            for (Node root : new Yaml(new LoaderOptions()).composeAll(in)) {
                if (index++ == document) {
                    Map<String, int[]> positions = new HashMap<>();
                    walk(root, "", positions);
                    return new TestPositions(file, document, positions, mark(root)[0]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException("no document " + document + " in " + file);
    }

    private static void walk(Node node, String pointer, Map<String, int[]> positions) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    String child = pointer + "/" + key.getValue().replace("~", "~0").replace("/", "~1");
                    positions.put(child, mark(key));
                    walk(tuple.getValueNode(), child, positions);
                }
            }
        } else if (node instanceof SequenceNode sequence) {
            for (int i = 0; i < sequence.getValue().size(); i++) {
                Node item = sequence.getValue().get(i);
                positions.put(pointer + "/" + i, mark(item));
                walk(item, pointer + "/" + i, positions);
            }
        }
    }

    private static int[] mark(Node node) {
        return new int[] {node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1};
    }

    @Override
    public Optional<SourceLocation> locate(String jsonPointer) {
        String pointer = jsonPointer;
        while (!pointer.isEmpty()) {
            int[] at = positions.get(pointer);
            if (at != null) {
                return Optional.of(new SourceLocation(file, document, at[0], at[1]));
            }
            pointer = pointer.substring(0, pointer.lastIndexOf('/'));
        }
        return Optional.empty();
    }
}
