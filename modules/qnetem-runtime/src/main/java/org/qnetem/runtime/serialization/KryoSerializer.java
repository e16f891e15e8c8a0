package org.qnetem.runtime.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultClassResolver;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.util.MapReferenceResolver;
import com.esotericsoftware.kryo.util.Pool;
import java.io.NotSerializableException;
import java.util.List;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.JSerializer;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * Pekko serializer over plain Kryo 5 for {@link InternalMessage}s. Registration is required and
 * explicit: ids follow the order of {@code qnetem.serialization.kryo.classes}, so an unlisted class
 * fails loudly instead of writing its class name. Typed actor refs travel as their serialization
 * format and are resolved on arrival.
 */
public final class KryoSerializer extends JSerializer {

    /** Unique among the system's serializers (Pekko reserves 0 to 40). */
    public static final int IDENTIFIER = 0x514e_4b01;

    private final Pool<Kryo> pool;
    private final SentTraffic traffic = new SentTraffic();

    public KryoSerializer(ExtendedActorSystem system) {
        var config = system.settings().config().getConfig("qnetem.serialization.kryo");
        List<Class<?>> classes = loadClasses(system, config.getStringList("classes"));
        int firstId = config.getInt("first-id");
        ActorRefResolver refs = ActorRefResolver.get(Adapter.toTyped(system));
        this.pool = new Pool<>(true, false) {
            @Override
            protected Kryo create() {
                return newKryo(classes, firstId, refs);
            }
        };
    }

    private static List<Class<?>> loadClasses(ExtendedActorSystem system, List<String> names) {
        return names.stream().<Class<?>>map(name -> {
            try {
                return Class.forName(name, false, system.dynamicAccess().classLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("qnetem.serialization.kryo.classes: no class " + name, e);
            }
        }).toList();
    }

    private static Kryo newKryo(List<Class<?>> classes, int firstId, ActorRefResolver refs) {
        Kryo kryo = new Kryo(new ActorRefAwareClassResolver(), new MapReferenceResolver());
        kryo.setRegistrationRequired(true);
        kryo.setReferences(false);
        kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        for (int i = 0; i < classes.size(); i++) {
            Class<?> type = classes.get(i);
            if (type == ActorRef.class) {
                kryo.register(type, new ActorRefSerializer(refs), firstId + i);
            } else {
                kryo.register(type, firstId + i);
            }
        }
        return kryo;
    }

    SentTraffic traffic() {
        return traffic;
    }

    @Override
    public int identifier() {
        return IDENTIFIER;
    }

    @Override
    public boolean includeManifest() {
        return false;
    }

    @Override
    public byte[] toBinary(Object message) {
        Kryo kryo = pool.obtain();
        try (Output output = new Output(256, -1)) {
            kryo.writeClassAndObject(output, message);
            byte[] bytes = output.toBytes();
            traffic.record(message, bytes.length);
            return bytes;
        } catch (KryoException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot serialize " + message.getClass().getName()
                    + " with Kryo (is it listed in qnetem.serialization.kryo.classes?): " + e.getMessage(), e);
        } finally {
            pool.free(kryo);
        }
    }

    @Override
    public Object fromBinaryJava(byte[] bytes, Class<?> manifest) {
        Kryo kryo = pool.obtain();
        try (Input input = new Input(bytes)) {
            return kryo.readClassAndObject(input);
        } catch (KryoException e) {
            throw new IllegalArgumentException(new NotSerializableException("Kryo message of " + bytes.length
                    + " bytes could not be read: " + e.getMessage()));
        } finally {
            pool.free(kryo);
        }
    }

    /** Every concrete typed-ref class is written under the registration of {@link ActorRef}. */
    private static final class ActorRefAwareClassResolver extends DefaultClassResolver {
        @Override
        public Registration getRegistration(Class type) {
            if (type != ActorRef.class && ActorRef.class.isAssignableFrom(type)) {
                return super.getRegistration(ActorRef.class);
            }
            return super.getRegistration(type);
        }
    }

    private static final class ActorRefSerializer extends Serializer<ActorRef<?>> {
        private final ActorRefResolver refs;

        ActorRefSerializer(ActorRefResolver refs) {
            this.refs = refs;
            setImmutable(true);
        }

        @Override
        public void write(Kryo kryo, Output output, ActorRef<?> ref) {
            output.writeString(refs.toSerializationFormat(ref));
        }

        @Override
        public ActorRef<?> read(Kryo kryo, Input input, Class<? extends ActorRef<?>> type) {
            return refs.resolveActorRef(input.readString());
        }
    }
}
