// The status page: live state from /status/stream (server-sent events), product reads from
// /products/{id}/answer, and the chaos buttons of /dev/redis when the dev-time app runs.
(function () {
	'use strict';

	const $ = (id) => document.getElementById(id);
	const text = (id, value) => { $(id).textContent = (value === null || value === undefined) ? '–' : String(value); };
	const time = (instant) => instant ? new Date(instant).toLocaleTimeString() : '–';

	function state(id, value) {
		const element = $(id);
		element.textContent = value;
		element.className = 'state state-' + value;
	}

	function bar(id, value, max, level) {
		const element = $(id);
		element.style.width = (max > 0) ? Math.min(100, (100 * value) / max) + '%' : '0';
		element.className = level || '';
	}

	function render(status) {
		state('redis-state', status.redis);
		if (status.breaker) {
			state('breaker-state', status.breaker.state);
			text('breaker-name', status.breaker.name);
		}
		const fallback = status.fallback;
		if (fallback) {
			state('fallback-active', fallback.active ? 'active' : 'inactive');
			text('fallback-since', fallback.active ? time(fallback.activeSince) : null);
			text('fallback-entries', fallback.entries);
			text('fallback-hits', fallback.hits);
			text('fallback-misses', fallback.misses);
			text('fallback-journal', fallback.journalSize + (fallback.journalSize === 1 ? ' key' : ' keys'));
		}
		const pool = status.pool;
		if (pool) {
			text('pool-active', pool.active);
			text('pool-idle', pool.idle);
			text('pool-waiting', pool.waiting);
			text('pool-max', pool.max);
			bar('pool-bar', pool.active, pool.max, pool.waiting > 0 ? 'CRITICAL' : '');
		}
		const server = status.server;
		if (server) {
			text('server-clients', server.connectedClients);
			text('server-max', server.maxClients);
			state('server-level', server.reachable ? server.level : 'unreachable');
			text('server-percent', server.utilizationPercent !== null ? server.utilizationPercent.toFixed(2) + ' %' : null);
			text('server-sampled', time(server.sampledAt));
			bar('server-bar', server.connectedClients || 0, server.maxClients || 0, server.level);
		}
		const reconnect = status.reconnect;
		if (reconnect) {
			state('reconnect-stuck', reconnect.stuck ? 'stuck' : (reconnect.attempts > 0 ? 'reconnecting' : 'ok'));
			text('reconnect-attempts', reconnect.attempts);
			text('reconnect-total', reconnect.totalAttempts);
		}
		renderEvents(status.events);
	}

	function renderEvents(events) {
		const rows = events.slice().reverse().map((event) => row([
			time(event.timestamp), { text: event.type, className: 'ev-' + event.type }, event.detail]));
		$('events').replaceChildren(...rows);
	}

	function row(cells) {
		const tr = document.createElement('tr');
		cells.forEach((cell) => {
			const td = document.createElement('td');
			if (cell instanceof Node) {
				td.appendChild(cell);
			}
			else if (cell !== null && typeof cell === 'object') {
				td.textContent = cell.text;
				td.className = cell.className || '';
			}
			else {
				td.textContent = cell;
			}
			tr.appendChild(td);
		});
		return tr;
	}

	function connect() {
		const source = new EventSource('status/stream');
		source.addEventListener('open', () => text('stream-state', 'live'));
		source.addEventListener('status', (event) => render(JSON.parse(event.data)));
		source.addEventListener('error', () => text('stream-state', 'reconnecting to the app…'));
	}

	// one product read, shown in the answers table; resolves to its source or ERROR
	async function read(id, show) {
		try {
			const response = await fetch('products/' + id + '/answer');
			if (!response.ok) {
				throw new Error('HTTP ' + response.status);
			}
			const answer = await response.json();
			if (show) {
				showAnswer(id, answer.product.name, answer.source, answer.durationMicros);
			}
			return { source: answer.source, micros: answer.durationMicros };
		}
		catch (ex) {
			if (show) {
				showAnswer(id, ex.message, 'ERROR', null);
			}
			return { source: 'ERROR', micros: null };
		}
	}

	function showAnswer(id, name, source, micros) {
		const chip = document.createElement('span');
		chip.className = 'src src-' + source;
		chip.textContent = source.replace('_', ' ');
		const took = millis(micros);
		const tr = row([new Date().toLocaleTimeString(), id + ': ' + name, chip, { text: took, className: 'num' }]);
		$('answers-table').hidden = false;
		const answers = $('answers');
		answers.insertBefore(tr, answers.firstChild);
		while (answers.children.length > 15) {
			answers.removeChild(answers.lastChild);
		}
	}

	function millis(micros) {
		return (micros === null || Number.isNaN(micros)) ? '–' : (micros / 1000).toFixed(micros < 10000 ? 2 : 0) + ' ms';
	}

	// N reads of products 1..3, a few at a time, counted by where the answer came from
	async function loop() {
		const total = Math.max(1, parseInt($('loop-count').value, 10) || 200);
		const counts = { REDIS: 0, DATABASE: 0, LOCAL_FALLBACK: 0, ERROR: 0 };
		const micros = { REDIS: 0, DATABASE: 0, LOCAL_FALLBACK: 0, ERROR: 0 };
		let next = 0;
		let done = 0;
		const show = () => {
			Object.keys(counts).forEach((source) => {
				text('count-' + source, counts[source]);
				text('avg-' + source, (counts[source] > 0 && source !== 'ERROR') ? millis(micros[source] / counts[source]) : null);
			});
			text('loop-done', done + ' / ' + total);
		};
		$('loop-run').disabled = true;
		text('loop-status', 'running…');
		show();
		const worker = async () => {
			while (next < total) {
				const id = (next++ % 3) + 1;
				const answer = await read(id, false);
				counts[answer.source]++;
				micros[answer.source] += answer.micros || 0;
				done++;
				show();
			}
		};
		await Promise.all(Array.from({ length: 8 }, worker));
		text('loop-status', 'done');
		$('loop-run').disabled = false;
	}

	async function devRedis(action) {
		const response = await fetch('dev/redis' + (action ? '/' + action : ''), { method: action ? 'POST' : 'GET' });
		if (response.status === 404) {
			return null;
		}
		const dev = await response.json();
		$('dev-panel').hidden = false;
		if (!dev.available) {
			$('dev-redis-unavailable').hidden = false;
			text('dev-redis-unavailable', dev.message);
			document.querySelectorAll('#dev-panel button').forEach((button) => { button.disabled = true; });
		}
		else {
			$('dev-redis-line').hidden = false;
			text('dev-redis-address', dev.host + ':' + dev.port);
			state('dev-redis-state', dev.state);
		}
		return dev;
	}

	document.querySelectorAll('button[data-product]').forEach((button) =>
		button.addEventListener('click', () => read(button.dataset.product, true)));
	document.querySelectorAll('#dev-panel button[data-action]').forEach((button) =>
		button.addEventListener('click', async () => {
			button.disabled = true;
			try {
				await devRedis(button.dataset.action);
			}
			finally {
				button.disabled = false;
			}
		}));
	$('loop-run').addEventListener('click', loop);
	devRedis(null).catch(() => {});
	connect();
})();
