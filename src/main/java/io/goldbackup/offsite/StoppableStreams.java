package io.goldbackup.offsite;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import io.goldbackup.operation.ShutdownGuard;

/**
 * Streams that end a copy or an import when the instance is stopping: the next write or read fails, the upload is
 * aborted or the import's transaction rolled back, and the copy or import is recorded as failed, so that a stop leaves
 * nothing {@code running}. A volatile read per buffer costs nothing beside the bytes.
 */
final class StoppableStreams {

    private StoppableStreams() {
    }

    static OutputStream output(OutputStream out, ShutdownGuard shutdown) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                check(shutdown);
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                check(shutdown);
                out.write(b, off, len);
            }
        };
    }

    static InputStream input(InputStream in, ShutdownGuard shutdown) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                check(shutdown);
                return super.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                check(shutdown);
                return super.read(b, off, len);
            }
        };
    }

    private static void check(ShutdownGuard shutdown) throws IOException {
        if (shutdown.cancelling()) {
            throw new IOException("cancelled: the service is stopping");
        }
    }
}
