// Backup page: verifies the checksum and the seal, and deletes the backup (once the admin typed its name)
// through the console's JSON endpoints; copies it off-site now through a fragment endpoint, whose answer is the
// copies' table as the server renders it.
import { busy, call, el, fragment, markInvalid, num, place, show, showProblem } from './common.js';

/** Sends {@code form} with {@code action} while its button is busy; a failure is shown in {@code result}. */
function onSubmit(form, button, result, action) {
    form.addEventListener('submit', async event => {
        event.preventDefault();
        busy(button, true);
        try {
            await action();
        } catch (problem) {
            showProblem(result, problem);
        } finally {
            busy(button, false);
        }
    });
}

const verify = document.getElementById('verify-form');
if (verify) {
    const result = document.getElementById('verify-result');
    onSubmit(verify, document.getElementById('verify-backup'), result, async () => {
        show(result, true, 'Recomputing the checksum from every row and checking the seal…');
        const v = await call('POST', '/console/api/backups/' + verify.dataset.backupId + '/verify');
        show(result, v.ok, el('p', { id: 'verify-outcome' }, v.ok
            ? 'OK (' + num(v.walletCount) + ' rows, seal ' + v.seal + '): ' + v.detail + '.'
            : 'MISMATCH: ' + v.detail + '. The backup is now marked corrupt: do not restore from it. '
            + 'Reload the page to see its status.'));
    });
}

const remove = document.getElementById('delete-form');
if (remove) {
    const result = document.getElementById('delete-result');
    const code = document.getElementById('delete-confirm');
    onSubmit(remove, document.getElementById('delete-backup'), result, async () => {
        code.setAttribute('aria-invalid', 'false');
        try {
            // The name as typed: the server compares it with the backup's, names it when it differs, and sends
            // the API's confirmation code itself when it matches.
            await call('DELETE', '/console/api/backups/' + remove.dataset.backupId + '?confirmName='
                + encodeURIComponent(code.value.trim()));
        } catch (problem) {
            markInvalid(problem, { confirmName: code });
            throw problem;
        }
        remove.hidden = true;
        show(result, true, el('p', { id: 'delete-outcome' }, 'Backup #' + remove.dataset.backupId
            + ' was deleted. '), el('a', { href: '/console/backups' }, 'Back to the backups'));
    });
}

const copy = document.getElementById('copy-form');
if (copy) {
    const result = document.getElementById('copy-result');
    const copies = document.getElementById('backup-copies');
    onSubmit(copy, document.getElementById('copy-now'), result, async () => {
        show(result, true, 'Copying to every target…');
        place(copies, await fragment('POST', '/console/fragments/backups/' + copy.dataset.backupId + '/copies'));
        show(result, true, el('p', { id: 'copy-outcome' }, 'Done: the table shows how each target\'s copy ended.'));
    });
}
