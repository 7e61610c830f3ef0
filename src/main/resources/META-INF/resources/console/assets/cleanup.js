// Cleanup page: the preview and then the cleanup itself (once the admin typed "cleanup"), each answered
// as the report the server renders.
import { Problem, busy, fragment, markInvalid, place, showProblem } from './common.js';

const form = document.getElementById('cleanup-form');
if (form) {
    const days = document.getElementById('cleanup-days');
    const preview = document.getElementById('cleanup-dry-run');
    const section = document.getElementById('cleanup-report');
    const body = document.getElementById('cleanup-report-body');
    const execute = document.getElementById('cleanup-execute-form');
    const danger = document.getElementById('cleanup-danger');
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
    async function report(button, sent, problems, confirmName) {
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
            const url = '/console/fragments/cleanup-report'
                + (confirmName === undefined ? '' : '?confirmName=' + encodeURIComponent(confirmName));
            const shown = place(body, await fragment('POST', url, sent));
            body.classList.remove('fail');
            return shown;
        } catch (problem) {
            showProblem(problems, problem);
            markInvalid(problem, code ? { daysToKeep: days, confirmName: code } : { daysToKeep: days });
            return null;
        } finally {
            section.hidden = false;
            busy(button, false);
        }
    }

    function hideExecute() {
        request = null;
        if (execute) {
            danger.hidden = true;
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
            danger.hidden = !shown || shown.dataset.backups === '0';
        }
    });

    if (execute) {
        execute.addEventListener('submit', async event => {
            event.preventDefault();
            if (!request) {
                return;
            }
            executeResult.replaceChildren();
            // The word as typed: the server checks it, names it when it is wrong (the preview stays in view), and
            // sends the API's confirmation code itself when it is right.
            if (await report(document.getElementById('cleanup-execute'), request, executeResult, code.value.trim())) {
                hideExecute();
            }
        });
    }
}
