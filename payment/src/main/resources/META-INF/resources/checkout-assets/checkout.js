// Checkout: shows the order, offers the channels that fit the device, creates the payment, hands over to the
// provider (or shows the code to scan), and polls the payment service until it can say paid, failed or closed.
// Nothing the browser is told by a provider (a redirect back, WeixinJSBridge's "ok") proves a payment; only
// GET /api/payments/{paySn} does, which the server settles from a verified notification or its own query.
(function () {
  'use strict';
  var TEXT = {
    'zh-CN': {
      title: '收银台', loading: '正在加载订单…', orderNo: '订单号', remaining: '剩余支付时间', choose: '选择支付方式',
      amount: '金额', expired: '订单已过期', expiredDetail: '支付时间已过，本订单不能再支付。请回到应用重新下单。',
      restart: '重新开始',
      channel: { WECHAT_JSAPI: '微信支付', WECHAT_H5: '微信支付', WECHAT_NATIVE: '微信扫码支付',
        ALIPAY_WAP: '支付宝', ALIPAY_QR: '支付宝扫码支付', ALIPAY_PC: '支付宝网页支付' },
      scan: { WECHAT_NATIVE: '请使用微信“扫一扫”扫码支付', ALIPAY_QR: '请使用支付宝“扫一扫”扫码支付' },
      order: { WAIT_PAY: '待支付', CANCELLED: '已取消', EXPIRED: '已过期', WAIT_USE: '已支付，待使用', USED: '已使用',
        REFUNDING: '退款中', REFUNDED: '已退款' },
      payment: { NOTPAY: '待支付', USERPAYING: '支付中，请在手机上确认', SUCCESS: '支付成功', REFUND: '支付成功（已退款）',
        CLOSED: '已关闭', PAYERROR: '支付失败' },
      stillWaiting: '仍在等待支付结果，请稍后刷新本页查看。',
      cancelled: '您已取消支付，可以重新支付。', jsapiFailed: '微信支付未能完成，可以重新支付。',
      noToken: '请从应用内打开本页：缺少登录凭证。',
      network: '网络连接失败，请检查网络后重试。', unreadable: '服务暂时不可用（HTTP {status}），请稍后重试。',
      codes: { PROVIDER_UNAVAILABLE: '支付渠道暂时不可用，请稍后重试。', PROVIDER_REJECTED: '支付渠道拒绝了本次支付，请换一种方式或稍后重试。',
        PROVIDER_UNVERIFIABLE: '支付渠道的应答无法核实，请稍后重试。', ORDER_NOT_PAYABLE: '订单当前不可支付。',
        ORDER_ALREADY_PAID: '订单已支付。', ORDER_NOT_FOUND: '订单不存在。', CHANNEL_NOT_ENABLED: '该支付方式暂未开通。',
        OPENID_REQUIRED: '请在微信内打开本页使用微信支付。', ORDER_SERVICE_UNAVAILABLE: '订单服务暂时不可用，请稍后重试。' }
    },
    en: {
      title: 'Checkout', loading: 'Loading your order...', orderNo: 'Order', remaining: 'Time left to pay', choose: 'Choose how to pay',
      amount: 'Amount', expired: 'This order has expired', expiredDetail: 'The time to pay is over and this order can no longer be paid. Go back to the app to order again.',
      restart: 'Start again',
      channel: { WECHAT_JSAPI: 'WeChat Pay', WECHAT_H5: 'WeChat Pay', WECHAT_NATIVE: 'Scan with WeChat',
        ALIPAY_WAP: 'Alipay', ALIPAY_QR: 'Scan with Alipay', ALIPAY_PC: 'Alipay on the web' },
      scan: { WECHAT_NATIVE: 'Scan this code with WeChat to pay', ALIPAY_QR: 'Scan this code with Alipay to pay' },
      order: { WAIT_PAY: 'Waiting for payment', CANCELLED: 'Cancelled', EXPIRED: 'Expired', WAIT_USE: 'Paid, ready to use',
        USED: 'Used', REFUNDING: 'Refund in progress', REFUNDED: 'Refunded' },
      payment: { NOTPAY: 'Waiting for payment', USERPAYING: 'Confirm the payment on your phone', SUCCESS: 'Paid',
        REFUND: 'Paid (refunded)', CLOSED: 'Closed', PAYERROR: 'Payment failed' },
      stillWaiting: 'Still waiting for the result; refresh this page later to check again.',
      cancelled: 'You cancelled the payment. You can pay again.', jsapiFailed: 'WeChat Pay could not complete. You can pay again.',
      noToken: 'Open this page from the app: no sign-in token was given.',
      network: 'The network failed. Check your connection and try again.',
      unreadable: 'The service is unavailable right now (HTTP {status}). Please try again later.',
      codes: { PROVIDER_UNAVAILABLE: 'The payment provider is unavailable. Please try again later.',
        PROVIDER_REJECTED: 'The payment provider refused this payment. Try another way or again later.',
        PROVIDER_UNVERIFIABLE: 'The payment provider answered something we could not verify. Please try again later.',
        ORDER_NOT_PAYABLE: 'This order cannot be paid now.', ORDER_ALREADY_PAID: 'This order is already paid.',
        ORDER_NOT_FOUND: 'No such order.', CHANNEL_NOT_ENABLED: 'This way to pay is not available.',
        OPENID_REQUIRED: 'Open this page inside WeChat to pay with WeChat Pay.',
        ORDER_SERVICE_UNAVAILABLE: 'The order service is unavailable. Please try again later.' }
    }
  };
  var SETTLED = ['SUCCESS', 'REFUND', 'CLOSED', 'PAYERROR'];
  // 2 s while the payer is most likely paying, then slower; stops when settled, at expiry, or after ~15 minutes.
  var BACKOFF_MS = [2000, 2000, 2000, 2000, 2000, 3000, 4000, 5000, 8000, 10000];
  var POLL_LIMIT = 100;

  var app = document.getElementById('app');
  var t = TEXT[document.documentElement.lang === 'en' ? 'en' : 'zh-CN'];
  var orderApi = app.getAttribute('data-order-api') || '';
  var orderSn = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() || '');
  var params = new URLSearchParams(location.search);

  // The host app opens /checkout/{orderSn}#token=<JWT>: a fragment never reaches a server or a Referer.
  var hash = new URLSearchParams(location.hash.slice(1));
  if (hash.get('token')) {
    sessionStorage.setItem('checkout.token', hash.get('token'));
    history.replaceState(null, '', location.pathname + location.search);
  }
  var token = sessionStorage.getItem('checkout.token');
  var order = null, deadline = 0, expired = false, pollTimer = null, pollingPaySn = null;

  function $(id) { return document.getElementById(id); }
  function show(id, on) { $(id).hidden = !on; }
  function yuan(fen) { return Math.floor(fen / 100) + '.' + String(fen % 100).padStart(2, '0'); }
  function fail(message) { $('error').textContent = message; $('error').className = 'error'; show('error', true); }
  function notice(message) { $('error').textContent = message; $('error').className = 'notice'; show('error', !!message); }

  document.querySelectorAll('[data-i18n]').forEach(function (el) { el.textContent = t[el.getAttribute('data-i18n')]; });

  /** JSON in, JSON out; an answer that is not JSON (a proxy's HTML 502) becomes a readable message. */
  function api(method, url, body) {
    return fetch(url, {
      method: method,
      headers: { 'Authorization': 'Bearer ' + token, 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: body ? JSON.stringify(body) : undefined
    }).then(function (response) {
      return response.text().then(function (text) {
        var data = null;
        try { data = text ? JSON.parse(text) : {}; } catch (ignored) { data = null; }
        if (!response.ok || data === null) {
          var known = data && data.code && t.codes[data.code];
          var error = new Error(known || (data && data.detail) || t.unreadable.replace('{status}', response.status));
          error.code = data && data.code;
          throw error;
        }
        return data;
      });
    }, function () { throw new Error(t.network); });
  }

  function inWeChat() { return /MicroMessenger/i.test(navigator.userAgent); }
  function onPhone() { return /Android|iPhone|iPad|Mobile/i.test(navigator.userAgent); }
  /** WeChat JSAPI only inside WeChat (Alipay links do not open there), H5 on phones, codes and the web cashier on desktops. */
  function channelsForDevice() {
    if (inWeChat()) { return ['WECHAT_JSAPI']; }
    return onPhone() ? ['WECHAT_H5', 'ALIPAY_WAP'] : ['WECHAT_NATIVE', 'ALIPAY_QR', 'ALIPAY_PC'];
  }
  function backUrl(paySn) { return location.origin + location.pathname + '?paySn=' + encodeURIComponent(paySn); }

  function enableChoices(on) {
    document.querySelectorAll('#channels button').forEach(function (b) { b.disabled = !on; });
  }

  function setStatus(state, detail) {
    var css = { SUCCESS: 'paid', REFUND: 'paid', CLOSED: 'closed', PAYERROR: 'failed' };
    $('status-text').textContent = t.payment[state] || state;
    $('status-text').className = 'state ' + (css[state] || '');
    $('status-text').setAttribute('data-state', state);
    $('status-detail').textContent = detail || '';
    show('status', true);
  }

  function stopPolling() {
    if (pollTimer) { clearTimeout(pollTimer); }
    pollTimer = null;
    pollingPaySn = null;
  }

  function poll(paySn, round) {
    if (round === 0) { stopPolling(); }
    pollingPaySn = paySn;
    api('GET', '/api/payments/' + encodeURIComponent(paySn)).then(function (payment) {
      if (pollingPaySn !== paySn) { return; }
      setStatus(payment.state, '');
      if (SETTLED.indexOf(payment.state) >= 0) {
        settled(payment);
      } else if (expired) {
        stopPolling();
        show('status', false); // "waiting for payment" under "expired" would contradict it
      } else if (round < POLL_LIMIT) {
        pollTimer = setTimeout(function () { poll(paySn, round + 1); }, BACKOFF_MS[Math.min(round, BACKOFF_MS.length - 1)]);
      } else {
        setStatus(payment.state, t.stillWaiting);
      }
    }).catch(function (e) { fail(e.message); });
  }

  function settled(payment) {
    stopPolling();
    if (payment.state === 'SUCCESS' || payment.state === 'REFUND') {
      show('choose', false);
      show('qr', false);
      show('countdown', false);
      show('expired', false);
      notice('');
      expired = false;
      deadline = 0;
    }
  }

  function showQr(payment) {
    $('qr-hint').textContent = t.scan[payment.channel];
    $('qr-amount').textContent = yuan(payment.amountFen);
    $('qr-image').alt = t.scan[payment.channel];
    $('qr-image').setAttribute('data-pay-sn', payment.paySn);
    fetch('/api/payments/' + encodeURIComponent(payment.paySn) + '/qr.svg', { headers: { 'Authorization': 'Bearer ' + token } })
      .then(function (response) {
        if (!response.ok) { throw new Error(t.unreadable.replace('{status}', response.status)); }
        return response.blob();
      }).then(function (svg) {
        $('qr-image').src = URL.createObjectURL(svg);
        show('qr', true);
      }).catch(function (e) { fail(e.message); });
  }

  /** WeixinJSBridge exists only once WeChat says so; its "ok" is a hint to poll, not proof. */
  function payInWeChat(payment) {
    function invoke() {
      window.WeixinJSBridge.invoke('getBrandWCPayRequest', payment.prepay, function (res) {
        var outcome = (res && res.err_msg) || '';
        if (outcome === 'get_brand_wcpay_request:cancel') {
          notice(t.cancelled);
          enableChoices(true);
        } else if (outcome !== 'get_brand_wcpay_request:ok') {
          notice(t.jsapiFailed);
          enableChoices(true);
        }
        poll(payment.paySn, 0);
      });
    }
    if (window.WeixinJSBridge && window.WeixinJSBridge.invoke) {
      invoke();
    } else {
      document.addEventListener('WeixinJSBridgeReady', invoke, false);
    }
  }

  function pay(channel) {
    enableChoices(false);
    notice('');
    var body = { orderSn: orderSn, channel: channel, returnUrl: location.origin + location.pathname };
    api('POST', '/api/payments', body).then(function (payment) {
      sessionStorage.setItem('checkout.paySn.' + orderSn, payment.paySn);
      var prepay = payment.prepay || {};
      if (channel === 'WECHAT_JSAPI') {
        payInWeChat(payment);
      } else if (channel === 'WECHAT_H5') {
        location.href = prepay.h5Url + (prepay.h5Url.indexOf('?') < 0 ? '?' : '&')
          + 'redirect_url=' + encodeURIComponent(backUrl(payment.paySn));
      } else if (channel === 'ALIPAY_WAP' || channel === 'ALIPAY_PC') {
        location.href = prepay.payUrl;
      } else {
        showQr(payment);
        enableChoices(true);
        poll(payment.paySn, 0);
      }
    }).catch(function (e) {
      fail(e.message);
      enableChoices(true);
    });
  }

  function renderChoices() {
    var box = $('channels');
    channelsForDevice().forEach(function (channel) {
      var button = document.createElement('button');
      button.type = 'button';
      button.id = 'pay-' + channel;
      button.className = 'pay ' + (channel.indexOf('WECHAT') === 0 ? 'wechat' : 'alipay');
      button.setAttribute('data-channel', channel);
      button.textContent = t.channel[channel];
      button.addEventListener('click', function () { pay(channel); });
      box.appendChild(button);
    });
    show('choose', true);
  }

  function two(n) { return String(n).padStart(2, '0'); }

  function tick() {
    if (!deadline) { return; }
    var left = Math.max(0, Math.floor((deadline - Date.now()) / 1000));
    var text = (left >= 3600 ? Math.floor(left / 3600) + ':' : '') + two(Math.floor(left / 60) % 60) + ':' + two(left % 60);
    $('countdown-time').textContent = text;
    $('qr-countdown').textContent = text;
    if (left === 0) {
      expire();
    } else {
      setTimeout(tick, 1000);
    }
  }

  /** Time is up: no more paying here. One last look, in case the payer paid in the final seconds. */
  function expire() {
    var last = pollingPaySn || sessionStorage.getItem('checkout.paySn.' + orderSn);
    expired = true;
    stopPolling();
    show('choose', false);
    show('qr', false);
    show('countdown', false);
    show('expired', true);
    setOrderState('EXPIRED');
    if (last) { poll(last, 0); }
  }

  function setOrderState(state) {
    $('order-state').textContent = t.order[state] || state;
    $('order-state').setAttribute('data-state', state);
  }

  $('restart').addEventListener('click', function () { location.reload(); });

  if (!token) { show('order-loading', false); fail(t.noToken); return; }
  api('GET', orderApi + '/api/orders/' + encodeURIComponent(orderSn)).then(function (loaded) {
    order = loaded;
    $('order-title').textContent = order.title;
    $('order-amount').textContent = yuan(order.amountFen);
    $('order-sn').textContent = order.orderSn;
    setOrderState(order.state);
    show('order-loading', false);
    show('order-details', true);
    var returning = params.get('paySn') || sessionStorage.getItem('checkout.paySn.' + orderSn);
    if (order.state === 'WAIT_PAY') {
      deadline = Date.parse(order.expireAt) || 0;
      show('countdown', deadline > 0);
      renderChoices();
      tick();
    } else if (order.state === 'EXPIRED') {
      show('expired', true);
      show('restart', false);
    }
    if (returning && !expired) {
      poll(returning, 0);
    }
  }).catch(function (e) { show('order-loading', false); fail(e.message); });
})();
