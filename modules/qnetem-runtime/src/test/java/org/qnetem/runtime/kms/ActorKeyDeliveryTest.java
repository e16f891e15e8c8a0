package org.qnetem.runtime.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;
import org.qnetem.kms.etsi.EtsiException;
import org.qnetem.runtime.QnetemConfig;

/** A call to a KME fails with 503 when the KME does not answer in time, and at once when the run has ended. */
class ActorKeyDeliveryTest {

    @Test
    void aCallPendingWhenTheRunEndsFailsAndSoDoesEveryLaterOne() throws Exception {
        ActorTestKit run = ActorTestKit.create(QnetemConfig.load());
        TestProbe<KmeActor.Command> kme = run.createTestProbe();
        ActorKeyDelivery delivery = new ActorKeyDelivery("A", kme.getRef(), run.system(), Duration.ofMinutes(10),
                new ServedKeys(() -> 0));

        CompletableFuture<?> pending = delivery.status("alice", "bob").toCompletableFuture();
        kme.expectMessageClass(KmeActor.GetStatus.class);
        assertFalse(pending.isDone(), "the KME has not answered");
        run.shutdownTestKit();

        EtsiException ended = failure(pending);
        assertEquals(503, ended.httpStatus());
        assertTrue(ended.getMessage().contains("the run has ended"), ended.getMessage());
        EtsiException later = failure(delivery.decKeys("bob", "alice", List.of()).toCompletableFuture());
        assertEquals(503, later.httpStatus());
    }

    @Test
    void aKmeThatDoesNotAnswerInTimeIsA503() throws Exception {
        ActorTestKit run = ActorTestKit.create(QnetemConfig.load());
        try {
            TestProbe<KmeActor.Command> kme = run.createTestProbe();
            ActorKeyDelivery delivery = new ActorKeyDelivery("A", kme.getRef(), run.system(), Duration.ofMillis(200),
                    new ServedKeys(() -> 0));
            EtsiException late = failure(delivery.status("alice", "bob").toCompletableFuture());
            assertEquals(503, late.httpStatus());
            assertTrue(late.getMessage().contains("did not answer within 200 ms"), late.getMessage());
        } finally {
            run.shutdownTestKit();
        }
    }

    private static EtsiException failure(CompletableFuture<?> call) {
        ExecutionException failed = assertThrows(ExecutionException.class, () -> call.get(30, TimeUnit.SECONDS));
        return assertInstanceOf(EtsiException.class, failed.getCause());
    }
}
