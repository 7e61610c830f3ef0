// Backups page: the list follows the search and the filters as they are chosen (no need to press Apply filters).
// The form stays a plain GET form that works without this script; the script asks the server for the same results
// (a fragment it renders and escapes), puts them in place and the parameters in the address, so a reload or a shared
// link opens the same list.
import { fragment, place } from './common.js';

const form = document.getElementById('backup-filters');
if (form) {
    let timer = null;
    let asked = 0;

    function params() {
        const data = new URLSearchParams();
        for (const [name, value] of new FormData(form)) {
            if (String(value).trim() !== '') {
                data.append(name, String(value).trim());
            }
        }
        return data.toString();
    }

    async function refresh() {
        const query = params();
        const mine = ++asked;
        try {
            const html = await fragment('GET', '/console/fragments/backups' + (query ? '?' + query : ''));
            if (mine !== asked) {
                return; // A newer choice has been made meanwhile: its answer wins.
            }
            // The results' own element stays (a live region announces what changes inside it); its content is
            // the server's.
            const answer = place(document.createElement('div'), html);
            document.getElementById('backup-results').replaceChildren(...answer.childNodes);
            history.replaceState(null, '', '/console/backups' + (query ? '?' + query : ''));
        } catch (problem) {
            // A wrong value (a day the browser let through): the form's own submit shows the server's answer.
            if (mine === asked) {
                form.requestSubmit();
            }
        }
    }

    form.addEventListener('change', event => {
        if (event.target.name !== 'name') {
            refresh();
        }
    });
    document.getElementById('filter-name').addEventListener('input', () => {
        clearTimeout(timer);
        timer = setTimeout(refresh, 300);
    });
}
