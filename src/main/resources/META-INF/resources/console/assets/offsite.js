// Off-site page: imports a copy a bucket holds through the console's JSON endpoint, then links to the new backup.
import { busy, call, el, show, showProblem } from './common.js';

for (const form of document.querySelectorAll('form.import-form')) {
    const button = form.querySelector('button');
    const result = document.getElementById(form.dataset.result);
    form.addEventListener('submit', async event => {
        event.preventDefault();
        busy(button, true);
        show(result, true, 'Importing: checking the manifest and the object, then loading the rows…');
        try {
            const b = await call('POST', '/console/api/offsite/' + encodeURIComponent(form.dataset.target)
                + '/imports', { uuid: form.dataset.uuid });
            form.hidden = true;
            show(result, true, el('p', null, 'Imported as ', el('a', { href: '/console/backup?id=' + b.id },
                'backup #' + b.id), ' (' + b.backupName + ').'));
        } catch (problem) {
            showProblem(result, problem);
        } finally {
            busy(button, false);
            result.focus();
        }
    });
}
