package org.qnetem.qkd.authentication;

import java.util.Arrays;
import org.qnetem.physics.batch.PackedBits;
import org.qnetem.qkd.hashing.Mersenne61;
import org.qnetem.qkd.hashing.PolynomialHash;

/**
 * The authentication key of one link end: a long-term hash key and a stream of one-time pads, both
 * ends holding the same bits.
 *
 * <p><b>Layout.</b> The pool starts from the link's pre-shared key. Its leading 64-bit words give the
 * two points of the {@link PolynomialHash} (the top 61 bits of a word each, a word of all ones being
 * skipped so that the points are uniform); everything after them, followed by every
 * {@link #replenish replenished} bit in order, is the pad stream. The stream is cut into 128-bit slots:
 * slot 2j pads message j from a to b, slot 2j + 1 pads message j from b to a. So each pad is fixed by
 * its direction and sequence number alone, and both ends use the same pad for the same message however
 * the two directions' messages interleave in time, as long as both replenish with the same bits in the
 * same order.
 *
 * <p><b>Accounting.</b> {@link #consumedBits()} = hash-key bits + 128 per message tagged or checked;
 * since every message is tagged at one end and checked at the other, the two ends' totals agree once
 * the same messages have arrived. A pad is wiped when used; slots below the lowest unused one are
 * dropped from memory.
 *
 * <p>Not thread-safe. Key bits never appear in messages or {@link #toString}.
 */
public final class AuthenticationKeyPool {

    static final int PAD_BITS = 128;
    private static final int HASH_POINTS = 2;

    private final PolynomialHash hashKey;
    private final long hashKeyBits;
    private final long[] nextSequence = new long[Direction.values().length];
    private long[] stream = new long[16];
    private long firstWord;
    private long streamBits;
    private long suppliedBits;

    private AuthenticationKeyPool(PackedBits preShared) {
        long[] words = preShared.toWords();
        long[] points = new long[HASH_POINTS];
        int used = 0;
        for (int p = 0; p < HASH_POINTS; p++) {
            do {
                if (64L * (used + 1) > preShared.length()) {
                    throw new IllegalArgumentException("pre-shared key too short: " + preShared.length()
                            + " bits, the hash key alone needs at least " + 64 * HASH_POINTS);
                }
                points[p] = Mersenne61.uniformOrRejected(words[used++]);
            } while (points[p] < 0);
        }
        hashKey = new PolynomialHash(points[0], points[1]);
        hashKeyBits = 64L * used;
        suppliedBits = hashKeyBits;
        append(words, hashKeyBits, preShared.length() - hashKeyBits);
        Arrays.fill(words, 0L);
        Arrays.fill(points, 0L);
    }

    /** A pool bootstrapped from a pre-shared key of at least 16 bytes (bit i = bit i%8 of byte i/8). */
    public static AuthenticationKeyPool fromBytes(byte[] preSharedKey) {
        return new AuthenticationKeyPool(PackedBits.fromBytes(preSharedKey, 8 * preSharedKey.length));
    }

    /** A pool bootstrapped from a pre-shared key written as hex digits, two per byte. */
    public static AuthenticationKeyPool fromHex(String preSharedKeyHex) {
        int digits = preSharedKeyHex.length();
        if (digits % 2 != 0) {
            throw new IllegalArgumentException("pre-shared key: odd number of hex digits (" + digits + ")");
        }
        byte[] bytes = new byte[digits / 2];
        try {
            for (int i = 0; i < digits; i++) {
                int digit = Character.digit(preSharedKeyHex.charAt(i), 16);
                if (digit < 0) {
                    throw new IllegalArgumentException("pre-shared key: not a hex digit at position " + i);
                }
                bytes[i / 2] |= (byte) (digit << (i % 2 == 0 ? 4 : 0));
            }
            return fromBytes(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Appends QKD output to the pad stream. Both ends must replenish with the same bits in the same order. */
    public void replenish(PackedBits key) {
        long[] words = key.toWords();
        append(words, 0, key.length());
        Arrays.fill(words, 0L);
    }

    /** Whole pads still available to messages in {@code direction}. */
    public long availablePads(Direction direction) {
        long completeSlots = streamBits / PAD_BITS;
        long slotsOfDirection = (completeSlots - direction.ordinal() + 1) / 2;
        return Math.max(0, slotsOfDirection - nextSequence[direction.ordinal()]);
    }

    public long availableBits(Direction direction) {
        return availablePads(direction) * PAD_BITS;
    }

    /** The sequence number of the next message in {@code direction}: messages padded so far. */
    public long nextSequence(Direction direction) {
        return nextSequence[direction.ordinal()];
    }

    /** Pad bits used by messages in {@code direction}. */
    public long consumedBits(Direction direction) {
        return nextSequence[direction.ordinal()] * PAD_BITS;
    }

    /** Hash-key bits plus pad bits used in both directions. */
    public long consumedBits() {
        long total = hashKeyBits;
        for (Direction d : Direction.values()) {
            total += consumedBits(d);
        }
        return total;
    }

    /** Bits of the pad stream so far: everything after the hash key, then every replenishment. */
    public long streamBits() {
        return streamBits;
    }

    /** Pad-stream bits this pool still holds in memory: from the lowest slot either direction may yet use. */
    public long heldBits() {
        return streamBits - 64 * firstWord;
    }

    /** Whether the pad of message {@code sequence} in {@code direction} has arrived (used or not). */
    public boolean hasPad(Direction direction, long sequence) {
        return (2 * sequence + direction.ordinal() + 1) * PAD_BITS <= streamBits;
    }

    /**
     * Burns, unused, every pad of {@code direction} that starts before bit {@code streamBit} of the pad stream, as
     * if their messages had been lost (see {@link Authenticator}), and frees what no direction can use any more.
     * Both ends that burn the same pads stay in step; an end that burns the pads of messages the other end has
     * still to send refuses those messages as replays.
     */
    public void burnBefore(Direction direction, long streamBit) {
        int d = direction.ordinal();
        long firstKept = Math.max(nextSequence[d], Math.floorDiv(Math.floorDiv(streamBit + PAD_BITS - 1, PAD_BITS)
                - d + 1, 2));
        for (long sequence = nextSequence[d]; sequence < firstKept && hasPad(direction, sequence); sequence++) {
            int word = (int) (2 * (2 * sequence + d) - firstWord);
            stream[word] = 0;
            stream[word + 1] = 0;
        }
        nextSequence[d] = firstKept;
        makeRoom(streamBits);
    }

    /** Every bit the pool has received: the pre-shared key and all replenishments. */
    public long suppliedBits() {
        return suppliedBits;
    }

    PolynomialHash hashKey() {
        return hashKey;
    }

    /** The pad of the next message in {@code direction}; the pool moves on to the one after. */
    Pad takePad(Direction direction) {
        int d = direction.ordinal();
        long sequence = nextSequence[d];
        long slot = 2 * sequence + d;
        if ((slot + 1) * PAD_BITS > streamBits) {
            throw new AuthenticationKeyExhaustedException(direction, sequence);
        }
        int word = (int) (2 * slot - firstWord);
        Pad pad = new Pad(sequence, stream[word], stream[word + 1]);
        stream[word] = 0;
        stream[word + 1] = 0;
        nextSequence[d]++;
        return pad;
    }

    /** A one-time pad: 128 key bits for the message with this sequence number. */
    record Pad(long sequence, long first, long second) {

        @Override
        public String toString() {
            return "Pad[message " + sequence + "]";
        }
    }

    private void append(long[] src, long fromBit, long count) {
        makeRoom(streamBits + count);
        long local = streamBits - 64 * firstWord;
        for (long done = 0; done < count; ) {
            int offset = (int) ((local + done) & 63);
            int take = (int) Math.min(64 - offset, count - done);
            long chunk = bitsAt(src, fromBit + done) & (take == 64 ? -1L : (1L << take) - 1);
            stream[(int) ((local + done) >>> 6)] |= chunk << offset;
            done += take;
        }
        streamBits += count;
        suppliedBits += count;
    }

    private static long bitsAt(long[] src, long bit) {
        int w = (int) (bit >>> 6);
        int shift = (int) (bit & 63);
        long low = src[w] >>> shift;
        long high = shift != 0 && w + 1 < src.length ? src[w + 1] << (64 - shift) : 0;
        return low | high;
    }

    /** Drops the slots both directions are past, then grows the buffer if the stream still would not fit. */
    private void makeRoom(long totalBits) {
        long lowestLiveSlot = Math.min(2 * nextSequence[0], 2 * nextSequence[1] + 1);
        // Never past the last whole word of the stream, where the next replenishment starts writing (pads burnt
        // up to the stream's end may name slots not all of whose bits have arrived).
        int drop = (int) Math.min(2 * lowestLiveSlot - firstWord, streamBits / 64 - firstWord);
        if (drop > 0) {
            System.arraycopy(stream, drop, stream, 0, stream.length - drop);
            Arrays.fill(stream, stream.length - drop, stream.length, 0L);
            firstWord += drop;
        }
        long needed = (totalBits + 63) / 64 - firstWord;
        if (needed > stream.length) {
            long[] old = stream;
            stream = Arrays.copyOf(old, (int) Math.max(needed, 2L * old.length));
            Arrays.fill(old, 0L);
        }
    }

    @Override
    public String toString() {
        return "AuthenticationKeyPool[supplied " + suppliedBits + " bits, consumed " + consumedBits()
                + ", pads left a->b " + availablePads(Direction.A_TO_B) + ", b->a " + availablePads(Direction.B_TO_A)
                + "]";
    }
}
