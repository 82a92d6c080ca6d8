package io.scopecloud.probe.docker;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * The container engine as the probe uses it: the Docker Engine API calls Scope's Docker
 * integration makes. {@link DockerEngineClient} speaks it over the engine's UNIX socket (Docker,
 * or podman's compatible service); tests of the registry and controls use a hand-written fake.
 * Every call may throw {@link EngineException} (the engine answered with an error status) or
 * another {@link IOException} (it could not be reached).
 */
public interface RuntimeApi {

    /** {@code GET /version}: the engine's name and API version, for logs. */
    String version() throws IOException;

    /** {@code GET /containers/json?all=1}: the ids of every container, running or not. */
    List<String> containerIds() throws IOException;

    /** {@code GET /containers/{id}/json}; empty if there is no such container. */
    Optional<DockerContainer> inspect(String id) throws IOException;

    /** {@code GET /images/json}. */
    List<DockerImage> images() throws IOException;

    /** {@code GET /networks}. */
    List<DockerNetwork> networks() throws IOException;

    /** {@code GET /containers/{id}/stats?stream=false&one-shot=true}: one reading, without waiting. */
    StatsSample stats(String id) throws IOException;

    /** {@code GET /events}: the engine's event stream, from now on. */
    EventStream events() throws IOException;

    void stop(String id, int timeoutSeconds) throws IOException;

    void start(String id) throws IOException;

    void restart(String id, int timeoutSeconds) throws IOException;

    void pause(String id) throws IOException;

    void unpause(String id) throws IOException;

    void remove(String id) throws IOException;

    /** {@code POST /containers/{id}/attach}: the container's stdin, stdout and stderr. */
    RawStream attach(String id, boolean tty) throws IOException;

    /** {@code POST /containers/{id}/exec}; returns the exec id. */
    String createExec(String id, List<String> command, boolean tty) throws IOException;

    /** {@code POST /exec/{id}/start}, hijacked: the process's stdin and output. */
    RawStream startExec(String execId, boolean tty) throws IOException;

    /** {@code POST /exec/{id}/resize}. */
    void resizeExec(String execId, int height, int width) throws IOException;

    /** {@code GET /containers/{id}/logs?follow=1}: the last {@code tail} lines, then new ones as they come. */
    RawStream logs(String id, boolean tty, int tail) throws IOException;

    /** A stream of events; {@link #close()} from another thread ends a blocked {@link #next()}. */
    interface EventStream extends Closeable {
        /** The next event; null when the stream has ended. */
        EngineEvent next() throws IOException;

        @Override
        void close();
    }

    /**
     * A process's streams inside a container. Output is already demultiplexed when there is no
     * TTY. {@link #close()} ends the attachment (and a blocked read).
     */
    interface RawStream extends Closeable {
        InputStream output();

        /** Where keystrokes go; null when the stream has no stdin (logs). */
        OutputStream input();

        @Override
        void close();
    }
}
