package io.scopecloud.probe;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import io.scopecloud.probe.cli.Launcher;
import io.scopecloud.probe.cli.PidFile;
import io.scopecloud.probe.cli.ProbeConfig;
import io.scopecloud.probe.cli.ProbeFlags;
import io.scopecloud.probe.cli.StatusFile;
import io.scopecloud.probe.cli.UsageException;
import io.scopecloud.probe.kubernetes.ClientConfigs;
import io.scopecloud.probe.net.ProbeIdentity;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/**
 * The {@code scope} command: {@code launch} (background), {@code run} (foreground), {@code stop},
 * {@code status}, {@code version}, {@code help}. A plain main: the probe has no framework.
 */
public final class ProbeMain {
    private ProbeMain() {}

    public static void main(String[] args) {
        int code = run(Arrays.asList(args), System.getenv(), System.out, System.err);
        if (code != Integer.MIN_VALUE) {
            System.exit(code);
        }
    }

    /** Runs a command; returns the exit code ({@code MIN_VALUE}: the probe runs until stopped). */
    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        String command = args.isEmpty() ? "help" : args.get(0);
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        try {
            return switch (command) {
                case "launch" -> {
                    ProbeConfig config = ProbeFlags.parse(rest, env);
                    yield config.foreground()
                            ? runForeground(config, env)
                            : new Launcher(out, env, Duration.ofSeconds(8)).launch(config);
                }
                case "run" -> runForeground(ProbeFlags.parse(rest, env), env);
                case "stop" -> new Launcher(out, env, Duration.ZERO).stop(ProbeFlags.parse(rest, env, false));
                case "status" -> new Launcher(out, env, Duration.ZERO).status(ProbeFlags.parse(rest, env, false));
                case "version" -> {
                    out.println("Scope Cloud probe " + ProbeVersion.get());
                    yield 0;
                }
                case "help", "-h", "--help" -> {
                    out.print(usage());
                    yield 0;
                }
                default -> {
                    err.println("scope: unknown command \"" + command + "\"\n");
                    err.print(usage());
                    yield 2;
                }
            };
        } catch (UsageException e) {
            err.println("scope: " + e.getMessage());
            return 2;
        } catch (ClientConfigs.ConfigException e) {
            err.println("scope: Kubernetes: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("scope: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static int runForeground(ProbeConfig config, Map<String, String> env) throws IOException {
        configureLogging(config.logLevel());
        ProbeIdentity identity = ProbeIdentity.generate(config.token(), ProbeVersion.get());
        long pid = ProcessHandle.current().pid();
        StatusFile status = new StatusFile(
                config.statusFile(),
                pid,
                identity.probeId(),
                config.serviceUrl().toString(),
                identity.version(),
                Clock.systemUTC().instant());
        try {
            PidFile.write(config.pidFile(), pid);
            status.write();
        } catch (IOException | RuntimeException e) {
            LoggerFactory.getLogger(ProbeMain.class)
                    .warn("cannot write the pid or status file in {}: {}", config.stateDir(), e.toString());
        }
        ProbeAgent agent;
        try {
            agent = new ProbeAgent(config, identity, env, status);
        } catch (ClientConfigs.ConfigException e) {
            PidFile.removeIfOwned(config.pidFile(), pid);
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            agent.close();
                            PidFile.removeIfOwned(config.pidFile(), pid);
                            stopped.countDown();
                        },
                        "scope-shutdown"));
        agent.start();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Integer.MIN_VALUE;
    }

    /** Console logging, configured here rather than by a logback.xml that would leak into other modules. */
    static void configureLogging(String level) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level <probe> %logger{0}: %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setEncoder(encoder);
        console.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(console);
        root.setLevel(Level.toLevel(level, Level.INFO));
    }

    static String usage() {
        return """
                Usage: scope <command> [flags] [service-url]

                Commands:
                  launch   start the probe in the background (pid file, log) and report to Scope Cloud
                  run      run the probe in the foreground (same as launch --no-daemon)
                  stop     stop the background probe
                  status   say whether the probe runs and whether its reports get through
                  version  print the probe's version

                Example:
                  scope launch --service-token=<token> --service-url=https://scope.example.com

                Flags:
                """
                + ProbeFlags.help();
    }
}
