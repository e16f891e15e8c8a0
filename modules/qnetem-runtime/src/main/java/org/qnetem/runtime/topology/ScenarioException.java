package org.qnetem.runtime.topology;

import java.util.List;

/**
 * A fault scenario could not be loaded. The message lists every problem found, one per line, each as
 * {@code <file>: <path>: <reason>} with {@code (line N)} appended where the line is known.
 */
public final class ScenarioException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ScenarioException(List<String> problems) {
        super(String.join("\n", problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a scenario exception needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
