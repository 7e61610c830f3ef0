package io.goldbackup.restore;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.goldbackup.gamestate.StakeAddress;
import io.goldbackup.web.InvalidInputException;
import io.goldbackup.web.Problem;

/** The rule for the wallets a restore names. */
final class RestoreTargets {

    /** How many bad addresses one answer lists at most. */
    static final int MAX_VIOLATIONS = 20;

    private RestoreTargets() {
    }

    /**
     * The named wallets, validated: every address a valid stake address, none twice, at most {@code max}; sorted.
     * Null means all wallets of the backup.
     *
     * @throws InvalidInputException naming {@code targetWallets} or each bad {@code targetWallets[i]}
     */
    static List<String> validate(List<String> targetWallets, int max) {
        if (targetWallets == null) {
            return null;
        }
        if (targetWallets.isEmpty()) {
            throw new InvalidInputException("targetWallets",
                    "must name at least one wallet; leave it out to restore every wallet of the backup");
        }
        if (targetWallets.size() > max) {
            throw new InvalidInputException("targetWallets",
                    "must name at most " + max + " wallets; restore every wallet of the backup for more");
        }
        List<Problem.Violation> violations = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < targetWallets.size() && violations.size() < MAX_VIOLATIONS; i++) {
            String address = targetWallets.get(i);
            String field = "targetWallets[" + i + "]";
            Optional<String> problem = StakeAddress.problem(address);
            if (problem.isPresent()) {
                violations.add(new Problem.Violation(field, problem.get()));
            } else if (!seen.add(address)) {
                violations.add(new Problem.Violation(field, "is listed twice"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return targetWallets.stream().sorted().toList();
    }
}
