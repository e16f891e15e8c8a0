package org.qnetem.runtime.operator;

import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;

/**
 * The operator REST API of a run, served with pekko-http on the run's own actor system, so it stops with the
 * run: {@code GET /api/topology}, {@code /api/links}, {@code /api/nodes} and {@code /metrics}.
 */
public final class OperatorApi {

    /** Loopback only: the API has no authentication yet. */
    public static final String HOST = "127.0.0.1";

    private OperatorApi() {
    }

    public static CompletionStage<ServerBinding> bind(ActorSystem<?> system, LiveRun run, int port) {
        return Http.get(system).newServerAt(HOST, port).bind(new OperatorRoutes(run).routes());
    }
}
