-- One audit event per operation: the event of an operation is retried until the database takes it, and a retry
-- whose earlier try was written after all (its answer lost) must not write it twice.
CREATE UNIQUE INDEX audit_events_operation_id_idx ON audit_events (operation_id);
