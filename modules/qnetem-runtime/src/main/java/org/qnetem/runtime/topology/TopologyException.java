package org.qnetem.runtime.topology;

import java.util.List;

/**
 * A topology could not be loaded. The message lists every problem found, one per line, each as
 * {@code <file>: <path>: <reason>} with {@code (line N)} appended where the line is known, so a user
 * can fix them all in one pass.
 */
public final class TopologyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public TopologyException(List<String> problems) {
        super(String.join("\n", problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a topology exception needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
