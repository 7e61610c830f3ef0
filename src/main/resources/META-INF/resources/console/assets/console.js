// Gold Backup console: the one script of the console's pages. No framework, no build step, no inline code (the
// Content-Security-Policy allows none). Pages work as plain HTML; this script sends the forms that change state to
// the console's JSON endpoints (with the page's CSRF token) and shows progress and results without a reload.
'use strict';

(function () {
    const CONFIRMATION_CODE = 'RESTORE_GOLD_BACKUP_CONFIRMED';
    const numbers = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });
    const signed = new Intl.NumberFormat('en', { maximumFractionDigits: 2, signDisplay: 'always' });

    // ---- Stake addresses: the same rule as the server's StakeAddress (bech32 checksum, header, network). ----

    const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
    const GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
    const DATA_CHARS = 53;

    function step(chk, value) {
        const top = chk >>> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ value;
        for (let i = 0; i < 5; i++) {
            if ((top >>> i) & 1) {
                chk ^= GENERATOR[i];
            }
        }
        return chk;
    }

    function polymod(hrp, data) {
        let chk = 1;
        for (let i = 0; i < hrp.length; i++) {
            chk = step(chk, hrp.charCodeAt(i) >> 5);
        }
        chk = step(chk, 0);
        for (let i = 0; i < hrp.length; i++) {
            chk = step(chk, hrp.charCodeAt(i) & 31);
        }
        for (const v of data) {
            chk = step(chk, v);
        }
        return chk;
    }

    function toBytes(values) {
        const out = [];
        let acc = 0;
        let bits = 0;
        for (const v of values) {
            acc = ((acc << 5) | v) & 0xfff;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out.push((acc >> bits) & 0xff);
            }
        }
        if (bits >= 5 || ((acc << (8 - bits)) & 0xff) !== 0) {
            return null;
        }
        return out;
    }

    /** What is wrong with an address, in the server's words, or null when it is a valid stake address. */
    function stakeProblem(address) {
        if (!address) {
            return 'must be a Cardano stake address (stake1... or stake_test1...)';
        }
        if (address.length > 100) {
            return 'is too long for a stake address';
        }
        if (address !== address.toLowerCase()) {
            return 'must be lower-case bech32';
        }
        const separator = address.lastIndexOf('1');
        if (separator < 1) {
            return 'must be a Cardano stake address (stake1... or stake_test1...)';
        }
        const hrp = address.substring(0, separator);
        const mainnet = hrp === 'stake';
        if (!mainnet && hrp !== 'stake_test') {
            return 'must start with stake1 or stake_test1';
        }
        const data = address.substring(separator + 1);
        if (data.length !== DATA_CHARS) {
            return 'has the wrong length for a stake address';
        }
        const values = [];
        for (const c of data) {
            const v = CHARSET.indexOf(c);
            if (v < 0) {
                return 'contains a character that bech32 does not use';
            }
            values.push(v);
        }
        if (polymod(hrp, values) !== 1) {
            return 'has a wrong bech32 checksum';
        }
        const payload = toBytes(values.slice(0, values.length - 6));
        if (payload === null || payload.length !== 29) {
            return 'has the wrong payload length for a stake address';
        }
        const type = payload[0] >> 4;
        const network = payload[0] & 0x0f;
        if (type !== 0x0e && type !== 0x0f) {
            return 'is not a stake address (wrong header type)';
        }
        if (mainnet !== (network === 1)) {
            return 'has a network id that does not match its prefix';
        }
        return null;
    }

    // ---- Talking to the console's endpoints ----

    function csrfToken() {
        const field = document.querySelector('input[type=hidden][name="csrf-token"]');
        return field ? field.value : null;
    }

    /** A failed call, with the problem details' title and detail (and the fields, for bad input). */
    class Problem extends Error {
        constructor(title, detail, violations) {
            super(detail);
            this.title = title;
            this.detail = detail;
            this.violations = violations || [];
        }
    }

    async function call(method, url, body) {
        const headers = { Accept: 'application/json', 'X-Requested-With': 'JavaScript' };
        if (method !== 'GET') {
            const token = csrfToken();
            if (token) {
                headers['X-CSRF-TOKEN'] = token;
            }
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
        const type = response.headers.get('Content-Type') || '';
        const data = type.includes('json') ? await response.json() : null;
        if (response.ok) {
            return data;
        }
        if (response.status === 499 || response.status === 401) {
            throw new Problem('Session ended', 'Your session has ended. Reload the page to sign in again.');
        }
        if (data && data.title) {
            throw new Problem(data.title, data.detail, data.violations);
        }
        if (response.status === 400) {
            throw new Problem('Request refused', 'The page\'s security token is no longer valid. Reload the page '
                + 'and try again.');
        }
        throw new Problem('HTTP ' + response.status, 'The request failed.');
    }

    function sleep(ms) {
        return new Promise(resolve => setTimeout(resolve, ms));
    }

    // ---- Building page content (text only: nothing from a response is parsed as HTML) ----

    function el(tag, attributes, ...children) {
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

    function table(id, headings, rows) {
        return el('table', { id: id },
            el('thead', null, el('tr', null, headings.map(h => el('th', { scope: 'col' }, h)))),
            el('tbody', null, rows.map(cells => el('tr', null, cells.map(c =>
                c instanceof Node ? el('td', null, c)
                    : typeof c === 'number' ? el('td', { class: 'num' }, numbers.format(c))
                        : el('td', null, c === null || c === undefined ? '–' : c))))));
    }

    function num(value) {
        return value === null || value === undefined ? '–' : numbers.format(value);
    }

    function bytes(value) {
        if (value === null || value === undefined) {
            return '–';
        }
        if (value < 1024) {
            return value + ' B';
        }
        const units = ['KB', 'MB', 'GB', 'TB'];
        let v = value;
        let unit = -1;
        while (v >= 1024 && unit < units.length - 1) {
            v /= 1024;
            unit++;
        }
        return v.toFixed(1) + ' ' + units[unit];
    }

    function time(iso) {
        return iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z').replace('Z', ' UTC') : '–';
    }

    function show(target, ok, ...content) {
        target.replaceChildren(...content);
        target.classList.toggle('ok', ok);
        target.classList.toggle('fail', !ok);
    }

    function showProblem(target, problem) {
        const items = (problem.violations || []).map(v => el('li', null, v.field + ' ' + v.message));
        show(target, false, el('p', { role: 'alert' }, el('strong', null, (problem.title || 'Error') + ': '),
            problem.detail || problem.message), items.length ? el('ul', null, items) : null);
    }

    function busy(button, on) {
        button.disabled = on;
        button.setAttribute('aria-busy', on ? 'true' : 'false');
    }

    // ---- Create a backup ----

    function initCreate() {
        const form = document.getElementById('create-form');
        if (!form) {
            return;
        }
        const button = document.getElementById('create-backup');
        const progress = document.getElementById('create-progress');
        const result = document.getElementById('create-result');
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
            let done = false;
            progress.textContent = 'Starting the backup…';
            (async () => {
                while (!done) {
                    await sleep(1000);
                    if (done) {
                        break;
                    }
                    try {
                        const running = await call('GET', '/console/api/backups?status=running&limit=5');
                        if (done) {
                            break;
                        }
                        const seconds = Math.round((Date.now() - started) / 1000);
                        progress.textContent = running.length
                            ? running.map(b => 'Backup #' + b.id + ' "' + b.backupName + '" is running ('
                                + seconds + ' s elapsed).').join(' ')
                            : 'The backup is being taken (' + seconds + ' s elapsed).';
                    } catch (e) {
                        // The next poll tries again; the create call itself reports failures.
                    }
                }
            })();
            try {
                const b = await call('POST', '/console/api/backups', body);
                done = true;
                show(result, true, el('p', { id: 'create-success' }, 'Backup #' + b.id + ' "' + b.backupName
                    + '" completed: ' + num(b.totalUsersBackedUp) + ' wallets, ' + bytes(b.sizeBytes) + ', in '
                    + num(b.durationMs) + ' ms. ', el('a', { id: 'created-backup-link',
                        href: '/console/backup?id=' + b.id }, 'View backup #' + b.id)));
            } catch (problem) {
                done = true;
                showProblem(result, problem);
            } finally {
                progress.textContent = '';
                busy(button, false);
                result.focus();
            }
        });
    }

    // ---- Backup details: verify, delete ----

    function initBackup() {
        const verify = document.getElementById('verify-form');
        if (verify) {
            const result = document.getElementById('verify-result');
            const button = document.getElementById('verify-backup');
            verify.addEventListener('submit', async event => {
                event.preventDefault();
                busy(button, true);
                show(result, true, 'Recomputing the checksum from every row…');
                try {
                    const v = await call('POST', '/console/api/backups/' + verify.dataset.backupId + '/verify');
                    show(result, v.ok, el('p', { id: 'verify-outcome' }, v.ok
                        ? 'Checksum OK: the ' + num(v.walletCount) + ' rows still hash to the recorded checksum.'
                        : 'Checksum MISMATCH: the rows hash to ' + v.actualChecksum + ' but ' + v.expectedChecksum
                        + ' was recorded. Do not restore from this backup.'));
                } catch (problem) {
                    showProblem(result, problem);
                } finally {
                    busy(button, false);
                }
            });
        }
        const remove = document.getElementById('delete-form');
        if (remove) {
            const result = document.getElementById('delete-result');
            const button = document.getElementById('delete-backup');
            remove.addEventListener('submit', async event => {
                event.preventDefault();
                if (!document.getElementById('delete-confirm').checked) {
                    show(result, false, 'Tick the box to confirm the deletion.');
                    return;
                }
                busy(button, true);
                try {
                    await call('DELETE', '/console/api/backups/' + remove.dataset.backupId);
                    remove.hidden = true;
                    show(result, true, el('p', { id: 'delete-outcome' }, 'Backup #' + remove.dataset.backupId
                        + ' was deleted. '), el('a', { href: '/console/backups' }, 'Back to the backups'));
                } catch (problem) {
                    showProblem(result, problem);
                } finally {
                    busy(button, false);
                }
            });
        }
    }

    // ---- Restore: wallets, dry run, plan, confirmation, progress, result, undo ----

    function parseWallets(text) {
        return text.split(/[\s,;]+/).map(s => s.trim()).filter(s => s.length > 0);
    }

    function walletProblems(wallets, max) {
        const problems = [];
        const seen = new Set();
        wallets.forEach((address, i) => {
            const problem = stakeProblem(address);
            if (problem) {
                problems.push('Line ' + (i + 1) + ' (' + address.substring(0, 24) + (address.length > 24 ? '…' : '')
                    + ') ' + problem + '.');
            } else if (seen.has(address)) {
                problems.push('Line ' + (i + 1) + ' is listed twice.');
            }
            seen.add(address);
        });
        if (wallets.length > max) {
            problems.unshift('At most ' + max + ' wallets; restore every wallet of the backup for more.');
        }
        return problems;
    }

    function renderPlan(plan) {
        const t = plan.totals;
        const parts = [
            el('p', { id: 'plan-summary' }, 'Dry run #' + plan.runId + ' of backup #' + plan.backup.id + ' "'
                + plan.backup.backupName + '": ' + (plan.scope === 'all' ? 'every wallet of the backup' : plan.targetCount
                    + ' named wallet(s)') + '. ' + num(plan.walletsInScope) + ' wallet(s) in scope, '
                + num(plan.walletsToChange) + ' would change.'),
            table('plan-totals', ['', 'Now', 'After the restore', 'Change'], [
                ['Gold', t.goldBefore, t.goldAfter, signed.format(t.goldDelta)],
                ['Gold per hour', t.goldPerHourBefore, t.goldPerHourAfter, signed.format(t.goldPerHourDelta)]
            ])
        ];
        if (plan.diffs.length) {
            parts.push(el('h3', null, 'Wallets that change (largest gold change first)'));
            parts.push(table('plan-diffs', ['Wallet', 'Gold now', 'Gold after', 'Change', 'Rate now', 'Rate after',
                'Level', 'Experience', 'Bank', 'Meks'], plan.diffs.map(d => [
                el('code', null, d.walletAddress), d.goldBefore, d.goldAfter, signed.format(d.goldDelta),
                d.goldPerHourBefore, d.goldPerHourAfter,
                num(d.levelBefore) + ' → ' + num(d.levelAfter),
                num(d.experienceBefore) + ' → ' + num(d.experienceAfter),
                num(d.bankBalanceBefore) + ' → ' + num(d.bankBalanceAfter),
                d.meksChanged ? 'changed: ' + d.mekCountThen + ' then, ' + d.mekCountNow + ' now' : 'unchanged'
            ])));
            if (plan.otherChanges.wallets > 0) {
                parts.push(el('p', null, 'And ' + num(plan.otherChanges.wallets) + ' more wallet(s) change, gold '
                    + signed.format(plan.otherChanges.goldDelta) + ' in all.'));
            }
        } else {
            parts.push(el('p', null, 'No wallet would change.'));
        }
        const missing = [];
        if (plan.targetsNotInBackup && plan.targetsNotInBackup.length) {
            missing.push(el('li', { id: 'plan-not-in-backup' }, 'Not in the backup (nothing to restore): ',
                plan.targetsNotInBackup.map(a => el('code', null, a + ' '))));
        }
        if (plan.backupWalletsNotLive && plan.backupWalletsNotLive.count > 0) {
            missing.push(el('li', { id: 'plan-not-live' }, num(plan.backupWalletsNotLive.count)
                + ' wallet(s) of the backup no longer exist live and are not recreated, such as ',
                plan.backupWalletsNotLive.sample.map(a => el('code', null, a + ' '))));
        }
        if (plan.liveWalletsOutsideBackup && plan.liveWalletsOutsideBackup.count > 0) {
            missing.push(el('li', { id: 'plan-untouched' }, num(plan.liveWalletsOutsideBackup.count)
                + ' live wallet(s) are not in the backup and stay untouched, such as ',
                plan.liveWalletsOutsideBackup.sample.map(a => el('code', null, a + ' '))));
        }
        const meks = plan.mekVerification;
        if (meks.walletsWithMekCountChanged > 0 || meks.walletsWithMekRateChanged > 0) {
            missing.push(el('li', null, 'Meks changed since the backup (never restored): '
                + num(meks.walletsWithMekCountChanged) + ' wallet(s) with another mek count, '
                + num(meks.walletsWithMekRateChanged) + ' with another mek rate.'));
        }
        parts.push(el('h3', null, 'Missing and untouched wallets'));
        parts.push(missing.length ? el('ul', null, missing) : el('p', null, 'None.'));
        parts.push(el('p', { class: 'help' }, 'Fingerprint ', el('code', { id: 'plan-fingerprint' },
            plan.fingerprint), ': the restore is refused if any wallet in scope changes before it runs.'));
        return parts;
    }

    function renderRuns(runs) {
        if (!runs.length) {
            return el('p', null, 'No restore or dry run yet.');
        }
        return table('restore-runs', ['Run', 'Kind', 'Backup', 'By', 'Started', 'Status', 'Wallets', 'Changed',
            'Safety backup'], runs.map(r => [
            String(r.id),
            (r.dryRun ? 'dry run' : 'restore') + (r.targetCount !== null ? ', ' + r.targetCount
                + ' named wallet(s)' : ''),
            el('a', { href: '/console/backup?id=' + r.backupId }, '#' + r.backupId),
            r.actorName || r.triggeredBy,
            time(r.startedAt),
            r.status + (r.error ? ': ' + r.error : ''),
            num(r.walletsProcessed) + ' / ' + num(r.walletsTotal),
            num(r.walletsChanged),
            r.safetyBackupId ? el('a', { href: '/console/backup?id=' + r.safetyBackupId }, '#' + r.safetyBackupId)
                : '–'
        ]));
    }

    async function refreshRuns() {
        const log = document.getElementById('restore-log');
        try {
            log.replaceChildren(renderRuns(await call('GET', '/console/api/restores?limit=20')));
        } catch (e) {
            // The log stays as it was; the result above says what happened.
        }
    }

    function initRestore() {
        const form = document.getElementById('restore-form');
        if (!form) {
            return;
        }
        const max = Number(form.dataset.maxTargets);
        const select = document.getElementById('restore-backup');
        const wallets = document.getElementById('restore-wallets');
        const feedback = document.getElementById('restore-wallets-feedback');
        const dryRun = document.getElementById('dry-run');
        const planSection = document.getElementById('restore-plan');
        const planBody = document.getElementById('plan-body');
        const confirm = document.getElementById('confirm-form');
        const code = document.getElementById('confirmation-code');
        const restoreButton = document.getElementById('restore');
        const progress = document.getElementById('restore-progress');
        const result = document.getElementById('restore-result');
        let plan = null;

        function check() {
            const list = parseWallets(wallets.value);
            const problems = walletProblems(list, max);
            wallets.setAttribute('aria-invalid', problems.length ? 'true' : 'false');
            feedback.classList.toggle('error-text', problems.length > 0);
            if (problems.length) {
                feedback.replaceChildren(el('ul', null, problems.slice(0, 20).map(p => el('li', null, p))));
            } else {
                feedback.textContent = list.length
                    ? list.length + ' valid stake address(es).'
                    : 'Every wallet of the backup will be in scope.';
            }
            return { list: list, problems: problems };
        }

        function invalidatePlan() {
            if (plan) {
                plan = null;
                planBody.prepend(el('p', { class: 'notice' }, 'The backup or the wallets changed since this dry run: '
                    + 'run it again before restoring.'));
            }
            if (confirm) {
                confirm.hidden = true;
            }
        }

        wallets.addEventListener('input', () => {
            check();
            invalidatePlan();
        });
        select.addEventListener('change', invalidatePlan);

        form.addEventListener('submit', async event => {
            event.preventDefault();
            result.replaceChildren();
            const { list, problems } = check();
            if (!select.value) {
                showProblem(result, new Problem('Invalid input', 'Choose the backup to restore from.'));
                select.focus();
                return;
            }
            if (problems.length) {
                showProblem(result, new Problem('Invalid input', 'Correct the wallet addresses first.'));
                wallets.focus();
                return;
            }
            const body = { backupId: Number(select.value), dryRun: true };
            if (list.length) {
                body.targetWallets = list;
            }
            busy(dryRun, true);
            progress.textContent = 'Running the dry run: checking the backup and comparing every wallet in scope…';
            try {
                const answer = await call('POST', '/console/api/restores', body);
                plan = { backupId: body.backupId, targetWallets: body.targetWallets, fingerprint: answer.fingerprint };
                planBody.replaceChildren(...renderPlan(answer));
                planSection.hidden = false;
                if (confirm) {
                    code.value = '';
                    confirm.hidden = false;
                }
                refreshRuns();
                planSection.scrollIntoView();
            } catch (problem) {
                showProblem(result, problem);
            } finally {
                progress.textContent = '';
                busy(dryRun, false);
            }
        });

        if (!confirm) {
            return;
        }
        confirm.addEventListener('submit', async event => {
            event.preventDefault();
            if (!plan) {
                showProblem(result, new Problem('No current plan', 'Run the dry run first.'));
                return;
            }
            if (code.value.trim() !== CONFIRMATION_CODE) {
                code.setAttribute('aria-invalid', 'true');
                showProblem(result, new Problem('Not confirmed', 'Type ' + CONFIRMATION_CODE + ' exactly to restore.'));
                code.focus();
                return;
            }
            code.setAttribute('aria-invalid', 'false');
            const body = { backupId: plan.backupId, dryRun: false, confirmationCode: code.value.trim(),
                fingerprint: plan.fingerprint };
            if (plan.targetWallets) {
                body.targetWallets = plan.targetWallets;
            }
            busy(restoreButton, true);
            busy(dryRun, true);
            result.replaceChildren();
            let done = false;
            const started = Date.now();
            progress.replaceChildren('Checking the backup\'s integrity and taking the safety snapshot…');
            (async () => {
                while (!done) {
                    await sleep(1000);
                    if (done) {
                        break;
                    }
                    try {
                        const runs = await call('GET', '/console/api/restores?limit=5');
                        const run = runs.find(r => !r.dryRun && r.status === 'running' && r.backupId === plan.backupId);
                        if (done || !run) {
                            continue;
                        }
                        const seconds = Math.round((Date.now() - started) / 1000);
                        const total = run.walletsTotal || 0;
                        progress.replaceChildren(
                            el('label', { for: 'restore-progress-bar' }, 'Restore run #' + run.id + ': '
                                + num(run.walletsProcessed) + ' of ' + num(total) + ' wallets written ('
                                + seconds + ' s elapsed)'),
                            el('progress', { id: 'restore-progress-bar', max: Math.max(total, 1),
                                value: run.walletsProcessed }, num(run.walletsProcessed)));
                    } catch (e) {
                        // The next poll tries again; the restore call itself reports failures.
                    }
                }
            })();
            try {
                const run = await call('POST', '/console/api/restores', body);
                done = true;
                confirm.hidden = true;
                plan = null;
                show(result, true,
                    el('p', { id: 'restore-outcome' }, 'Restore run #' + run.id + ' completed: '
                        + num(run.walletsProcessed) + ' wallet(s) written, ' + num(run.walletsChanged)
                        + ' changed; gold in scope ' + num(run.goldBefore) + ' → ' + num(run.goldAfter) + ', in '
                        + num(run.durationMs) + ' ms. Safety backup: #' + run.safetyBackupId + '.'),
                    el('p', null, el('a', { id: 'undo',
                        href: '/console/restore?backupId=' + run.safetyBackupId + '&undo=' + run.id },
                        'Undo this restore'), ' (restores safety backup #' + run.safetyBackupId
                        + ' after its own dry run and confirmation)'));
            } catch (problem) {
                done = true;
                showProblem(result, problem);
            } finally {
                progress.replaceChildren();
                busy(restoreButton, false);
                busy(dryRun, false);
                refreshRuns();
                result.scrollIntoView();
            }
        });
    }

    // ---- Cleanup: dry run, then execute ----

    function renderReport(report) {
        const parts = [el('p', { id: 'cleanup-summary' }, (report.dryRun ? 'Would delete ' : 'Deleted ')
            + num(report.deletedBackups) + ' backup(s), ' + num(report.deletedWalletRows) + ' wallet rows, freeing '
            + bytes(report.bytesFreed) + ' (' + (report.policy === 'retention' ? 'retention policy'
                : 'older than ' + report.daysToKeep + ' days') + '; the ' + report.keepNewest
            + ' newest completed backups are kept).')];
        if (report.backups.length) {
            parts.push(table('cleanup-candidates', ['Backup', 'Name', 'Type', 'Status', 'Taken', 'Expired',
                'Age (days)', 'Wallets', 'Size'], report.backups.map(b => [
                el('a', { href: '/console/backup?id=' + b.id }, '#' + b.id), b.backupName, b.backupType, b.status,
                time(b.backupTimestamp), time(b.expiresAt), b.ageDays, b.walletRows, bytes(b.sizeBytes)])));
        }
        return parts;
    }

    function initCleanup() {
        const form = document.getElementById('cleanup-form');
        if (!form) {
            return;
        }
        const days = document.getElementById('cleanup-days');
        const preview = document.getElementById('cleanup-dry-run');
        const section = document.getElementById('cleanup-report');
        const body = document.getElementById('cleanup-report-body');
        const execute = document.getElementById('cleanup-execute-form');
        let request = null;

        function requestBody(dryRun) {
            const body = { dryRun: dryRun };
            if (days.value.trim() !== '') {
                body.daysToKeep = Number(days.value);
            }
            return body;
        }

        days.addEventListener('input', () => {
            request = null;
            if (execute) {
                execute.hidden = true;
            }
        });

        form.addEventListener('submit', async event => {
            event.preventDefault();
            if (days.value.trim() !== '' && !/^\d+$/.test(days.value.trim())) {
                days.setAttribute('aria-invalid', 'true');
                section.hidden = false;
                showProblem(body, new Problem('Invalid input', 'daysToKeep must be a whole number from 0 to 36500.'));
                return;
            }
            days.setAttribute('aria-invalid', 'false');
            busy(preview, true);
            try {
                const report = await call('POST', '/console/api/cleanup', requestBody(true));
                request = requestBody(false);
                show(body, true, ...renderReport(report));
                section.hidden = false;
                if (execute) {
                    execute.hidden = report.backups.length === 0;
                }
            } catch (problem) {
                section.hidden = false;
                showProblem(body, problem);
            } finally {
                busy(preview, false);
            }
        });

        if (!execute) {
            return;
        }
        const run = document.getElementById('cleanup-execute');
        execute.addEventListener('submit', async event => {
            event.preventDefault();
            if (!request) {
                return;
            }
            busy(run, true);
            try {
                const report = await call('POST', '/console/api/cleanup', request);
                show(body, true, ...renderReport(report));
                execute.hidden = true;
                request = null;
            } catch (problem) {
                showProblem(body, problem);
            } finally {
                busy(run, false);
            }
        });
    }

    document.addEventListener('DOMContentLoaded', () => {
        for (const result of document.querySelectorAll('.result')) {
            result.setAttribute('tabindex', '-1');
        }
        initCreate();
        initBackup();
        initRestore();
        initCleanup();
    });
}());
