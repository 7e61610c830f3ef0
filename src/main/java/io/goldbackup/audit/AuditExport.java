package io.goldbackup.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.goldbackup.web.InvalidInputException;

/**
 * The formats an export of the audit trail is written in, row by row as the cursor reads them: nothing is held in
 * memory but the row being written.
 */
public enum AuditExport {
    /** RFC 4180 CSV with a header line; the parameters as their JSON text. */
    CSV("csv", "text/csv; charset=UTF-8"),
    /** A JSON array of the events as the API lists them. */
    JSON("json", "application/json");

    private static final List<String> HEADER = List.of("id", "occurredAt", "actor", "actorName", "roles", "action",
            "target", "outcome", "durationMs", "operationId", "detail", "parameters");

    private final String wire;
    private final String mediaType;

    AuditExport(String wire, String mediaType) {
        this.wire = wire;
        this.mediaType = mediaType;
    }

    /** The format named {@code value}, JSON when absent; a 400 naming {@code field} otherwise. */
    public static AuditExport fromWire(String field, String value) {
        if (value == null || value.isBlank()) {
            return JSON;
        }
        return Arrays.stream(values()).filter(f -> f.wire.equals(value.trim())).findFirst()
                .orElseThrow(() -> new InvalidInputException(field, "must be one of csv, json"));
    }

    public String mediaType() {
        return mediaType;
    }

    /** The file name a browser saves the export as. */
    public String fileName() {
        return "audit-events." + wire;
    }

    /** A writer of one export onto {@code out}: open it, hand it each row, close it. */
    Sink open(OutputStream out, ObjectMapper json) throws IOException {
        return this == CSV ? new CsvSink(out) : new JsonSink(out, json);
    }

    /** One export being written. */
    interface Sink extends AutoCloseable {
        void write(AuditEventRepository.Row row) throws IOException;

        @Override
        void close() throws IOException;
    }

    private static final class CsvSink implements Sink {
        private final Writer out;

        CsvSink(OutputStream stream) throws IOException {
            out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
            line(HEADER);
        }

        @Override
        public void write(AuditEventRepository.Row r) throws IOException {
            line(Arrays.asList(String.valueOf(r.id()), r.occurredAt().toString(), r.actor(), r.actorName(),
                    String.join(" ", r.roles()), r.action(), r.target(), r.outcome(),
                    r.durationMs() == null ? null : String.valueOf(r.durationMs()), r.operationId(), r.detail(),
                    r.parameters()));
        }

        private void line(List<String> cells) throws IOException {
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(cell(cells.get(i)));
            }
            out.write("\r\n");
        }

        /**
         * A quoted cell. Text a spreadsheet would take for a formula (=, +, -, @ first) gets a leading apostrophe:
         * names and details come from people and must not run as formulas in the auditor's spreadsheet.
         */
        private static String cell(String value) {
            if (value == null) {
                return "";
            }
            String v = value;
            if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
                v = "'" + v;
            }
            return '"' + v.replace("\"", "\"\"") + '"';
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    private static final class JsonSink implements Sink {
        private final JsonGenerator out;

        JsonSink(OutputStream stream, ObjectMapper json) throws IOException {
            out = json.getFactory().createGenerator(stream);
            out.writeStartArray();
        }

        @Override
        public void write(AuditEventRepository.Row r) throws IOException {
            out.writeStartObject();
            out.writeNumberField("id", r.id());
            out.writeStringField("occurredAt", r.occurredAt().toString());
            out.writeStringField("actor", r.actor());
            out.writeStringField("actorName", r.actorName());
            out.writeArrayFieldStart("roles");
            for (String role : r.roles()) {
                out.writeString(role);
            }
            out.writeEndArray();
            out.writeStringField("action", r.action());
            out.writeStringField("target", r.target());
            // The column is jsonb: its text is JSON already.
            out.writeFieldName("parameters");
            out.writeRawValue(r.parameters());
            out.writeStringField("outcome", r.outcome());
            if (r.durationMs() == null) {
                out.writeNullField("durationMs");
            } else {
                out.writeNumberField("durationMs", r.durationMs());
            }
            out.writeStringField("operationId", r.operationId());
            out.writeStringField("detail", r.detail());
            out.writeEndObject();
        }

        @Override
        public void close() throws IOException {
            out.writeEndArray();
            out.flush();
        }
    }
}
