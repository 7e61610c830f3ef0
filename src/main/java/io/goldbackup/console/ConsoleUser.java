package io.goldbackup.console;

import io.goldbackup.security.Actor;
import io.goldbackup.security.Roles;
import io.quarkus.qute.TemplateData;

/**
 * The person signed in to the console and what the pages offer them. The pages only leave out controls a role
 * cannot use; every console endpoint checks the role itself.
 *
 * @param name the preferred user name (the subject when the provider sends none)
 * @param operator may create and verify backups and run dry runs (backup-operator, or admin)
 * @param admin may restore, delete and clean up (backup-admin)
 */
@TemplateData
public record ConsoleUser(String name, boolean operator, boolean admin) {

    static ConsoleUser of(Actor actor) {
        return new ConsoleUser(actor.name(), actor.roles().contains(Roles.OPERATOR),
                actor.roles().contains(Roles.ADMIN));
    }

    /** The highest role, in words. */
    public String roleLabel() {
        return admin ? "admin" : operator ? "operator" : "viewer";
    }
}
