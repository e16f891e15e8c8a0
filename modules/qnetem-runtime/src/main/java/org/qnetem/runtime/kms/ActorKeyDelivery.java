package org.qnetem.runtime.kms;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.japi.function.Function;
import org.qnetem.kms.etsi.EtsiException;
import org.qnetem.kms.etsi.KeyContainer;
import org.qnetem.kms.etsi.KeyDelivery;
import org.qnetem.kms.etsi.KeyRequest;
import org.qnetem.kms.etsi.Status;

/**
 * The {@link KeyDelivery} of one node's KME for the HTTPS layer: each call asks the node's
 * {@link KmeActor}; a KME that does not answer within the ask timeout is a 503, and so is every call once
 * the run's actor system has terminated (an ask's timeout runs on that system's scheduler, so a call left
 * pending then would never end). Served enc_keys calls are logged ({@link ServedKeys}).
 */
public final class ActorKeyDelivery implements KeyDelivery {

    private final String kmeId;
    private final RecipientRef<KmeActor.Command> kme;
    private final Scheduler scheduler;
    private final Duration timeout;
    private final ServedKeys served;
    private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean ended;

    /** {@code system}: the run's, whose KME is asked; {@code served}: where keys served by enc_keys are logged. */
    public ActorKeyDelivery(String kmeId, RecipientRef<KmeActor.Command> kme, ActorSystem<?> system, Duration timeout,
                            ServedKeys served) {
        this.served = served;
        this.kmeId = kmeId;
        this.kme = kme;
        this.scheduler = system.scheduler();
        this.timeout = timeout;
        system.getWhenTerminated().thenRun(() -> {
            ended = true;
            pending.forEach(call -> call.completeExceptionally(runEnded()));
        });
    }

    @Override
    public String kmeId() {
        return kmeId;
    }

    @Override
    public CompletionStage<Status> status(String masterSaeId, String slaveSaeId) {
        return this.<KmeActor.StatusAnswered>ask(replyTo -> new KmeActor.GetStatus(masterSaeId, slaveSaeId, replyTo))
                .thenCompose(answer -> answer.failureStatus() != 0
                        ? CompletableFuture.failedFuture(refusal(answer.failureStatus(), answer.failureMessage()))
                        : CompletableFuture.completedFuture(answer.status()));
    }

    @Override
    public CompletionStage<KeyContainer> encKeys(String masterSaeId, String slaveSaeId, KeyRequest request) {
        List<String> slaves = new ArrayList<>(List.of(slaveSaeId));
        slaves.addAll(request.additionalSlaveSaeIds());
        return keys(replyTo -> new KmeActor.EncKeys(masterSaeId, slaveSaeId, request.number().orElse(null),
                request.size().orElse(null), request.additionalSlaveSaeIds().toArray(String[]::new),
                request.extensionMandatory().size(), replyTo))
                .thenApply(keys -> {
                    served.record(masterSaeId, slaves, keys.keys().stream().mapToLong(k -> 8L * k.key().length).sum());
                    return keys;
                });
    }

    @Override
    public CompletionStage<KeyContainer> decKeys(String slaveSaeId, String masterSaeId, List<UUID> keyIds) {
        return keys(replyTo -> new KmeActor.DecKeys(slaveSaeId, masterSaeId,
                keyIds.stream().map(UUID::toString).toArray(String[]::new), replyTo));
    }

    private CompletionStage<KeyContainer> keys(
            Function<ActorRef<KmeActor.KeysAnswered>, KmeActor.Command> message) {
        return ask(message).thenCompose(answer -> {
            if (answer.failureStatus() != 0) {
                return CompletableFuture.failedFuture(refusal(answer.failureStatus(), answer.failureMessage()));
            }
            List<KeyContainer.Key> keys = new ArrayList<>();
            for (int i = 0; i < answer.keyIds().length; i++) {
                keys.add(new KeyContainer.Key(UUID.fromString(answer.keyIds()[i]), answer.keys()[i]));
                Arrays.fill(answer.keys()[i], (byte) 0);
            }
            return CompletableFuture.completedFuture(new KeyContainer(keys));
        });
    }

    private <T> CompletionStage<T> ask(Function<ActorRef<T>, KmeActor.Command> message) {
        if (ended) {
            return CompletableFuture.failedFuture(runEnded());
        }
        CompletableFuture<T> answer = new CompletableFuture<>();
        pending.add(answer);
        answer.whenComplete((reply, failure) -> pending.remove(answer));
        if (ended) {
            answer.completeExceptionally(runEnded());
            return answer;
        }
        AskPattern.<KmeActor.Command, T>ask(kme, message, timeout, scheduler).whenComplete((reply, failure) -> {
            if (failure == null) {
                answer.complete(reply);
                return;
            }
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            answer.completeExceptionally(cause instanceof TimeoutException
                    ? EtsiException.unavailable("KME " + kmeId + " did not answer within " + timeout.toMillis() + " ms")
                    : failure);
        });
        return answer;
    }

    private EtsiException runEnded() {
        return EtsiException.unavailable("KME " + kmeId + " is gone: the run has ended");
    }

    private static EtsiException refusal(int status, String message) {
        return new EtsiException(status, message, List.of());
    }
}
