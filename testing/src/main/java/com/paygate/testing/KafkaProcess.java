package com.paygate.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A real single-node Kafka broker (KRaft) in its own process, from the jars {@code deploy/local/pay} fetches, that a
 * test may stop and start again on the same ports and data: the honest way to show what an outage does.
 * The shared test broker is never stopped; this one belongs to the test that made it.
 */
public final class KafkaProcess implements AutoCloseable {

    private final Path dir;
    private final Path libs;
    private final int port;
    private final int controllerPort;
    private Process process;

    private KafkaProcess(Path dir, Path libs, int port, int controllerPort) {
        this.dir = dir;
        this.libs = libs;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /**
     * Formats a fresh broker under {@code dir} and starts it. Its ports are picked free beforehand, not bound at 0: the
     * KRaft controller quorum and the advertised listener must be written into the broker's config before it starts,
     * and it is stopped and restarted on the same ports (the outage test). Another process could take a port in
     * between; the window is short, and a bind failure shows plainly in the broker's log.
     */
    public static KafkaProcess start(Path dir) throws IOException, InterruptedException {
        KafkaProcess kafka = new KafkaProcess(dir, locateLibs(), freePort(), freePort());
        kafka.format();
        kafka.startAgain();
        return kafka;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    /** Starts the broker on the same ports and data directory, and waits until it accepts connections. */
    public void startAgain() throws IOException, InterruptedException {
        process = java("kafka.Kafka", dir.resolve("server.properties").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("kafka.log").toFile()))
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(dir.resolve("kafka.log"), StandardCharsets.UTF_8).contains("Kafka Server started")
                    && accepts(port)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka exited during start; see " + dir.resolve("kafka.log"));
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Kafka did not start within 60 s; see " + dir.resolve("kafka.log"));
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private void format() throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("data"));
        String config = String.join("\n", List.of(
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=1",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0")) + "\n";
        Files.writeString(dir.resolve("server.properties"), config, StandardCharsets.UTF_8);
        String clusterId = UUID.randomUUID().toString().replace("-", "").substring(0, 22);
        Process format = java("kafka.tools.StorageTool", "format", "-t", clusterId, "-c", dir.resolve("server.properties").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("format.log").toFile())
                .start();
        if (format.waitFor() != 0) {
            throw new IllegalStateException("Kafka storage format failed; see " + dir.resolve("format.log"));
        }
    }

    private ProcessBuilder java(String mainClass, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path logConfig = d.resolve("deploy/local/kafka/log4j2.properties");
            if (Files.exists(logConfig)) {
                command.add("-Dlog4j2.configurationFile=" + logConfig);
                break;
            }
        }
        command.addAll(List.of("-cp", libs.resolve("*").toString(), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    /** The broker jars: {@code PAY_KAFKA_LIBS}, or {@code .local/kafka-libs} of the repository (deploy/local/pay fetches them). */
    private static Path locateLibs() {
        String configured = System.getenv("PAY_KAFKA_LIBS");
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path libs = d.resolve(".local/kafka-libs");
            if (Files.exists(libs.resolve(".complete"))) {
                return libs;
            }
        }
        throw new IllegalStateException("Kafka broker jars not found: run the tests through deploy/local/pay test");
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
