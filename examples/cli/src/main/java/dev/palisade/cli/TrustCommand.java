package dev.palisade.cli;

import dev.palisade.sigstore.tuf.SigstoreTrust;
import dev.palisade.sigstore.tuf.TrustSnapshot;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code palisade trust update|show}: refreshes the Sigstore trusted root through TUF into the cache
 * directory, or shows which trusted root verification would use and how old it is.
 */
final class TrustCommand implements Command {
    private static final Set<String> VALUED = Set.of("cache-dir", "repository", "timeout");

    @Override
    public String name() {
        return "trust";
    }

    @Override
    public String summary() {
        return "refresh (update) or show the Sigstore trusted root used for keyless verification";
    }

    @Override
    public String usage() {
        return """
                usage: palisade trust update [--cache-dir DIR] [--repository URL] [--timeout SECONDS]
                       palisade trust show [--cache-dir DIR]

                Palisade ships the Sigstore public-good trusted_root.json with its TUF metadata. 'update' refreshes
                it through TUF (root rotation, expiry, rollback and hash checks, consistent snapshots) and stores
                it in the cache directory; verification then uses the newer of the cached and the bundled root.
                'show' prints which root is used and how old it is (no network).

                options:
                  --cache-dir DIR           where the refreshed metadata is kept (default
                                            $PALISADE_CACHE_DIR/sigstore-tuf, $XDG_CACHE_HOME/palisade/sigstore-tuf
                                            or ~/.cache/palisade/sigstore-tuf)
                  --repository URL          the TUF repository (default https://tuf-repo-cdn.sigstore.dev/)
                  --timeout SECONDS         network timeout per request (default 30)

                exit status: 0 done, 2 errors (an unreachable repository, metadata that does not verify).""";
    }

    @Override
    public int run(List<String> rawArgs, PrintStream out, PrintStream err) {
        Arguments args = Arguments.parse(rawArgs, VALUED, Set.of());
        if (args.positional().size() != 1 || !Set.of("update", "show").contains(args.positional().get(0))) {
            throw new UsageException("name the action: 'update' or 'show'");
        }
        Path cacheDir = cacheDir(args);
        Clock clock = Clock.systemUTC();
        if (args.positional().get(0).equals("show")) {
            out.println(SigstoreTrust.current(cacheDir).describe(clock.instant()));
            return 0;
        }
        URI repository = URI.create(args.last("repository").orElse(SigstoreTrust.PUBLIC_GOOD.toString()));
        TrustSnapshot updated = SigstoreTrust.update(cacheDir, repository, clock,
                Duration.ofSeconds(args.number("timeout", 30)));
        out.println("Updated the Sigstore trusted root from " + repository + " (TUF root v" + updated.rootVersion()
                + ") into " + cacheDir);
        return 0;
    }

    static Path cacheDir(Arguments args) {
        return args.last("cache-dir").map(Path::of).orElseGet(SigstoreTrust::defaultCacheDir);
    }
}
