package dev.palisade.cli;

/** The version of the CLI, from the jar manifest when packaged. */
final class Version {
    private Version() {
    }

    static String current() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
