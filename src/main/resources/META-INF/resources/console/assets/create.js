// Create page: takes a backup through the console's JSON endpoint, shows the running backup while it is taken.
import { busy, call, el, num, show, showProblem, whilePolling } from './common.js';

function bytes(value) {
    if (value === null || value === undefined) {
        return '–';
    }
    const units = ['B', 'KB', 'MB', 'GB', 'TB'];
    let v = value;
    let unit = 0;
    while (v >= 1024 && unit < units.length - 1) {
        v /= 1024;
        unit++;
    }
    return unit === 0 ? v + ' B' : v.toFixed(1) + ' ' + units[unit];
}

const form = document.getElementById('create-form');
if (form) {
    const button = document.getElementById('create-backup');
    const progress = document.getElementById('create-progress');
    const result = document.getElementById('create-result');
    // One key per backup the form means to create: a second click or a resent request with it starts nothing
    // (the server answers the first one's backup, or 409 while it runs). A new key after each success.
    let key = newKey();
    let inFlight = false;

    async function showRunning(started, isDone) {
        const running = await call('GET', '/console/api/backups?status=running&limit=5');
        if (isDone()) {
            return;
        }
        const seconds = Math.round((Date.now() - started) / 1000);
        progress.textContent = running.length
            ? running.map(b => 'Backup #' + b.id + ' "' + b.backupName + '" is running (' + seconds
                + ' s elapsed).').join(' ')
            : 'The backup is being taken (' + seconds + ' s elapsed).';
    }

    function newKey() {
        return self.crypto && crypto.randomUUID ? crypto.randomUUID()
            : Date.now().toString(36) + '-' + Math.random().toString(36).slice(2);
    }

    form.addEventListener('submit', async event => {
        event.preventDefault();
        if (inFlight) {
            return; // Enter pressed again while the backup is being taken.
        }
        inFlight = true;
        const body = { backupType: document.getElementById('backup-type').value };
        const name = document.getElementById('backup-name').value.trim();
        const notes = document.getElementById('backup-notes').value.trim();
        if (name) {
            body.backupName = name;
        }
        if (notes) {
            body.notes = notes;
        }
        busy(button, true);
        result.replaceChildren();
        const started = Date.now();
        progress.textContent = 'Starting the backup…';
        try {
            const b = await whilePolling(call('POST', '/console/api/backups', body, { 'Idempotency-Key': key }),
                isDone => showRunning(started, isDone));
            show(result, true, el('p', { id: 'create-success' }, 'Backup #' + b.id + ' "' + b.backupName
                + '" completed: ' + num(b.totalUsersBackedUp) + ' wallets, ' + bytes(b.sizeBytes) + ', in '
                + num(b.durationMs) + ' ms. ', el('a', { id: 'created-backup-link', href: '/console/backup?id=' + b.id },
                'View backup #' + b.id)));
            form.reset();
            key = newKey();
        } catch (problem) {
            showProblem(result, problem);
        } finally {
            progress.textContent = '';
            busy(button, false);
            inFlight = false;
            result.focus();
        }
    });
}
