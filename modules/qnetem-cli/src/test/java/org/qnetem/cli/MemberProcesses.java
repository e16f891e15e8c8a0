package org.qnetem.cli;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** {@code qnetem node} members in JVMs of their own on loopback, as an operator would start them. */
final class MemberProcesses implements AutoCloseable {

    private final Path logs;
    private final List<Process> members = new ArrayList<>();

    MemberProcesses(Path logs) {
        this.logs = logs;
    }

    /** Starts member {@code index}, its output in {@code member-INDEX.out} and {@code .err} under the logs. */
    Process start(int index, String seeds, int arteryPort, int managementPort, String... systemProperties)
            throws IOException {
        // The test classes' application.conf turns serialize-messages on for in-JVM tests; a member is a
        // production process, so it gets the main classpath only.
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-cp", classpath));
        for (String property : systemProperties) {
            command.add("-D" + property);
        }
        command.addAll(List.of("org.qnetem.cli.Qnetem", "node", "--seed-nodes", seeds, "--host", "127.0.0.1",
                "--port", String.valueOf(arteryPort), "--management-port", String.valueOf(managementPort)));
        Process member = new ProcessBuilder(command)
                .redirectOutput(logs.resolve("member-" + index + ".out").toFile())
                .redirectError(logs.resolve("member-" + index + ".err").toFile())
                .start();
        members.add(member);
        return member;
    }

    Process get(int index) {
        return members.get(index);
    }

    Path log(int index, String suffix) {
        return logs.resolve("member-" + index + "." + suffix);
    }

    @Override
    public void close() throws InterruptedException {
        for (Process member : members) {
            member.destroyForcibly();
            member.waitFor(30, TimeUnit.SECONDS);
        }
    }

    static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }
}
