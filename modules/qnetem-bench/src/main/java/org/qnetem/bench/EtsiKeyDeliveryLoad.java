package org.qnetem.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.qnetem.kms.http.EtsiKmeServer;
import org.qnetem.kms.pki.PkiFiles;
import org.qnetem.kms.pki.PkiIssuer;
import org.qnetem.kms.pki.PkiRole;
import org.qnetem.kms.pki.PkiTls;

/**
 * enc_keys + dec_keys pairs per second and their latency over loopback mutual TLS, against one KME's
 * {@link EtsiKmeServer} in this JVM with {@link InMemoryKeyDelivery} behind it. Each of W workers holds
 * two keep-alive TLS connections, one with the master SAE's certificate and one with the slave's, and
 * loops: {@code POST enc_keys} (one 256-bit key) as master, then {@code POST dec_keys} for that key as
 * slave, checking that both got the same key. The client is a minimal HTTP/1.1 writer and reader over
 * {@link SSLSocket}, so that on a small machine the load generator takes as little CPU from the server
 * as it can.
 *
 * <p>Run: {@code java -cp modules/qnetem-bench/target/benchmarks.jar org.qnetem.bench.EtsiKeyDeliveryLoad
 * [workers=4] [warm-up seconds=10] [measured seconds=20]}. Bounded: it stops by itself after warm-up plus
 * measurement, and only talks to 127.0.0.1.
 */
public final class EtsiKeyDeliveryLoad {

    private static final String KME = "BENCH-KME";
    private static final String MASTER = "bench-master";
    private static final String SLAVE = "bench-slave";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_LATENCY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private EtsiKeyDeliveryLoad() {
    }

    public static void main(String[] args) throws Exception {
        int workers = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int warmUpSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int measuredSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Path directory = Files.createTempDirectory("qnetem-etsi-bench");
        PkiFiles pki = new PkiFiles(directory);
        PkiIssuer.issue(directory, List.of(KME), List.of(MASTER, SLAVE), List.of(), false);
        ActorSystem system = ActorSystem.create("etsi-bench");
        try {
            ServerBinding binding = EtsiKmeServer.bind(system, new InMemoryKeyDelivery(KME), "127.0.0.1", 0, pki, KME)
                    .toCompletableFuture().get();
            int port = binding.localAddress().getPort();
            SSLContext masterTls = PkiTls.context(pki, PkiRole.SAE, MASTER);
            SSLContext slaveTls = PkiTls.context(pki, PkiRole.SAE, SLAVE);
            Recorder enc = new Recorder(MAX_LATENCY_NANOS, 3);
            Recorder dec = new Recorder(MAX_LATENCY_NANOS, 3);
            AtomicLong pairs = new AtomicLong();
            AtomicLong mismatches = new AtomicLong();
            long start = System.nanoTime();
            long measureFrom = start + TimeUnit.SECONDS.toNanos(warmUpSeconds);
            long stopAt = measureFrom + TimeUnit.SECONDS.toNanos(measuredSeconds);
            List<Thread> threads = new ArrayList<>();
            List<Throwable> failures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                Thread thread = new Thread(() -> {
                    try (Connection master = new Connection(masterTls, port);
                         Connection slave = new Connection(slaveTls, port)) {
                        work(master, slave, measureFrom, stopAt, enc, dec, pairs, mismatches);
                    } catch (Exception | AssertionError e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                    }
                }, "etsi-load-" + w);
                thread.start();
                threads.add(thread);
            }
            Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(measureFrom - System.nanoTime())));
            enc.reset();
            dec.reset();
            long cpuFrom = processCpuNanos();
            for (Thread thread : threads) {
                thread.join();
            }
            long cpu = processCpuNanos() - cpuFrom;
            if (!failures.isEmpty()) {
                throw new IllegalStateException("a worker failed", failures.get(0));
            }
            report(workers, measuredSeconds, pairs.get(), mismatches.get(), cpu, enc.getIntervalHistogram(),
                    dec.getIntervalHistogram());
            binding.unbind().toCompletableFuture().get();
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get();
            for (String name : directory.toFile().list()) {
                Files.delete(directory.resolve(name));
            }
            Files.delete(directory);
        }
    }

    private static void work(Connection master, Connection slave, long measureFrom, long stopAt, Recorder enc,
                             Recorder dec, AtomicLong pairs, AtomicLong mismatches) throws IOException {
        byte[] request = "{\"number\":1,\"size\":256}".getBytes(StandardCharsets.US_ASCII);
        String encPath = "/api/v1/keys/" + SLAVE + "/enc_keys";
        String decPath = "/api/v1/keys/" + MASTER + "/dec_keys";
        while (true) {
            long t0 = System.nanoTime();
            if (t0 >= stopAt) {
                return;
            }
            byte[] container = master.post(encPath, request);
            long t1 = System.nanoTime();
            JsonNode key = JSON.readTree(container).get("keys").get(0);
            byte[] ids = ("{\"key_IDs\":[{\"key_ID\":\"" + key.get("key_ID").textValue() + "\"}]}")
                    .getBytes(StandardCharsets.US_ASCII);
            long t2 = System.nanoTime();
            byte[] delivered = slave.post(decPath, ids);
            long t3 = System.nanoTime();
            if (!Arrays.equals(container, delivered)) {
                mismatches.incrementAndGet();
            }
            enc.recordValue(Math.min(t1 - t0, MAX_LATENCY_NANOS));
            dec.recordValue(Math.min(t3 - t2, MAX_LATENCY_NANOS));
            if (t0 >= measureFrom) {
                pairs.incrementAndGet();
            }
        }
    }

    /** CPU time of this whole JVM (server, client and the rest), which a busy machine does not inflate. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void report(int workers, int seconds, long pairs, long mismatches, long cpuNanos, Histogram enc,
                               Histogram dec) {
        Histogram both = enc.copy();
        both.add(dec);
        System.out.printf(Locale.ROOT, "ETSI GS QKD 014 over loopback mutual TLS: %d workers x 2 keep-alive connections,"
                + " %d s measured, %d cores, load average %.2f%n", workers, seconds,
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
        System.out.printf(Locale.ROOT, "pairs/s %.0f   requests/s %.0f   key mismatches %d%n",
                pairs / (double) seconds, 2 * pairs / (double) seconds, mismatches);
        System.out.printf(Locale.ROOT, "JVM CPU per request (server + client): %.1f us, %.2f cores busy%n",
                cpuNanos / 1e3 / Math.max(1, 2 * pairs), cpuNanos / 1e9 / seconds);
        latency("enc_keys", enc);
        latency("dec_keys", dec);
        latency("both", both);
        if (mismatches > 0) {
            throw new IllegalStateException(mismatches + " pairs delivered different keys to their two ends");
        }
    }

    private static void latency(String name, Histogram h) {
        System.out.printf(Locale.ROOT, "%-9s latency ms: p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f%n", name,
                h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(90) / 1e6, h.getValueAtPercentile(99) / 1e6,
                h.getValueAtPercentile(99.9) / 1e6, h.getMaxValue() / 1e6);
    }

    /** One keep-alive HTTP/1.1 connection over TLS with one SAE's certificate. */
    private static final class Connection implements AutoCloseable {

        private final SSLSocket socket;
        private final OutputStream out;
        private final InputStream in;
        private final String host;

        Connection(SSLContext tls, int port) throws IOException {
            socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            socket.startHandshake();
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 16384);
            host = "127.0.0.1:" + port;
        }

        /** POSTs {@code body} and returns the 200 response's body; anything else is a failure of the run. */
        byte[] post(String path, byte[] body) throws IOException {
            byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] request = Arrays.copyOf(head, head.length + body.length);
            System.arraycopy(body, 0, request, head.length, body.length);
            out.write(request);
            out.flush();
            String status = line();
            int length = -1;
            for (String header = line(); !header.isEmpty(); header = line()) {
                if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    length = Integer.parseInt(header.substring(15).trim());
                }
            }
            if (length < 0) {
                throw new IOException("no Content-Length in the answer to " + path);
            }
            byte[] response = in.readNBytes(length);
            if (!status.startsWith("HTTP/1.1 200 ")) {
                throw new IOException(path + ": " + status + " " + new String(response, StandardCharsets.UTF_8));
            }
            return response;
        }

        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(64);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("the server closed the connection");
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.US_ASCII);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
