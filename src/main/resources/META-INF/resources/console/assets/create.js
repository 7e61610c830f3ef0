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

    form.addEventListener('submit', async event => {
        event.preventDefault();
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
            const b = await whilePolling(call('POST', '/console/api/backups', body),
                isDone => showRunning(started, isDone));
            show(result, true, el('p', { id: 'create-success' }, 'Backup #' + b.id + ' "' + b.backupName
                + '" completed: ' + num(b.totalUsersBackedUp) + ' wallets, ' + bytes(b.sizeBytes) + ', in '
                + num(b.durationMs) + ' ms. ', el('a', { id: 'created-backup-link', href: '/console/backup?id=' + b.id },
                'View backup #' + b.id)));
        } catch (problem) {
            showProblem(result, problem);
        } finally {
            progress.textContent = '';
            busy(button, false);
            result.focus();
        }
    });
}
