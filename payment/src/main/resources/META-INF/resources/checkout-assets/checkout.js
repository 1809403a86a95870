// Mobile checkout: shows the order, creates the payment, hands over to the provider, and on return polls the
// payment service until it can say paid, failed or closed. The redirect back from a provider proves nothing;
// only GET /api/payments/{paySn} (which the server settles from the provider's verified notification or its own
// query) does.
(function () {
  'use strict';
  var app = document.getElementById('app');
  var orderApi = app.getAttribute('data-order-api') || '';
  var orderSn = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() || '');
  var params = new URLSearchParams(location.search);
  var POLL_MS = 2000, POLL_LIMIT = 90;

  // The host app opens /checkout/{orderSn}#token=<JWT>: a fragment never reaches a server or a Referer.
  var hash = new URLSearchParams(location.hash.slice(1));
  if (hash.get('token')) {
    sessionStorage.setItem('checkout.token', hash.get('token'));
    history.replaceState(null, '', location.pathname + location.search);
  }
  var token = sessionStorage.getItem('checkout.token');

  function $(id) { return document.getElementById(id); }
  function show(id, on) { $(id).hidden = !on; }
  function yuan(fen) { return (Math.floor(fen / 100)) + '.' + String(fen % 100).padStart(2, '0'); }
  function fail(message) { $('error').textContent = message; show('error', true); }

  function api(method, url, body) {
    return fetch(url, {
      method: method,
      headers: { 'Authorization': 'Bearer ' + token, 'Content-Type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined
    }).then(function (response) {
      return response.text().then(function (text) {
        var data = text ? JSON.parse(text) : {};
        if (!response.ok) { throw new Error(data.detail || data.title || ('HTTP ' + response.status)); }
        return data;
      });
    });
  }

  function inWeChat() { return /MicroMessenger/i.test(navigator.userAgent); }
  function onPhone() { return /Android|iPhone|iPad|Mobile/i.test(navigator.userAgent); }
  function backUrl(paySn) { return location.origin + location.pathname + '?paySn=' + encodeURIComponent(paySn); }

  function setStatus(state, detail) {
    var labels = { SUCCESS: 'Paid', REFUND: 'Paid (refund in progress)', CLOSED: 'Closed', PAYERROR: 'Payment failed',
      NOTPAY: 'Waiting for payment...', USERPAYING: 'Waiting for you to confirm...' };
    var css = { SUCCESS: 'paid', REFUND: 'paid', CLOSED: 'closed', PAYERROR: 'failed' };
    $('status-text').textContent = labels[state] || state;
    $('status-text').className = 'state ' + (css[state] || '');
    $('status-text').setAttribute('data-state', state);
    $('status-detail').textContent = detail || '';
    show('status', true);
  }

  function poll(paySn, round) {
    api('GET', '/api/payments/' + encodeURIComponent(paySn)).then(function (payment) {
      setStatus(payment.state, payment.stateDesc || '');
      var settled = ['SUCCESS', 'REFUND', 'CLOSED', 'PAYERROR'].indexOf(payment.state) >= 0;
      if (!settled && round < POLL_LIMIT) {
        setTimeout(function () { poll(paySn, round + 1); }, POLL_MS);
      } else if (!settled) {
        setStatus(payment.state, 'Still waiting for the provider; refresh this page to check again.');
      }
    }).catch(function (e) { fail(e.message); });
  }

  function pay(channel) {
    $('pay-wechat').disabled = $('pay-alipay').disabled = true;
    var body = { orderSn: orderSn, channel: channel, returnUrl: location.origin + location.pathname };
    api('POST', '/api/payments', body).then(function (payment) {
      sessionStorage.setItem('checkout.paySn.' + orderSn, payment.paySn);
      var prepay = payment.prepay || {};
      if (channel === 'WECHAT_JSAPI' && window.WeixinJSBridge) {
        window.WeixinJSBridge.invoke('getBrandWCPayRequest', prepay, function () { poll(payment.paySn, 0); });
      } else if (channel === 'WECHAT_H5') {
        location.href = prepay.h5Url + (prepay.h5Url.indexOf('?') < 0 ? '?' : '&')
          + 'redirect_url=' + encodeURIComponent(backUrl(payment.paySn));
      } else if (channel === 'WECHAT_NATIVE') {
        $('native-code').textContent = prepay.codeUrl;
        show('native', true);
        poll(payment.paySn, 0);
      } else if (channel === 'ALIPAY_WAP') {
        location.href = prepay.payUrl;
      } else {
        poll(payment.paySn, 0);
      }
    }).catch(function (e) {
      fail(e.message);
      $('pay-wechat').disabled = $('pay-alipay').disabled = false;
    });
  }

  $('pay-wechat').addEventListener('click', function () {
    pay(inWeChat() ? 'WECHAT_JSAPI' : onPhone() ? 'WECHAT_H5' : 'WECHAT_NATIVE');
  });
  $('pay-alipay').addEventListener('click', function () { pay('ALIPAY_WAP'); });

  if (!token) { fail('Open this page from the app: no sign-in token was given.'); return; }
  api('GET', orderApi + '/api/orders/' + encodeURIComponent(orderSn)).then(function (order) {
    $('order-title').textContent = order.title;
    $('order-amount').textContent = yuan(order.amountFen);
    $('order-sn').textContent = order.orderSn;
    $('order-state').textContent = order.state;
    show('order-loading', false);
    show('order-details', true);
    var returning = params.get('paySn') || sessionStorage.getItem('checkout.paySn.' + orderSn);
    if (returning) {
      poll(returning, 0);
    }
    if (order.state === 'WAIT_PAY') {
      show('choose', true);
    }
  }).catch(function (e) { fail(e.message); });
})();
