package org.qnetem.qkd.protocol;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import org.qnetem.physics.batch.PackedBits;
import org.qnetem.qkd.message.ClassicalMessage;

/**
 * A test stand-in for the runtime's wire encoding: the message's class name and every record
 * component, length-prefixed, so that distinct messages give distinct bytes.
 */
final class RecordEncoder implements MessageEncoder {

    @Override
    public byte[] encode(ClassicalMessage message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(message.getClass().getName());
            for (RecordComponent component : message.getClass().getRecordComponents()) {
                write(out, component.getAccessor().invoke(message));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private static void write(DataOutputStream out, Object value) throws IOException {
        if (value instanceof String s) {
            out.writeUTF(s);
        } else if (value instanceof Long || value instanceof Integer) {
            out.writeLong(((Number) value).longValue());
        } else if (value instanceof PackedBits bits) {
            out.writeInt(bits.length());
            out.write(bits.toBytes());
        } else if (value instanceof long[] values) {
            out.writeInt(values.length);
            ByteBuffer buffer = ByteBuffer.allocate(Long.BYTES * values.length);
            buffer.asLongBuffer().put(values);
            out.write(buffer.array());
        } else if (value instanceof int[] values) {
            out.writeInt(values.length);
            ByteBuffer buffer = ByteBuffer.allocate(Integer.BYTES * values.length);
            buffer.asIntBuffer().put(values);
            out.write(buffer.array());
        } else if (value instanceof byte[] values) {
            out.writeInt(values.length);
            out.write(values);
        } else {
            throw new IllegalArgumentException("no test encoding for " + value.getClass());
        }
    }
}
