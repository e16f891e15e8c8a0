package org.qnetem.runtime.topology;

import java.util.List;

/**
 * A device profile could not be found or loaded. The message lists every problem, one per line, in the
 * topology format {@code <file>: <path>: <reason> (line N)}.
 */
public final class DeviceProfileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public DeviceProfileException(List<String> problems) {
        super(String.join("\n", problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a device profile exception needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
