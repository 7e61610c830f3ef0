// Gold Backup console: what the page scripts share (each page loads its own script, which imports this module).
// No framework, no build step, no inline code (the Content-Security-Policy allows none). The pages work as plain
// HTML; the scripts send what changes state to the console's endpoints with the page's CSRF token, put the HTML
// fragments the server renders into the page, and write short messages. They render no table and check no rule
// the server checks: a refused request comes back as problem details, shown with each field's message.

// Every page: the "running now" strip and times as people read them (their own modules, loaded once).
import './live.js';
export { renderTimes } from './times.js';

/** A failed call: the problem details' title and detail, and for bad input the fields with their messages. */
export class Problem extends Error {
    constructor(title, detail, violations) {
        super(detail);
        this.title = title;
        this.detail = detail;
        this.violations = violations || [];
    }
}

function csrfToken() {
    const field = document.querySelector('input[type=hidden][name="csrf-token"]');
    return field ? field.value : null;
}

/** Sends a request as the console's script (a JSON body, the CSRF token); answers the response or throws a Problem. */
async function send(method, url, body, accept, extraHeaders) {
    const headers = Object.assign({ Accept: accept + ', application/problem+json', 'X-Requested-With': 'JavaScript' },
        extraHeaders || {});
    const token = method === 'GET' ? null : csrfToken();
    if (token) {
        headers['X-CSRF-TOKEN'] = token;
    }
    if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
    }
    let response;
    try {
        response = await fetch(url, {
            method: method,
            headers: headers,
            body: body === undefined ? undefined : JSON.stringify(body),
            credentials: 'same-origin',
            redirect: 'error'
        });
    } catch (e) {
        throw new Problem('No answer', 'The service could not be reached, or your session needs a new sign-in. '
            + 'Reload the page and try again.');
    }
    if (response.ok) {
        return response;
    }
    if (response.status === 499 || response.status === 401) {
        throw new Problem('Session ended', 'Your session has ended. Reload the page to sign in again.');
    }
    const data = (response.headers.get('Content-Type') || '').includes('json') ? await response.json() : null;
    if (data && data.title) {
        throw new Problem(data.title, data.detail, data.violations);
    }
    if (response.status === 400) {
        throw new Problem('Request refused', 'The page\'s security token is no longer valid. Reload the page '
            + 'and try again.');
    }
    throw new Problem('HTTP ' + response.status, 'The request failed.');
}

/** A call to a JSON endpoint under /console/api: its answer, or null for none. */
export async function call(method, url, body, headers) {
    const response = await send(method, url, body, 'application/json', headers);
    return (response.headers.get('Content-Type') || '').includes('json') ? response.json() : null;
}

/** A fragment under /console/fragments: the HTML the server rendered and escaped. */
export async function fragment(method, url, body) {
    return (await send(method, url, body, 'text/html')).text();
}

/** Puts a fragment's HTML into {@code target}; answers the fragment's first element (with its data attributes). */
export function place(target, html) {
    target.innerHTML = html;
    return target.firstElementChild;
}

function sleep(ms) {
    return new Promise(resolve => setTimeout(resolve, ms));
}

/** An element with attributes and children; children are text, never parsed as HTML. */
export function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
        if (value !== null && value !== undefined && value !== false) {
            node.setAttribute(name, value === true ? '' : String(value));
        }
    }
    for (const child of children.flat()) {
        if (child !== null && child !== undefined && child !== false) {
            node.append(child instanceof Node ? child : String(child));
        }
    }
    return node;
}

const numbers = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });

export function num(value) {
    return value === null || value === undefined ? '–' : numbers.format(value);
}

/** Fills a result area, marked as a success or a failure. */
export function show(target, ok, ...content) {
    target.replaceChildren(...content.filter(c => c !== null && c !== undefined));
    target.classList.toggle('ok', ok);
    target.classList.toggle('fail', !ok);
}

/** A problem in a result area: its title and detail, and each wrong field with its message. */
export function showProblem(target, problem) {
    const items = (problem.violations || []).map(v => el('li', null, v.field + ' ' + v.message));
    // replaceChildren writes a null as the text "null": pass the list only when there is one.
    const content = [el('p', { role: 'alert' }, el('strong', null, (problem.title || 'Error') + ': '),
        problem.detail || problem.message)];
    if (items.length) {
        content.push(el('ul', null, items));
    }
    show(target, false, ...content);
}

/** Marks as invalid each control whose field the problem names ({@code field} or {@code field[i]}); focuses the first. */
export function markInvalid(problem, controls) {
    const named = Object.entries(controls).filter(([field]) => problem.violations
        .some(v => v.field === field || v.field.startsWith(field + '[')));
    for (const [, control] of named) {
        control.setAttribute('aria-invalid', 'true');
    }
    if (named.length) {
        named[0][1].focus();
    }
}

export function busy(button, on) {
    button.disabled = on;
    button.setAttribute('aria-busy', on ? 'true' : 'false');
}

/**
 * Calls {@code poll} about once a second until the answer of {@code work} arrives, then answers it. A failed poll
 * waits for the next one; {@code work} reports failures itself.
 */
export async function whilePolling(work, poll) {
    let done = false;
    (async () => {
        while (!done) {
            await sleep(1000);
            try {
                if (!done) {
                    await poll(() => done);
                }
            } catch (e) {
                // The next poll tries again.
            }
        }
    })();
    try {
        return await work;
    } finally {
        done = true;
    }
}

// Result areas take the focus when a result arrives, so that a screen reader reads it.
for (const result of document.querySelectorAll('.result')) {
    result.setAttribute('tabindex', '-1');
}
