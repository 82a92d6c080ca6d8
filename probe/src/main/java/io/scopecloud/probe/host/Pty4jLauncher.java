package io.scopecloud.probe.host;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import com.pty4j.WinSize;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * {@link HostExec.PtyLauncher} on JetBrains' pty4j: {@code openpty} and {@code fork/exec} in its
 * native helper, the window size through {@code TIOCSWINSZ} (which also sends the shell
 * {@code SIGWINCH}).
 */
public final class Pty4jLauncher implements HostExec.PtyLauncher {
    @Override
    public HostExec.Pty start(List<String> command, Map<String, String> environment, int columns, int rows)
            throws IOException {
        PtyProcess process = new PtyProcessBuilder(command.toArray(new String[0]))
                .setEnvironment(environment)
                .setInitialColumns(columns)
                .setInitialRows(rows)
                .setRedirectErrorStream(true)
                .setConsole(false)
                .start();
        return new HostExec.Pty() {
            @Override
            public InputStream output() {
                return process.getInputStream();
            }

            @Override
            public OutputStream input() {
                return process.getOutputStream();
            }

            @Override
            public void resize(int newColumns, int newRows) {
                process.setWinSize(new WinSize(newColumns, newRows));
            }

            @Override
            public void kill() {
                process.destroyForcibly();
                try {
                    process.getInputStream().close();
                    process.getOutputStream().close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        };
    }
}
