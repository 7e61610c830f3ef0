-- The audit trail: one row per operation, who did it, with what, and how it ended. Append-only in the database
-- itself: a trigger refuses UPDATE, DELETE and TRUNCATE, whoever asks.

CREATE TABLE audit_events (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at  timestamptz NOT NULL DEFAULT now(),
    actor        text NOT NULL,
    actor_name   text,
    roles        text[] NOT NULL DEFAULT '{}',
    action       text NOT NULL,
    target       text,
    parameters   jsonb NOT NULL DEFAULT '{}'::jsonb,
    outcome      text NOT NULL,
    duration_ms  bigint,
    operation_id text NOT NULL,
    detail       text
);

CREATE INDEX audit_events_occurred_idx ON audit_events (occurred_at DESC, id DESC);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_events_no_update_delete
    BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

CREATE TRIGGER audit_events_no_truncate
    BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
