"""Screenshots of a running Odoo in headless Chromium, logged in as a user.

    .venv/bin/python tools/screenshot.py URL_PATH OUT.png [--login admin --password admin]
        [--base http://localhost:8069] [--db DB] [--width 1400 --height 900] [--wait 4]
        [--click "css selector"]... [--scroll "css selector"] [--reload] [--cdp-port 9333]

Drives Debian's chromium through the DevTools protocol with websocket-client (the same
package Odoo's browser tests use): logs in through /web/session/authenticate, sets the
session cookie, opens the page, optionally clicks elements, waits and saves a PNG.
"""

import argparse
import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request

import websocket


def authenticate(base, db, login, password):
    payload = json.dumps(
        {
            "jsonrpc": "2.0",
            "params": {"db": db, "login": login, "password": password},
        }
    ).encode()
    request = urllib.request.Request(
        f"{base}/web/session/authenticate", payload, {"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request) as response:
        body = json.loads(response.read())
        if body.get("error"):
            raise SystemExit(f"login failed: {body['error']['data']['message']}")
        cookie = response.headers.get("Set-Cookie", "")
    return cookie.split("session_id=")[1].split(";")[0]


class Page:
    def __init__(self, ws_url):
        self.ws = websocket.create_connection(ws_url, timeout=60)
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        return self.call("Runtime.evaluate", expression=expression, returnByValue=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("out")
    parser.add_argument("--base", default="http://localhost:8069")
    parser.add_argument("--db", default=os.environ.get("CD_DB", "customer_deposit_demo"))
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--wait", type=float, default=4.0)
    parser.add_argument("--click", action="append", default=[])
    parser.add_argument("--scroll", help="scroll this element into view before the shot")
    parser.add_argument("--reload", action="store_true", help="reload the page after the clicks")
    # Chromium's DevTools port: another one when screenshots are taken in parallel.
    parser.add_argument("--cdp-port", type=int, default=9333)
    args = parser.parse_args()

    session = authenticate(args.base, args.db, args.login, args.password)
    profile = tempfile.mkdtemp(prefix="cd-chromium-")
    port = args.cdp_port
    chromium = subprocess.Popen(
        [
            shutil.which("chromium") or "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            f"--user-data-dir={profile}",
            f"--remote-debugging-port={port}",
            f"--window-size={args.width},{args.height}",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _attempt in range(50):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/json") as response:
                    targets = json.loads(response.read())
                page_target = next(t for t in targets if t["type"] == "page")
                break
            except (OSError, StopIteration):
                time.sleep(0.2)
        page = Page(page_target["webSocketDebuggerUrl"])
        page.call("Network.enable")
        host = args.base.split("//")[1].split(":")[0]
        page.call("Network.setCookie", name="session_id", value=session, domain=host, path="/")
        page.call(
            "Emulation.setDeviceMetricsOverride",
            width=args.width,
            height=args.height,
            deviceScaleFactor=1,
            mobile=False,
        )
        page.call("Page.enable")
        page.call("Page.navigate", url=args.base + args.path)
        time.sleep(args.wait)
        for selector in args.click:
            page.evaluate(f"document.querySelector({json.dumps(selector)}).click()")
            time.sleep(args.wait)
        if args.reload:
            print(page.evaluate("location.href")["result"]["value"])
            page.call("Page.reload")
            time.sleep(args.wait)
        if args.scroll:
            page.evaluate(f"document.querySelector({json.dumps(args.scroll)}).scrollIntoView()")
            time.sleep(1)
        shot = page.call("Page.captureScreenshot", format="png")
        with open(args.out, "wb") as handle:
            handle.write(base64.b64decode(shot["data"]))
        print(args.out)
    finally:
        chromium.terminate()
        chromium.wait()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
