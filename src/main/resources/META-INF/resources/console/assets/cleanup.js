// Cleanup page: the preview and then the cleanup itself (with the confirmation code the admin types), each answered
// as the report the server renders.
import { Problem, busy, fragment, markInvalid, place, showProblem } from './common.js';

const form = document.getElementById('cleanup-form');
if (form) {
    const days = document.getElementById('cleanup-days');
    const preview = document.getElementById('cleanup-dry-run');
    const section = document.getElementById('cleanup-report');
    const body = document.getElementById('cleanup-report-body');
    const execute = document.getElementById('cleanup-execute-form');
    const code = document.getElementById('cleanup-confirmation-code');
    const executeResult = document.getElementById('cleanup-execute-result');
    let request = null;

    /** The cleanup's body: the number of days as typed (the server checks it), none for the policy. */
    function requestBody(dryRun) {
        const text = days.value.trim();
        return text === '' ? { dryRun: dryRun } : { dryRun: dryRun, daysToKeep: Number(text) };
    }

    /**
     * Sends {@code sent} and shows the report; answers the report's element, or null when it was refused, which
     * {@code problems} then shows.
     */
    async function report(button, sent, problems) {
        busy(button, true);
        days.setAttribute('aria-invalid', 'false');
        if (code) {
            code.setAttribute('aria-invalid', 'false');
        }
        try {
            if (days.validity.badInput) {
                // The browser could not read a number from the field, and would send it empty: the policy.
                throw new Problem('Invalid input', 'daysToKeep is not a number', [
                    { field: 'daysToKeep', message: 'is not a number' }]);
            }
            const shown = place(body, await fragment('POST', '/console/fragments/cleanup-report', sent));
            body.classList.remove('fail');
            return shown;
        } catch (problem) {
            showProblem(problems, problem);
            markInvalid(problem, code ? { daysToKeep: days, confirmationCode: code } : { daysToKeep: days });
            return null;
        } finally {
            section.hidden = false;
            busy(button, false);
        }
    }

    function hideExecute() {
        request = null;
        if (execute) {
            execute.hidden = true;
            code.value = '';
            executeResult.replaceChildren();
        }
    }

    days.addEventListener('input', hideExecute);

    form.addEventListener('submit', async event => {
        event.preventDefault();
        hideExecute();
        const shown = await report(preview, requestBody(true), body);
        request = shown ? requestBody(false) : null;
        if (execute) {
            execute.hidden = !shown || shown.dataset.backups === '0';
        }
    });

    if (execute) {
        execute.addEventListener('submit', async event => {
            event.preventDefault();
            if (!request) {
                return;
            }
            executeResult.replaceChildren();
            // The code as typed: the server checks it, and names it when it is wrong (the preview stays in view).
            const sent = Object.assign({}, request, { confirmationCode: code.value.trim() });
            if (await report(document.getElementById('cleanup-execute'), sent, executeResult)) {
                hideExecute();
            }
        });
    }
}
