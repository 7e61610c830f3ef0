// Gold Backup console: the dashboard's board (indicators, figures, storage, latest outcomes, chart) renews itself
// when what runs changes (the strip of live.js says so) and once a minute, with the ETag of its last answer: 304 while
// nothing changed. The server renders the board; this only places it.

import { renderTimes } from './common.js';

const board = document.getElementById('board');
let etag = null;
let loading = false;

async function reload() {
    if (!board || loading || document.hidden) {
        return;
    }
    loading = true;
    try {
        const headers = { Accept: 'text/html', 'X-Requested-With': 'JavaScript' };
        if (etag) {
            headers['If-None-Match'] = etag;
        }
        const response = await fetch(board.dataset.src, { headers: headers, credentials: 'same-origin',
            redirect: 'error', cache: 'no-store' });
        if (response.status !== 200) {
            return;
        }
        etag = response.headers.get('ETag');
        const open = [...board.querySelectorAll('details')].map(d => d.open);
        board.innerHTML = await response.text();
        board.querySelectorAll('details').forEach((d, i) => {
            d.open = open[i] || false;
        });
        renderTimes(board);
    } catch (e) {
        // The next change or the next minute tries again.
    } finally {
        loading = false;
    }
}

document.addEventListener('console:activity', reload);
setInterval(reload, 60000);
document.addEventListener('visibilitychange', () => {
    if (!document.hidden) {
        reload();
    }
});
