package org.qnetem.runtime.topology;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds and loads device profiles: HOCON files {@code <name>.conf} with one {@code profile} section (see
 * {@code config/profiles/}), validated as strictly as topologies, problems reported as
 * {@code <file>: <path>: <reason> (line N)} in one {@link DeviceProfileException}.
 */
public final class DeviceProfiles {

    private static final String SUFFIX = ".conf";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]*");
    private static final Path PROFILES = Path.of("config", "profiles");

    private DeviceProfiles() {
    }

    /**
     * Where profiles are looked up by name, in order: {@code $QNETEM_HOME/config/profiles} (set by
     * {@code bin/qnetem}), then {@code config/profiles} under the working directory.
     */
    public static List<Path> searchPath() {
        List<Path> directories = new ArrayList<>();
        Optional.ofNullable(System.getenv("QNETEM_HOME"))
                .ifPresent(home -> directories.add(Path.of(home).resolve(PROFILES)));
        directories.add(PROFILES);
        return directories;
    }

    /** A profile by name (e.g. {@code gys-2004}) on the {@link #searchPath()}, or a file path if it names one. */
    public static DeviceProfile load(String nameOrPath) {
        return load(nameOrPath, searchPath());
    }

    /**
     * A profile by name in the first of {@code directories} that holds it; anything with a path separator
     * or ending in {@code .conf} is read as a file path instead.
     */
    public static DeviceProfile load(String nameOrPath, List<Path> directories) {
        Objects.requireNonNull(nameOrPath, "nameOrPath");
        if (nameOrPath.endsWith(SUFFIX) || nameOrPath.contains("/") || nameOrPath.contains("\\")) {
            return load(Path.of(nameOrPath));
        }
        if (!NAME.matcher(nameOrPath).matches()) {
            throw problem(nameOrPath, "not a profile name: use lower-case letters, digits, '.' and '-' ("
                    + NAME.pattern() + "), or give a path to a .conf file");
        }
        for (Path directory : directories) {
            Path file = directory.resolve(nameOrPath + SUFFIX);
            if (Files.isRegularFile(file)) {
                return load(file);
            }
        }
        throw problem(nameOrPath, "no such profile in " + directories + "; available: " + available(directories));
    }

    /** The profile in {@code file}; its name is the file name without {@code .conf}. */
    public static DeviceProfile load(Path file) {
        String source = file.toString();
        Problems problems = new Problems(source);
        return HoconFiles.parse(file, problems)
                .flatMap(root -> new DeviceProfileReader(nameOf(file), source, problems).read(root))
                .orElseThrow(() -> new DeviceProfileException(problems.lines()));
    }

    /** Parses profile text; {@code sourceName} stands for the file name in messages and gives the name. */
    public static DeviceProfile parse(String hoconText, String sourceName) {
        Problems problems = new Problems(sourceName);
        return HoconFiles.parse(hoconText, sourceName, problems)
                .flatMap(root -> new DeviceProfileReader(nameOf(Path.of(sourceName)), sourceName, problems).read(root))
                .orElseThrow(() -> new DeviceProfileException(problems.lines()));
    }

    /** The names of every profile in {@code directories}, sorted; "none" if there are none. */
    private static String available(List<Path> directories) {
        TreeSet<String> names = new TreeSet<>();
        directories.forEach(directory -> names.addAll(profileNames(directory)));
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private static List<String> profileNames(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(SUFFIX))
                    .map(DeviceProfiles::nameOf).filter(NAME.asMatchPredicate()).toList();
        } catch (IOException e) {
            // The names only help the message about a missing profile; an unreadable directory adds none.
            return List.of();
        }
    }

    /** The file name without {@code .conf}; a file not ending in it keeps its whole name. */
    private static String nameOf(Path file) {
        String fileName = file.getFileName().toString();
        return fileName.endsWith(SUFFIX) ? fileName.substring(0, fileName.length() - SUFFIX.length()) : fileName;
    }

    private static DeviceProfileException problem(String name, String reason) {
        Problems problems = new Problems(name);
        problems.addFileProblem(reason, null);
        return new DeviceProfileException(problems.lines());
    }
}
