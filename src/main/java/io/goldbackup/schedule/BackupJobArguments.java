package io.goldbackup.schedule;

import java.util.List;
import java.util.regex.Pattern;

import io.goldbackup.backup.BackupType;
import io.goldbackup.backup.CreateBackupRequest;
import io.goldbackup.web.TextRules;

/**
 * The arguments of the one-shot backup, {@code job backup --type T [--description D]} (each option also as
 * {@code --type=T}), checked as the API checks {@code POST /backups}: the type one of {@code pre_update},
 * {@code pre_migration}, {@code emergency} and {@code manual}; the description at most
 * {@link CreateBackupRequest#MAX_NAME_LENGTH} characters on one line. It is the backup's name as the API's
 * {@code backupName} is ("Pre-migration release 1.2"). {@code auto_daily} is refused: the daily backup is
 * {@code job daily-backup}, once per UTC day.
 *
 * @param type the backup type
 * @param description the description, or null for none (the name is then the type and the time)
 */
public record BackupJobArguments(BackupType type, String description) {

    /** The command line, for the usage message. */
    public static final String USAGE = "job backup --type TYPE [--description TEXT]";

    /** What {@link #USAGE}'s placeholders stand for. */
    public static final String USAGE_DETAIL = "TYPE is pre_update, pre_migration, emergency or manual; TEXT names "
            + "the backup, at most " + CreateBackupRequest.MAX_NAME_LENGTH + " characters on one line";

    private static final Pattern ONE_LINE = Pattern.compile(TextRules.NAME);

    /** Arguments that do not make a backup; the message names the option. */
    public static final class InvalidArguments extends RuntimeException {

        InvalidArguments(String message) {
            super(message);
        }
    }

    /**
     * Parses the arguments after {@code job backup}.
     *
     * @throws InvalidArguments for an unknown, repeated or incomplete option, a missing or refused type, or a
     *         description the API would refuse
     */
    public static BackupJobArguments parse(List<String> args) {
        String type = null;
        String description = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            int eq = arg.indexOf('=');
            String option = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
            if (!option.equals("--type") && !option.equals("--description")) {
                throw new InvalidArguments("unknown argument " + quoted(arg));
            }
            String value;
            if (eq > 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new InvalidArguments(option + " needs a value");
            }
            if (option.equals("--type")) {
                if (type != null) {
                    throw new InvalidArguments("--type given twice");
                }
                type = value;
            } else {
                if (description != null) {
                    throw new InvalidArguments("--description given twice");
                }
                description = value;
            }
        }
        return new BackupJobArguments(type(type), description(description));
    }

    private static BackupType type(String value) {
        if (value == null) {
            throw new InvalidArguments("--type is required");
        }
        if (BackupType.AUTO_DAILY.wire().equals(value)) {
            throw new InvalidArguments("--type auto_daily is the daily backup: run `job daily-backup` (one per UTC "
                    + "day, named for the day)");
        }
        for (BackupType type : BackupType.values()) {
            if (type.wire().equals(value)) {
                return type;
            }
        }
        throw new InvalidArguments("--type must be one of pre_update, pre_migration, emergency, manual, not "
                + quoted(value));
    }

    private static String description(String value) {
        if (value == null) {
            return null;
        }
        if (value.length() > CreateBackupRequest.MAX_NAME_LENGTH) {
            throw new InvalidArguments("--description must be at most " + CreateBackupRequest.MAX_NAME_LENGTH
                    + " characters (it has " + value.length() + ")");
        }
        if (!ONE_LINE.matcher(value).matches()) {
            throw new InvalidArguments("--description " + TextRules.NAME_MESSAGE);
        }
        return value;
    }

    /** A value for the log: control characters would garble it. */
    private static String quoted(String value) {
        String shown = value.length() > 60 ? value.substring(0, 60) + "..." : value;
        return "'" + shown.replaceAll("\\p{Cc}", "?") + "'";
    }
}
