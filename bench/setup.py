#!/usr/bin/env python3
"""Creates N orders and their WECHAT_NATIVE payments through the public APIs; prints "paySn amountFen" lines."""
import json, sys, urllib.request
from concurrent.futures import ThreadPoolExecutor

order_url, payment_url, token, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])

def post(url, body):
    req = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                 headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.load(r)

def one(_):
    order = post(order_url + "/api/orders", {"productId": 1, "quantity": 1})
    pay = post(payment_url + "/api/payments", {"orderSn": order["orderSn"], "channel": "WECHAT_NATIVE"})
    return "%s %d" % (pay["paySn"], pay["amountFen"])

with ThreadPoolExecutor(8) as pool:
    for line in pool.map(one, range(n)):
        print(line)
