-- The upgrade from the layout before the service had a schema of its own, when every table (the game's and the
-- service's, and Flyway's history) lived in public. On a new installation this does nothing.
--
-- On an old one, V2 to V8 have just created empty service tables here (Flyway runs in the service's schema, which
-- starts empty); this drops them and moves the old ones in their place, with every row, index, constraint, identity
-- sequence and trigger (ALTER ... SET SCHEMA moves a table's owned objects with it and copies nothing, so it is as
-- quick for a hundred million backup rows as for none). The game's tables stay where they are, untouched, and the old
-- history is kept here under another name, for the record. It must run as the role that owns the old tables.
DO $$
DECLARE
    here   text := current_schema();
    old    integer;
    t      record;
BEGIN
    IF here = 'public' OR to_regclass('public.gold_backups') IS NULL
            OR to_regclass('public.flyway_schema_history') IS NULL THEN
        RETURN;
    END IF;
    EXECUTE 'SELECT max(version::integer) FROM public.flyway_schema_history WHERE success AND version ~ ''^[0-9]+$'''
        INTO old;
    IF old IS NULL OR old <> 8 THEN
        RAISE EXCEPTION 'public holds the service''s tables at migration version %, not 8: start the release before the schema move once against this database (it migrates them to version 8), then this one', old;
    END IF;

    DROP TABLE gold_backup_wallets, gold_backups, restore_run_targets, restore_runs, audit_events, offsite_copies;
    DROP FUNCTION audit_events_append_only();

    EXECUTE format('ALTER FUNCTION public.audit_events_append_only() SET SCHEMA %I', here);
    -- The tables, then every backup partition, attached or not (a partition is a table of its own).
    FOR t IN
        SELECT c.relname FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
          AND (c.relname IN ('gold_backups', 'gold_backup_wallets', 'restore_runs', 'restore_run_targets',
                             'audit_events', 'offsite_copies')
               OR c.relname ~ '^gold_backup_wallets_[0-9]+$')
        ORDER BY c.relname
    LOOP
        EXECUTE format('ALTER TABLE public.%I SET SCHEMA %I', t.relname, here);
    END LOOP;
    -- The old history and its indexes take other names: Flyway's own history here uses theirs.
    FOR t IN
        SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
        WHERE x.indrelid = 'public.flyway_schema_history'::regclass
    LOOP
        EXECUTE format('ALTER INDEX public.%I RENAME TO %I', t.relname, t.relname || '_public_layout');
    END LOOP;
    ALTER TABLE public.flyway_schema_history RENAME TO flyway_schema_history_public_layout;
    EXECUTE format('ALTER TABLE public.flyway_schema_history_public_layout SET SCHEMA %I', here);
    RAISE NOTICE 'Moved the service''s tables from public to %', here;
END;
$$;
