// The demo storefront: what a buyer does through the public API, and the API's answers in words.
document.addEventListener('alpine:init', () => {
  const WORDS = {
    AWAITING_PAYMENT: 'awaiting payment', PAID: 'paid', CANCELLED: 'cancelled', EXPIRED: 'expired',
    REJECTED: 'not placed', PLACING: 'being placed', PAYING: 'being paid',
    CREDIT: 'top-up', FREEZE: 'held for a payment', UNFREEZE: 'hold given back', DEBIT: 'paid', REFUND: 'refund'
  };

  Alpine.data('shop', () => ({
    config: { method: 'pending' },
    user: null,
    form: { userId: '' },
    skus: [], quantities: {}, basket: [], payWhen: 'now',
    orders: [], wallet: null, ledger: [],
    message: '', messageKind: '', busy: false, now: Date.now(),

    async start() {
      setInterval(() => { this.now = Date.now(); }, 1000);
      const resumed = await orderpay.resume();
      this.config = resumed.config;
      if (resumed.problem) { this.fail(resumed.problem); }
      this.user = orderpay.session.user();
      if (this.user) { await this.refresh(); }
    },

    async signInLocally() {
      try {
        await orderpay.signInWithDevToken(this.form.userId.trim(), ['USER']);
        this.user = orderpay.session.user();
        this.say('Welcome, ' + this.user.userId + '.');
        await this.refresh();
      } catch (problem) { this.fail(problem); }
    },

    async signOut() {
      await orderpay.signOut(this.config);
      this.user = null; this.orders = []; this.basket = []; this.wallet = null; this.ledger = [];
      this.say('You are signed out.');
    },

    async refresh() {
      try {
        const [skus, orders, wallet, ledger] = await Promise.all([
          orderpay.api('GET', '/api/skus'), orderpay.api('GET', '/api/orders?limit=20'),
          orderpay.api('GET', '/api/wallet'), orderpay.api('GET', '/api/wallet/ledger?limit=10')]);
        this.skus = skus;
        skus.forEach(sku => { if (!this.quantities[sku.skuId]) { this.quantities[sku.skuId] = 1; } });
        this.orders = orders.orders;
        this.wallet = wallet;
        this.ledger = ledger.entries;
      } catch (problem) { this.fail(problem); }
    },

    addToBasket(sku) {
      const quantity = Number(this.quantities[sku.skuId]) || 1;
      const line = this.basket.find(l => l.skuId === sku.skuId);
      if (line) { line.quantity += quantity; } else {
        this.basket.push({ skuId: sku.skuId, name: sku.name, price: sku.price, quantity });
      }
      this.say(quantity + ' × ' + sku.name + ' added to your basket.');
    },

    removeFromBasket(skuId) {
      this.basket = this.basket.filter(l => l.skuId !== skuId);
    },

    basketTotal() {
      // Shown only: the order's total is the server's, from the catalogue at placement time.
      const cents = this.basket.reduce((sum, l) => sum + Math.round(Number(l.price) * 100) * l.quantity, 0);
      return (cents / 100).toFixed(2);
    },

    async placeOrder() {
      const body = { items: this.basket.map(l => ({ skuId: l.skuId, quantity: l.quantity })), payNow: this.payWhen === 'now' };
      await this.act(async () => {
        const order = await orderpay.once('place', '/api/orders', body);
        this.basket = [];
        this.say(order.status === 'PAID' ? 'Thank you! Order ' + order.orderNo + ' is paid.'
          : 'Order ' + order.orderNo + ' is placed and held for you: pay it within ' + this.countdown(order) + '.');
      });
    },

    async pay(order) {
      await this.act(async () => {
        const paid = await orderpay.once('pay ' + order.orderNo, '/api/orders/' + order.orderNo + '/payment');
        this.say('Order ' + paid.orderNo + ' is paid. Thank you!');
      });
    },

    async cancel(order) {
      await this.act(async () => {
        const cancelled = await orderpay.once('cancel ' + order.orderNo, '/api/orders/' + order.orderNo + '/cancellation');
        this.say('Order ' + cancelled.orderNo + ' is cancelled; nothing was charged.');
      });
    },

    async act(action) {
      this.busy = true;
      try { await action(); } catch (problem) { this.fail(problem); } finally {
        this.busy = false;
        if (orderpay.session.user()) { await this.refresh(); } else { this.user = null; }
      }
    },

    countdown(order) {
      return order.expiresAt ? orderpay.clock((new Date(order.expiresAt).getTime() - this.now) / 1000) : '';
    },

    words(code) { return WORDS[code] || code; },
    say(text) { this.message = text; this.messageKind = 'ok'; },
    fail(problem) {
      // the API names SKUs by id; a buyer knows them by name
      let text = problem.message || String(problem);
      this.skus.forEach(sku => { text = text.split(sku.skuId).join('"' + sku.name + '"'); });
      this.message = text;
      this.messageKind = 'error';
    }
  }));
});
