package org.qnetem.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Injects a fault into a running emulation through its operator API ({@code bin/qnetem run
 * --operator-port P}): {@code inject --target 127.0.0.1:P cut --link X} posts the fault and prints its
 * id; {@code clear --id N} clears it; {@code list} and {@code events} print the run's faults and events.
 * The options are the fields of a scenario entry; the server checks them against the topology.
 */
@Command(name = "inject", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Injects a fault into a running emulation through its operator API (run --operator-port)."
                + " FAULT is a scenario fault (cut, restore, loss-ramp, intercept-resend, photon-number-splitting,"
                + " blinding, dark-count-storm, detector-failure, classical-latency, classical-loss, partition,"
                + " node-crash, kme-outage, member-kill), or clear (with --id), list or events.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the API accepted the request", "1:the API could not be reached",
            "2:bad input, or the API refused the request"})
final class InjectCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--target", required = true, paramLabel = "HOST:PORT",
            description = "Where the run serves its operator API, e.g. 127.0.0.1:8080.")
    private String target;

    @Parameters(index = "0", paramLabel = "FAULT", description = "The fault, or clear, list or events.")
    private String fault;

    @Option(names = "--link", description = "The link the fault acts on.")
    private String link;

    @Option(names = "--node", description = "The node (node-crash, kme-outage).")
    private String node;

    @Option(names = "--member", description = "member-kill: the cluster member, 0 to N-1 in address order.")
    private Integer member;

    @Option(names = "--at", paramLabel = "TIME", description = "Emulated time to apply it, e.g. 30s; default now.")
    private String at;

    @Option(names = "--until", paramLabel = "TIME", description = "Emulated time to clear it; default never.")
    private String until;

    @Option(names = "--fraction", description = "intercept-resend: share of pulses attacked (default 1).")
    private Double fraction;

    @Option(names = "--extra-db", description = "loss-ramp: extra loss reached, dB.")
    private Double extraDb;

    @Option(names = "--ramp", paramLabel = "TIME", description = "loss-ramp: time to reach it (default 0s).")
    private String ramp;

    @Option(names = "--monitor", arity = "0..1", description = "blinding: Bob runs a blinding monitor.")
    private Boolean monitor;

    @Option(names = "--test-gate-fraction", description = "blinding monitor: share of test gates.")
    private Double testGateFraction;

    @Option(names = "--alarm-clicks", description = "blinding monitor: alarm threshold in clicks per batch.")
    private Long alarmClicks;

    @Option(names = "--factor", description = "dark-count-storm: dark-count multiplier (> 1).")
    private Double factor;

    @Option(names = "--extra", paramLabel = "TIME", description = "classical-latency: extra latency, e.g. 50ms.")
    private String extra;

    @Option(names = "--probability", description = "classical-loss: loss probability per transmission.")
    private Double probability;

    @Option(names = "--retransmit", paramLabel = "TIME", description = "classical-loss: retransmission timeout.")
    private String retransmit;

    @Option(names = "--id", description = "clear: the fault's id, as inject printed it.")
    private Long id;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!target.matches("[^:/\\s]+:\\d{1,5}")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '--target': expected HOST:PORT, got '" + target + "'");
        }
        String base = "http://" + target;
        HttpRequest request = switch (fault) {
            case "list" -> HttpRequest.newBuilder(URI.create(base + "/api/faults")).GET().build();
            case "events" -> HttpRequest.newBuilder(URI.create(base + "/api/events")).GET().build();
            case "clear" -> {
                if (id == null) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "clear needs --id N");
                }
                yield HttpRequest.newBuilder(URI.create(base + "/api/faults/" + id)).DELETE().build();
            }
            default -> HttpRequest.newBuilder(URI.create(base + "/api/faults"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body())).build();
        };
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            spec.commandLine().getErr().println("qnetem inject: cannot reach the operator API at " + base + ": " + e);
            return Qnetem.EXIT_FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Qnetem.EXIT_FAILURE;
        }
        boolean accepted = response.statusCode() / 100 == 2;
        (accepted ? spec.commandLine().getOut() : spec.commandLine().getErr()).println(response.body());
        return accepted ? 0 : Qnetem.EXIT_USAGE;
    }

    /** The scenario entry as JSON: only the fields given, durations as HOCON duration strings. */
    private String body() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("fault", fault);
        put(entry, "link", link);
        put(entry, "node", node);
        put(entry, "member", member);
        put(entry, "at", at);
        put(entry, "until", until);
        put(entry, "fraction", fraction);
        put(entry, "extra-db", extraDb);
        put(entry, "ramp", ramp);
        put(entry, "monitor", monitor);
        put(entry, "test-gate-fraction", testGateFraction);
        put(entry, "alarm-clicks", alarmClicks);
        put(entry, "factor", factor);
        put(entry, "extra", extra);
        put(entry, "probability", probability);
        put(entry, "retransmit", retransmit);
        try {
            return JSON.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers is always JSON", e);
        }
    }

    private static void put(Map<String, Object> entry, String key, Object value) {
        if (value != null) {
            entry.put(key, value);
        }
    }
}
