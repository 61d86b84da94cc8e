// The operations console: every read and the one action it offers (starting a reconciliation run) go through the
// public admin API with the operator's token. It reads no database.
document.addEventListener('alpine:init', () => {
  // Chart.js objects stay out of Alpine's reactive state (its proxies would wrap them).
  const charts = {};
  let trafficTimer = null;

  Alpine.data('console', () => ({
    config: { method: 'pending' },
    user: null,
    form: { userId: '', roles: ['ADMIN', 'USER'] },
    tabs: [{ id: 'orders', label: 'Orders' }, { id: 'stock', label: 'Stock' }, { id: 'wallets', label: 'Wallets' },
      { id: 'reconciliation', label: 'Reconciliation' }, { id: 'alerts', label: 'Alerts' }, { id: 'traffic', label: 'Traffic' }],
    tab: 'orders',
    statuses: ['PLACING', 'AWAITING_PAYMENT', 'PAYING', 'PAID', 'REJECTED', 'CANCELLED', 'EXPIRED'],
    orderSearch: { userId: '', status: '', olderThan: '', stuck: false },
    orderPage: [], orderCursor: null, story: null, reservation: null, funds: null,
    skus: [], holdsOf: null, holds: [],
    walletUser: '', wallet: null, walletLedger: [],
    runs: [], findingsOf: null, findings: [],
    alertState: '', alerts: [], firingCount: 0,
    trafficSummary: 'No traffic sampled yet.',
    message: '', messageKind: '', busy: false,

    async start() {
      const resumed = await orderpay.resume();
      this.config = resumed.config;
      if (resumed.problem) { this.fail(resumed.problem); }
      this.user = orderpay.session.user();
      await this.enter();
    },

    isAdmin() { return !!this.user && this.user.roles.includes('ADMIN'); },

    /** Loads the first view, and only for an operator: anyone else sees the notice and nothing is called. */
    async enter() {
      if (!this.isAdmin()) { return; }
      await Promise.all([this.searchOrders(), this.countFiring()]);
    },

    async signInLocally() {
      try {
        await orderpay.signInWithDevToken(this.form.userId.trim(), this.form.roles);
        this.user = orderpay.session.user();
        this.message = '';
        await this.enter();
      } catch (problem) { this.fail(problem); }
    },

    async signOut() {
      await orderpay.signOut(this.config);
      this.stopTraffic();
      this.user = null; this.story = null; this.wallet = null;
      this.say('You are signed out.');
    },

    async show(id) {
      this.tab = id;
      if (id !== 'traffic') { this.stopTraffic(); }
      if (id === 'stock') { await this.loadSkus(); }
      if (id === 'reconciliation') { await this.loadRuns(); }
      if (id === 'alerts') { await this.loadAlerts(); }
      if (id === 'traffic') { await this.startTraffic(); }
    },

    async call(method, path) {
      try { return await orderpay.api(method, path); } catch (problem) {
        if (problem.status === 401) { this.user = null; }
        this.fail(problem);
        throw problem;
      }
    },

    async optional(path) {
      try { return await orderpay.api('GET', path); } catch (problem) {
        if (problem.status === 404) { return null; }
        this.fail(problem);
        return null;
      }
    },

    // ---- orders ------------------------------------------------------------------------------------------------

    async searchOrders(more) {
      const q = new URLSearchParams({ limit: '20' });
      if (this.orderSearch.userId.trim()) { q.set('userId', this.orderSearch.userId.trim()); }
      if (this.orderSearch.status) { q.set('status', this.orderSearch.status); }
      if (this.orderSearch.olderThan) { q.set('olderThan', this.orderSearch.olderThan); }
      if (this.orderSearch.stuck) { q.set('stuck', 'true'); }
      if (more && this.orderCursor) { q.set('cursor', this.orderCursor); }
      try {
        const page = await this.call('GET', '/api/admin/orders?' + q);
        this.orderPage = more ? this.orderPage.concat(page.orders || []) : (page.orders || []);
        this.orderCursor = page.nextCursor || null;
      } catch (e) { /* shown */ }
    },

    async openOrder(orderNo) {
      try {
        const [story, reservation, funds] = await Promise.all([
          this.call('GET', '/api/admin/orders/' + encodeURIComponent(orderNo)),
          this.optional('/api/admin/stock-reservations/' + encodeURIComponent(orderNo)),
          this.optional('/api/admin/funds-freezes/' + encodeURIComponent(orderNo))]);
        this.story = story; this.reservation = reservation; this.funds = funds;
        this.$nextTick(() => document.getElementById('order-story').scrollIntoView({ block: 'start' }));
      } catch (e) { /* shown */ }
    },

    // ---- stock and wallets -------------------------------------------------------------------------------------

    async loadSkus() {
      try { this.skus = await this.call('GET', '/api/admin/skus'); } catch (e) { /* shown */ }
    },

    async openHolds(skuId) {
      try {
        this.holds = await this.call('GET', '/api/admin/skus/' + encodeURIComponent(skuId) + '/holds');
        this.holdsOf = skuId;
      } catch (e) { /* shown */ }
    },

    async openWallet() {
      const user = this.walletUser.trim();
      try {
        const [wallet, ledger] = await Promise.all([
          this.call('GET', '/api/admin/wallets/' + encodeURIComponent(user)),
          this.call('GET', '/api/admin/wallets/' + encodeURIComponent(user) + '/ledger?limit=50')]);
        this.wallet = wallet; this.walletLedger = ledger.entries;
      } catch (e) { /* shown */ }
    },

    // ---- reconciliation and alerts -----------------------------------------------------------------------------

    async loadRuns() {
      try { this.runs = (await this.call('GET', '/api/admin/reconciliation/runs?limit=20')).runs; } catch (e) { /* shown */ }
    },

    /** The console's one action: recorded by compensation-service as a run requested by this operator. */
    async startRun() {
      this.busy = true;
      try {
        const started = await orderpay.once('start reconciliation run', '/api/admin/reconciliation/runs');
        this.say('Run ' + started.runId + ' started.');
        let run;
        for (let i = 0; i < 120; i++) {
          run = await this.call('GET', '/api/admin/reconciliation/runs/' + encodeURIComponent(started.runId));
          if (run.status !== 'RUNNING') { break; }
          await new Promise(resolve => setTimeout(resolve, 1000));
        }
        await this.loadRuns();
        await this.openFindings(started.runId);
        await this.countFiring();
        this.say('Run ' + run.runId + ' ' + run.status.toLowerCase() + ': ' + run.checked + ' records checked, '
          + run.repaired + ' repaired, ' + run.flagged + ' flagged.');
      } catch (problem) { this.fail(problem); } finally { this.busy = false; }
    },

    async openFindings(runId) {
      try {
        this.findings = (await this.call('GET', '/api/admin/reconciliation/runs/' + encodeURIComponent(runId)
          + '/findings?limit=100')).findings;
        this.findingsOf = runId;
      } catch (e) { /* shown */ }
    },

    async loadAlerts() {
      try {
        this.alerts = (await this.call('GET', '/api/admin/alerts?limit=100' + (this.alertState ? '&state=' + this.alertState : ''))).alerts;
      } catch (e) { /* shown */ }
      await this.countFiring();
    },

    async countFiring() {
      try { this.firingCount = (await orderpay.api('GET', '/api/admin/alerts?state=FIRING&limit=100')).alerts.length; } catch (e) { /* the tab shows it */ }
    },

    // ---- traffic ------------------------------------------------------------------------------------------------

    async startTraffic() {
      await this.loadTraffic();
      this.stopTraffic();
      trafficTimer = setInterval(() => this.loadTraffic(), 10000);
    },

    stopTraffic() {
      if (trafficTimer) { clearInterval(trafficTimer); trafficTimer = null; }
    },

    async loadTraffic() {
      let overview;
      try { overview = await this.call('GET', '/api/admin/metrics/overview?window=PT15M'); } catch (e) { return; }
      const points = overview.points;
      const labels = points.map(p => new Date(p.at).toLocaleTimeString());
      // one sentence over the window, also the charts' accessible name
      const sum = key => points.reduce((total, p) => total + (p[key] || 0), 0);
      const placements = sum('placements');
      const paid = sum('paymentsPaid');
      const failedPayments = sum('paymentsFailed');
      const worstP95 = Math.max(0, ...points.map(p => p.latencyP95Millis || 0));
      this.trafficSummary = points.length === 0 ? 'No traffic sampled yet.' : 'Last 15 minutes: ' + placements
        + ' placements (' + sum('placementsFailed') + ' failed on our side, peak '
        + Math.max(...points.map(p => p.placementsPerSecond)).toFixed(2) + ' placements/s), ' + paid + ' payments paid, '
        + failedPayments + ' failed, ' + sum('paymentsDeclined') + ' declined; worst placement p95 '
        + (worstP95 ? worstP95 + ' ms' : 'none') + ' (' + overview.replicas + ' order-service replica'
        + (overview.replicas === 1 ? '' : 's') + ', a point every ' + overview.stepSeconds + ' s).';
      this.draw('throughput-chart', labels, [
        { label: 'Placements per second', data: points.map(p => p.placementsPerSecond), borderColor: '#1f5fbf', backgroundColor: '#1f5fbf', yAxisID: 'y' },
        { label: 'Placements without failure (%)', data: points.map(p => p.placementSuccessPercent), borderColor: '#1c7c43', backgroundColor: '#1c7c43', yAxisID: 'percent', borderDash: [6, 3] },
        { label: 'Payments succeeded (%)', data: points.map(p => p.paymentSuccessPercent), borderColor: '#8a5a00', backgroundColor: '#8a5a00', yAxisID: 'percent', borderDash: [2, 2] }
      ], { y: { beginAtZero: true, title: { display: true, text: 'per second' } },
        percent: { position: 'right', min: 0, max: 100, grid: { drawOnChartArea: false }, title: { display: true, text: '%' } } });
      this.draw('latency-chart', labels, [
        { label: 'p50 (ms)', data: points.map(p => p.latencyP50Millis), borderColor: '#1c7c43', backgroundColor: '#1c7c43' },
        { label: 'p95 (ms)', data: points.map(p => p.latencyP95Millis), borderColor: '#8a5a00', backgroundColor: '#8a5a00' },
        { label: 'p99 (ms)', data: points.map(p => p.latencyP99Millis), borderColor: '#b3261e', backgroundColor: '#b3261e' }
      ], { y: { beginAtZero: true, title: { display: true, text: 'placement latency, ms' } } });
    },

    draw(id, labels, datasets, scales) {
      const canvas = document.getElementById(id);
      if (!canvas) { return; }
      if (charts[id]) {
        charts[id].data.labels = labels;
        charts[id].data.datasets.forEach((set, i) => { set.data = datasets[i].data; });
        charts[id].update('none');
        return;
      }
      charts[id] = new Chart(canvas, {
        type: 'line', data: { labels, datasets },
        options: { responsive: true, maintainAspectRatio: false, animation: false, spanGaps: true,
          interaction: { mode: 'index', intersect: false }, scales, plugins: { legend: { position: 'bottom' } } }
      });
    },

    say(text) { this.message = text; this.messageKind = 'ok'; },
    fail(problem) { this.message = problem.message || String(problem); this.messageKind = 'error'; }
  }));
});
