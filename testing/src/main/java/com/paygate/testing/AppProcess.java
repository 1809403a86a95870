package com.paygate.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A packaged Quarkus application ({@code quarkus-run.jar}) as a child process listening on a port it chose itself
 * (port 0), so two test runs on one machine never collide and no port is picked, released and bound again (another
 * process can take it in between). The real port comes from the application's start line, "Listening on: ...".
 */
public final class AppProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Listening on: https?://[^\\s:]+:(\\d+)");

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;

    private AppProcess(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts {@code jar} with {@code env} (plus {@code QUARKUS_HTTP_PORT=0} unless it names a port), output to {@code log}, and returns once
     * it listens and {@code /q/health/ready} answers 200.
     */
    public static AppProcess start(String name, Path jar, Path workDir, Path log, Map<String, String> env, Duration timeout) {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build from the repository root (mvn verify builds it first)");
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        // A free port unless the caller names one (a restart on the port the providers were told).
        builder.environment().put("QUARKUS_HTTP_PORT", env.getOrDefault("QUARKUS_HTTP_PORT", "0"));
        try {
            Process process = builder.start();
            long deadline = System.nanoTime() + timeout.toNanos();
            int port = awaitPort(name, process, log, deadline);
            AppProcess app = new AppProcess(name, process, log, port);
            app.awaitReady(deadline);
            return app;
        } catch (IOException e) {
            throw new IllegalStateException("Could not start " + name, e);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    private static int awaitPort(String name, Process process, Path log, long deadline) {
        while (System.nanoTime() < deadline) {
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                for (String line : lines) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        return Integer.parseInt(m.group(1));
                    }
                }
            } catch (IOException | java.io.UncheckedIOException notYet) {
                // the log is being written
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited during start; see " + log);
            }
            pause();
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " did not start listening in time; see " + log);
    }

    private void awaitReady(long deadline) {
        HttpClient http = HttpClient.newHttpClient();
        URI health = URI.create(url() + "/q/health/ready");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited during start; see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not answering yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause();
        }
        close();
        throw new IllegalStateException(name + " was not ready in time; see " + log);
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL, as an OOM kill or a lost node does: no shutdown hook, nothing drained. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
