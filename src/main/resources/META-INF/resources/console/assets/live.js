// Gold Backup console: the "running now" strip of every page. It asks the server every few seconds what runs (any
// kind of operation, whoever started it), sending back the answer's ETag so that nothing travels while nothing
// changed (304), and pauses while the page is hidden. The server renders the strip's HTML; this only places it. When
// what runs changes, it says so (for the dashboard's board, and for a screen reader in a short status line).

import { renderTimes } from './times.js';

const EVERY_MS = 3000;
const strip = document.getElementById('running-now');
const announce = document.getElementById('running-announce');
const onDashboard = document.body.dataset.page === 'dashboard';
let etag = null;
let keys = strip && strip.firstElementChild ? strip.firstElementChild.dataset.keys : null;
let ended = false;
let polling = false;

/** The strip as it is now, from the server: 304 leaves it as it is. */
async function poll() {
    if (!strip || ended || polling || document.hidden) {
        return;
    }
    polling = true;
    try {
        const headers = { Accept: 'text/html', 'X-Requested-With': 'JavaScript' };
        if (etag) {
            headers['If-None-Match'] = etag;
        }
        const response = await fetch(strip.dataset.src, { headers: headers, credentials: 'same-origin',
            redirect: 'error', cache: 'no-store' });
        if (response.status === 499 || response.status === 401) {
            ended = true;
            strip.hidden = false;
            strip.replaceChildren(Object.assign(document.createElement('p'), { className: 'ended',
                textContent: 'Your session has ended. Reload the page to sign in again.' }));
            return;
        }
        if (response.status !== 200) {
            return;
        }
        etag = response.headers.get('ETag');
        strip.innerHTML = await response.text();
        const activity = strip.firstElementChild;
        strip.hidden = !onDashboard && activity.classList.contains('idle');
        renderTimes(strip);
        if (activity.dataset.keys !== keys) {
            if (keys !== null) {
                announce.textContent = activity.dataset.summary;
                document.dispatchEvent(new CustomEvent('console:activity'));
            }
            keys = activity.dataset.keys;
        }
    } catch (e) {
        // Not reachable now: the next poll tries again.
    } finally {
        polling = false;
    }
}

if (strip) {
    poll();
    setInterval(poll, EVERY_MS);
    // The elapsed times of what runs tick every second.
    setInterval(() => {
        if (!document.hidden && !strip.hidden) {
            renderTimes(strip);
        }
    }, 1000);
    document.addEventListener('visibilitychange', () => {
        if (!document.hidden) {
            poll();
        }
    });
}
