// Restore page: the dry run's plan (a fragment the server renders; its address, ?plan=<run id>, reopens it), the
// confirmation (the backup's name, typed), the restore through the console's JSON endpoint with its progress, the
// result with its undo link, and the restore log (a fragment).
import {
    Problem, busy, call, el, fragment, markInvalid, num, place, show, showProblem, whilePolling
} from './common.js';

// A hint only, while typing: the server checks each address in full (bech32 checksum, header, network), and its
// answer to the dry run names the wrong ones.
const SHAPE = /^stake(_test)?1[0-9a-z]+$/;

function parseWallets(text) {
    return text.split(/[\s,;]+/).filter(s => s.length > 0);
}

function shortened(address) {
    return address.length > 24 ? address.substring(0, 24) + '…' : address;
}

async function refreshLog() {
    try {
        place(document.getElementById('restore-log'), await fragment('GET', '/console/fragments/restore-runs'));
    } catch (e) {
        // The log stays as it was; the result above says what happened.
    }
}

const form = document.getElementById('restore-form');
if (form) {
    const select = document.getElementById('restore-backup');
    const wallets = document.getElementById('restore-wallets');
    const recreate = document.getElementById('restore-deleted');
    const feedback = document.getElementById('restore-wallets-feedback');
    const dryRun = document.getElementById('dry-run');
    const planSection = document.getElementById('restore-plan');
    const planBody = document.getElementById('plan-body');
    const confirm = document.getElementById('confirm-form');
    const danger = document.getElementById('restore-danger');
    const confirmName = document.getElementById('confirm-name');
    const code = document.getElementById('confirmation-code');
    const restoreButton = document.getElementById('restore');
    const progress = document.getElementById('restore-progress');
    const result = document.getElementById('restore-result');
    let plan = null;

    /** The plan the page shows ({@code shown}: the fragment's first element), for the restore to send back. */
    function adopt(shown, targetWallets) {
        plan = { backupId: Number(shown.dataset.backupId), targetWallets: targetWallets,
            restoreDeleted: shown.dataset.restoreDeleted === 'true', fingerprint: shown.dataset.fingerprint };
        history.replaceState(null, '', '/console/restore?plan=' + shown.dataset.runId);
        if (confirm) {
            code.value = '';
            confirmName.textContent = shown.dataset.backupName;
            danger.hidden = false;
        }
    }
    /** The wallets' feedback: {@code lines} are messages about the addresses, empty when there is nothing to say. */
    function showFeedback(lines, summary) {
        wallets.setAttribute('aria-invalid', lines.length ? 'true' : 'false');
        feedback.classList.toggle('error-text', lines.length > 0);
        if (lines.length) {
            feedback.replaceChildren(el('ul', null, lines.map(line => el('li', null, line))));
        } else {
            feedback.textContent = summary;
        }
    }

    function hint() {
        const list = parseWallets(wallets.value);
        const odd = list.map((address, i) => SHAPE.test(address) ? null : 'Wallet ' + (i + 1) + ' ('
            + shortened(address) + ') does not look like a stake address: stake1… or stake_test1…, lower-case '
            + 'letters and digits.').filter(line => line !== null);
        showFeedback(odd.slice(0, 20), list.length
            ? list.length + ' stake address(es); the dry run checks each one.'
            : 'Every wallet of the backup will be in scope.');
        return list;
    }

    /** The server's word on the wallets, next to the text area: each wrong targetWallets[i] with its message. */
    function showWalletProblems(problem, list) {
        const lines = problem.violations.filter(v => v.field.startsWith('targetWallets')).map(v => {
            const index = /\[(\d+)\]/.exec(v.field);
            return index ? 'Wallet ' + (Number(index[1]) + 1) + ' (' + shortened(list[Number(index[1])] || '')
                + ') ' + v.message + '.' : 'The wallets ' + v.message + '.';
        });
        if (lines.length) {
            showFeedback(lines, '');
        }
    }

    function invalidatePlan() {
        if (plan) {
            plan = null;
            planBody.prepend(el('p', { class: 'notice' }, 'The backup or the wallets changed since this dry run: '
                + 'run it again before restoring.'));
        }
        if (confirm) {
            danger.hidden = true;
        }
    }

    // A plan the server rendered (the page opened by a plan's link): the restore sends back its choices.
    const reopened = document.getElementById('plan-result');
    if (reopened) {
        const list = hint();
        adopt(reopened, list.length ? list : undefined);
    } else if (wallets.value.trim()) {
        hint();
    }

    wallets.addEventListener('input', () => {
        hint();
        invalidatePlan();
    });
    select.addEventListener('change', invalidatePlan);
    recreate.addEventListener('change', invalidatePlan);

    form.addEventListener('submit', async event => {
        event.preventDefault();
        result.replaceChildren();
        const list = hint();
        select.setAttribute('aria-invalid', 'false');
        const body = { backupId: select.value ? Number(select.value) : null, dryRun: true,
            restoreDeleted: recreate.checked };
        if (list.length) {
            body.targetWallets = list;
        }
        busy(dryRun, true);
        progress.textContent = 'Running the dry run: checking the backup and comparing every wallet in scope…';
        try {
            const planned = place(planBody, await fragment('POST', '/console/fragments/restore-plan', body));
            adopt(planned, body.targetWallets);
            planSection.hidden = false;
            refreshLog();
            planSection.scrollIntoView();
        } catch (problem) {
            showProblem(result, problem);
            showWalletProblems(problem, list);
            markInvalid(problem, { backupId: select, targetWallets: wallets });
        } finally {
            progress.textContent = '';
            busy(dryRun, false);
        }
    });

    async function showProgress(started, isDone) {
        const runs = await call('GET', '/console/api/restores?limit=5');
        const run = runs.find(r => !r.dryRun && r.status === 'running' && r.backupId === plan.backupId);
        if (isDone() || !run) {
            return;
        }
        const seconds = Math.round((Date.now() - started) / 1000);
        // A restore writes only the wallets that differ: those are what it works through.
        const total = run.walletsChanged ?? run.walletsTotal ?? 0;
        progress.replaceChildren(
            el('label', { for: 'restore-progress-bar' }, 'Restore run #' + run.id + ': ' + num(run.walletsProcessed)
                + ' of ' + num(total) + ' wallets written (' + seconds + ' s elapsed)'),
            el('progress', { id: 'restore-progress-bar', max: Math.max(total, 1), value: run.walletsProcessed },
                num(run.walletsProcessed)));
    }

    if (confirm) {
        confirm.addEventListener('submit', async event => {
            event.preventDefault();
            if (!plan) {
                showProblem(result, new Problem('No current plan', 'Run the dry run first.'));
                return;
            }
            code.setAttribute('aria-invalid', 'false');
            // The name as typed: the server compares it with the backup's and, when it matches, sends the API's
            // confirmation code itself.
            const body = { backupId: plan.backupId, dryRun: false, restoreDeleted: plan.restoreDeleted,
                fingerprint: plan.fingerprint };
            if (plan.targetWallets) {
                body.targetWallets = plan.targetWallets;
            }
            busy(restoreButton, true);
            busy(dryRun, true);
            result.replaceChildren();
            const started = Date.now();
            progress.replaceChildren('Checking the backup\'s integrity and taking the safety snapshot…');
            try {
                const run = await whilePolling(call('POST', '/console/api/restores?confirmName='
                    + encodeURIComponent(code.value.trim()), body),
                    isDone => showProgress(started, isDone));
                // The plan's "now" figures are history: the page keeps only the result, and its address no
                // longer reopens the plan.
                danger.hidden = true;
                plan = null;
                planBody.replaceChildren();
                planSection.hidden = true;
                history.replaceState(null, '', '/console/restore');
                const warnings = run.warnings.length
                    ? [el('ul', { id: 'restore-warnings' }, run.warnings.map(w => el('li', null, w)))]
                    : [];
                show(result, true,
                    el('p', { id: 'restore-outcome' }, 'Restore run #' + run.id + ' completed: '
                        + num(run.walletsProcessed) + ' wallet(s) written, ' + num(run.walletsChanged)
                        + ' changed' + (run.walletsRecreated ? ', ' + num(run.walletsRecreated) + ' re-created' : '')
                        + (run.walletsDeleted ? ', ' + num(run.walletsDeleted) + ' deleted' : '')
                        + '; gold in scope ' + num(run.goldBefore) + ' → ' + num(run.goldAfter) + ', in '
                        + num(run.durationMs) + ' ms. Safety backup: #' + run.safetyBackupId + '.'),
                    ...warnings,
                    el('p', null, el('a', { id: 'undo',
                        href: '/console/restore?backupId=' + run.safetyBackupId + '&undo=' + run.id },
                        'Undo this restore'), ' (restores safety backup #' + run.safetyBackupId
                        + ' after its own dry run and confirmation; wallets this restore re-created are deleted '
                        + 'again)'));
            } catch (problem) {
                showProblem(result, problem);
                markInvalid(problem, { confirmName: code });
            } finally {
                progress.replaceChildren();
                busy(restoreButton, false);
                busy(dryRun, false);
                refreshLog();
                result.scrollIntoView();
            }
        });
    }
}
