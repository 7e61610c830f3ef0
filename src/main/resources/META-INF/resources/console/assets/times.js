// Gold Backup console: times as people read them. Every <time datetime> of a page reads as a relative time
// ("3 h ago"), with the exact UTC time and the local time in its title; data-format="full" reads in full in the local
// time zone (UTC in the title); data-format="elapsed" reads as the time since ("1 min 12 s"). The server renders UTC
// (or a relative time as of the render), which stays for a page without script.

const local = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit',
    minute: '2-digit', second: '2-digit', timeZoneName: 'short' });

/** The exact time in UTC, as the server writes it: 2026-12-01 02:11:14 UTC. */
export function utc(date) {
    return date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

/** {@code date} relative to {@code now}: "just now", "42 s ago", "5 min ago", "3 h ago" (up to two days), "4 d ago". */
export function relative(date, now = Date.now()) {
    const seconds = Math.round((now - date.getTime()) / 1000);
    const s = Math.abs(seconds);
    if (s < 5) {
        return 'just now';
    }
    const span = s < 60 ? s + ' s' : s < 3600 ? Math.floor(s / 60) + ' min'
        : s < 48 * 3600 ? Math.floor(s / 3600) + ' h' : Math.floor(s / 86400) + ' d';
    return seconds < 0 ? 'in ' + span : span + ' ago';
}

/** The time since {@code date}: "12 s", "3 min 4 s", "2 h 5 min". */
export function elapsed(date, now = Date.now()) {
    const s = Math.max(0, Math.floor((now - date.getTime()) / 1000));
    if (s < 60) {
        return s + ' s';
    }
    if (s < 3600) {
        return Math.floor(s / 60) + ' min ' + (s % 60) + ' s';
    }
    return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
}

/** Renders every time of {@code root} as its format says; a title the server gave beyond the time is kept after it. */
export function renderTimes(root = document) {
    const now = Date.now();
    for (const time of root.querySelectorAll('time[datetime]')) {
        const date = new Date(time.getAttribute('datetime'));
        if (Number.isNaN(date.getTime())) {
            continue;
        }
        if (time.dataset.note === undefined) {
            time.dataset.note = time.title && time.title !== utc(date) ? time.title : '';
        }
        const format = time.dataset.format;
        time.textContent = format === 'full' ? local.format(date)
            : format === 'elapsed' ? elapsed(date, now) : relative(date, now);
        time.title = utc(date) + ' (' + local.format(date) + ')' + (time.dataset.note ? ': ' + time.dataset.note : '');
    }
}

renderTimes();
setInterval(() => {
    if (!document.hidden) {
        renderTimes();
    }
}, 15000);
