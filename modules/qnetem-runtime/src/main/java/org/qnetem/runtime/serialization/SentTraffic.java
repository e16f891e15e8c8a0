package org.qnetem.runtime.serialization;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;

/**
 * Messages and bytes a serializer has written, by message class. With {@code serialize-messages} off (as
 * in every real run) a message is serialized only to leave its member, so these are the member's
 * outgoing cluster traffic; a test that serializes every message counts its local ones too.
 */
public final class SentTraffic {

    /** Messages and bytes of one message class. */
    public record Count(long messages, long bytes) {
    }

    private final Map<String, LongAdder[]> counts = new ConcurrentHashMap<>();

    void record(Object message, int bytes) {
        String name = message.getClass().getName();
        LongAdder[] count = counts.computeIfAbsent(name.substring(name.lastIndexOf('.') + 1),
                type -> new LongAdder[] {new LongAdder(), new LongAdder()});
        count[0].increment();
        count[1].add(bytes);
    }

    /** Everything {@code system}'s QNetEm serializers (wire and Kryo) have written so far, by message class. */
    public static Map<String, Count> of(ActorSystem<?> system) {
        Serialization serialization = SerializationExtension.get(Adapter.toClassic(system));
        Map<String, Count> total = new TreeMap<>();
        for (int id : new int[] {WireSerializer.IDENTIFIER, KryoSerializer.IDENTIFIER}) {
            Object serializer = serialization.serializerByIdentity().get(id).get();
            SentTraffic traffic = serializer instanceof WireSerializer wire ? wire.traffic()
                    : ((KryoSerializer) serializer).traffic();
            traffic.counts.forEach((type, count) -> total.merge(type,
                    new Count(count[0].sum(), count[1].sum()),
                    (a, b) -> new Count(a.messages() + b.messages(), a.bytes() + b.bytes())));
        }
        return total;
    }
}
