# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Load run: many external API clients on a multi-worker Odoo, then the ledger invariant.

    ./dev load                     (CD_LOAD_SECONDS=60, CD_LOAD_CLIENTS=20, CD_LOAD_WORKERS=4)

``./dev test`` runs it briefly (4 clients, 2 workers, a dozen seconds) on its own test
database, after the test suite: CD_LOAD_DB names an existing database with customer_deposit
installed (and its admin / admin user) to use instead of installing one.

What it does:
1. installs customer_deposit (with demo data) on a throwaway database ``cd_load_<pid>``,
   unless CD_LOAD_DB gives one;
2. starts Odoo with ``--workers`` (prefork, real HTTP) on CD_LOAD_PORT (default 8169; its
   gevent process on CD_LOAD_PORT + 1);
3. creates CD_LOAD_CLIENTS users (billing users with the accountant's rights, so that they
   may refund), each logging in with its own password, and a few shared customers so that
   clients collide on the same deposits and invoices;
4. runs the clients for CD_LOAD_SECONDS seconds over JSON-RPC on the deposit mix, each looping
   over: register and post a deposit; post an invoice and apply a deposit of the same
   customer to it; refund part of a deposit; then, with the same clients on the same server
   for as long, the standard mix doing the same with Odoo's own flow: register and post a
   customer payment; post an invoice and pay part of it with the register-payment wizard
   (``account.payment.register``); pay a customer back (an outbound customer payment).
   CD_LOAD_MIXES (default ``deposit,standard``) runs one of them only;
5. reports, per mix, operations per second, p50 / p95 latency of an operation, lock
   refusals ("being changed / paid by another user"),
   other clean refusals (a UserError, e.g. the balance went to another client first) and
   errors (anything else, access errors included since the clients have every right: must
   be 0), then checks the ledger invariant with plain SQL: per company, the sum of the
   deposits' balances equals the deposit account's balance; every deposit's balance is
   between 0 and its amount and equals the sum of its own items on the deposit account.
   The last line sums it up: ``load: deposit N ops X ops/s p50 .. ms p95 .. ms; standard
   ...; deposit/standard T; R refusals, E errors, ledger tied`` (or ``ledger: V
   violations``), T the deposit mix's throughput over the standard mix's.

Exits 1 on any error or violation, or when no operation went through. A database it created
is dropped at the end (CD_LOAD_KEEP=1 keeps it); a CD_LOAD_DB database never is. The server
logs to CD_LOAD_LOGFILE (default /tmp/<database>.log). Environment from ./dev: ODOO_SRC,
CD_ODOO_PYTHON, CD_ODOO_ARGS, CD_PGPORT.
"""

import json
import os
import random
import shlex
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import xmlrpc.client
from collections import Counter

import psycopg2

SECONDS = float(os.environ.get("CD_LOAD_SECONDS", 60))
CLIENTS = int(os.environ.get("CD_LOAD_CLIENTS", 20))
WORKERS = int(os.environ.get("CD_LOAD_WORKERS", 4))
PORT = int(os.environ.get("CD_LOAD_PORT", 8169))
# The deposit mix, then Odoo's standard flow doing the same with the same clients and server.
MIXES = [mix for mix in os.environ.get("CD_LOAD_MIXES", "deposit,standard").split(",") if mix]
CUSTOMERS = 4
# An existing database (never dropped here) or a throwaway one installed for the run.
REUSED_DB = os.environ.get("CD_LOAD_DB")
DB = REUSED_DB or f"cd_load_{os.getpid()}"
LOGFILE = os.environ.get("CD_LOAD_LOGFILE") or f"/tmp/{DB}.log"
# Logins unique to the run, so that a database can take several runs.
RUN = os.getpid()
ODOO = [
    os.environ["CD_ODOO_PYTHON"],
    os.path.join(os.environ["ODOO_SRC"], "odoo-bin"),
    *shlex.split(os.environ["CD_ODOO_ARGS"]),
]
PG = {
    "host": "127.0.0.1",
    "port": int(os.environ.get("CD_PGPORT", 5433)),
    "user": "customer_deposit",
}
LOCK_MESSAGES = ("being changed by another user", "being paid by another user")
URL = f"http://127.0.0.1:{PORT}/xmlrpc/2/"
JSON_URL = f"http://127.0.0.1:{PORT}/jsonrpc"
USER_ERRORS = ("odoo.exceptions.UserError", "odoo.exceptions.ValidationError")


def log(message):
    print(f"==> {message}", file=sys.stderr, flush=True)


def port_in_use(port):
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def db_exists():
    conn = psycopg2.connect(dbname="postgres", **PG)
    with conn.cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB])
        found = bool(cr.fetchone())
    conn.close()
    return found


def drop_db():
    assert not REUSED_DB, "never drop a database the load run did not create"
    conn = psycopg2.connect(dbname="postgres", **PG)
    conn.autocommit = True
    with conn.cursor() as cr:
        cr.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [DB]
        )
        cr.execute(f'DROP DATABASE IF EXISTS "{DB}"')
    conn.close()


def install():
    log(f"installing customer_deposit on {DB}")
    subprocess.run(
        [*ODOO, "-d", DB, "-i", "customer_deposit", "--stop-after-init", "--log-level=warn"],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def start_server():
    for port in (PORT, PORT + 1):
        if port_in_use(port):
            raise SystemExit(
                f"error: port {port} is in use (another Odoo?): choose another CD_LOAD_PORT "
                "(the server takes it and the next one)"
            )
    log(f"starting Odoo with {WORKERS} workers on port {PORT} on {DB}; log: {LOGFILE}")
    server = subprocess.Popen(
        [
            *ODOO,
            "-d",
            DB,
            f"--db-filter=^{DB}$",
            f"--workers={WORKERS}",
            "--max-cron-threads=0",
            f"--http-port={PORT}",
            f"--gevent-port={PORT + 1}",
            "--limit-time-real=300",
            "--limit-time-cpu=300",
            "--log-level=warn",
            f"--logfile={LOGFILE}",
        ],
        start_new_session=True,
        # Odoo's own output (e.g. the gevent process failing to start) is not ours to show.
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _attempt in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/web/login", timeout=5)
            return server
        except OSError:
            time.sleep(1)
        if server.poll() is not None:
            break
    stop_server(server)
    raise RuntimeError(f"Odoo did not start (see {LOGFILE})")


def stop_server(server):
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
    server.wait(60)


def object_proxy():
    return xmlrpc.client.ServerProxy(URL + "object", allow_none=True)


def setup():
    """As admin: users and customers; returns ([(login, uid)], [customer ids])."""
    uid = xmlrpc.client.ServerProxy(URL + "common").authenticate(DB, "admin", "admin", {})
    obj = object_proxy()

    def call(model, method, *args, **kwargs):
        return obj.execute_kw(DB, uid, "admin", model, method, list(args), kwargs)

    # Accountants (refund, reverse, forfeit) are Invoicing / Administrator or have the full
    # accounting features; the clients get both, and the billing rights they imply.
    groups = [
        call("ir.model.data", "check_object_reference", "account", xmlid)[1]
        for xmlid in ("group_account_manager", "group_account_user")
    ]
    company = call("res.users", "read", [uid], ["company_id"])[0]["company_id"][0]
    users = []
    for number in range(CLIENTS):
        login = f"load{RUN}_{number}"
        user = call(
            "res.users",
            "create",
            {
                "name": f"Load client {number}",
                "login": login,
                "password": login,
                "email": f"{login}@example.com",  # the chatter messages need an author address
                "groups_id": [(4, group) for group in groups],
                "company_id": company,
                "company_ids": [(6, 0, [company])],
            },
        )
        users.append((login, user))
    customers = [
        call("res.partner", "create", {"name": f"Load customer {RUN}-{n}"})
        for n in range(CUSTOMERS)
    ]
    return users, customers


class Client(threading.Thread):
    """One API client running one mix (``deposit`` or ``standard``) until ``deadline``."""

    def __init__(self, login, uid, customers, deadline, seed, mix="deposit"):
        super().__init__()
        self.login, self.uid, self.customers, self.deadline = login, uid, customers, deadline
        self.mix = mix
        self.random = random.Random(seed)
        self.stats = Counter()
        self.errors = []
        self.latencies = []
        self.obj = object_proxy()

    def call(self, model, method, *args, **kwargs):
        """``model.method(*args, **kwargs)`` over JSON-RPC (/jsonrpc): Odoo's own methods
        may return None (``account.payment.action_post``), which XML-RPC cannot carry. An
        error comes back as xmlrpc.client.Fault (code 2 for a UserError, as over XML-RPC)."""
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {
                "service": "object",
                "method": "execute_kw",
                "args": [DB, self.uid, self.login, model, method, list(args), kwargs],
            },
        }
        request = urllib.request.Request(
            JSON_URL,
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=600) as response:
            answer = json.loads(response.read())
        if "error" in answer:
            data = answer["error"].get("data") or {}
            name = data.get("name", "")
            code = 2 if name in USER_ERRORS else 1
            raise xmlrpc.client.Fault(code, f"{data.get('message', '')}\n{data.get('debug', '')}")
        return answer.get("result")

    def open_deposit(self, customer):
        ids = self.call(
            "customer.deposit",
            "search",
            [
                ("partner_id", "=", customer),
                ("state", "in", ("received", "partial")),
            ],
            limit=5,
        )
        return self.random.choice(ids) if ids else None

    def register(self, customer):
        deposit = self.call(
            "customer.deposit",
            "create",
            {
                "partner_id": customer,
                "amount": self.random.randint(50, 500),
                "payment_reference": f"{self.login}-{self.stats['ops']}",
            },
        )
        self.call("customer.deposit", "action_post", [deposit])
        self.stats["done: register"] += 1

    def apply(self, customer):
        deposit = self.open_deposit(customer)
        if not deposit:
            return self.register(customer)
        invoice = self.call(
            "account.move",
            "create",
            {
                "move_type": "out_invoice",
                "partner_id": customer,
                "invoice_line_ids": [(0, 0, {"name": "Load", "price_unit": 80.0, "tax_ids": []})],
            },
        )
        self.call("account.move", "action_post", [invoice])
        self.call("customer.deposit", "apply_to_invoice", [deposit], invoice, 40.0)
        self.stats["done: apply"] += 1

    def refund(self, customer):
        deposit = self.open_deposit(customer)
        if not deposit:
            return self.register(customer)
        self.call("customer.deposit", "refund", [deposit], 10.0)
        self.stats["done: refund"] += 1

    # The standard mix: the same operations with Odoo's own flow (customer payments, the
    # register-payment wizard matching them to invoices, outbound customer payments).

    def open_payment(self, customer):
        ids = self.call(
            "account.payment",
            "search",
            [
                ("partner_id", "=", customer),
                ("payment_type", "=", "inbound"),
                ("state", "in", ("in_process", "paid")),
            ],
            limit=5,
        )
        return self.random.choice(ids) if ids else None

    def register_payment(self, customer):
        payment = self.call(
            "account.payment",
            "create",
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": customer,
                "amount": self.random.randint(50, 500),
                "payment_reference": f"{self.login}-{self.stats['ops']}",
            },
        )
        self.call("account.payment", "action_post", [payment])
        self.stats["done: register"] += 1

    def pay_invoice(self, customer):
        if not self.open_payment(customer):
            return self.register_payment(customer)
        invoice = self.call(
            "account.move",
            "create",
            {
                "move_type": "out_invoice",
                "partner_id": customer,
                "invoice_line_ids": [(0, 0, {"name": "Load", "price_unit": 80.0, "tax_ids": []})],
            },
        )
        self.call("account.move", "action_post", [invoice])
        context = {"active_model": "account.move", "active_ids": [invoice]}
        wizard = self.call("account.payment.register", "create", {"amount": 40.0}, context=context)
        self.call("account.payment.register", "action_create_payments", [wizard], context=context)
        self.stats["done: apply"] += 1

    def pay_back(self, customer):
        if not self.open_payment(customer):
            return self.register_payment(customer)
        payment = self.call(
            "account.payment",
            "create",
            {
                "payment_type": "outbound",
                "partner_type": "customer",
                "partner_id": customer,
                "amount": 10.0,
                "payment_reference": f"{self.login}-{self.stats['ops']}",
            },
        )
        self.call("account.payment", "action_post", [payment])
        self.stats["done: refund"] += 1

    def run(self):
        if self.mix == "standard":
            operations = [self.register_payment, self.pay_invoice, self.pay_invoice, self.pay_back]
        else:
            operations = [self.register, self.apply, self.apply, self.refund]
        while time.monotonic() < self.deadline:
            customer = self.random.choice(self.customers)
            started = time.monotonic()
            try:
                self.random.choice(operations)(customer)
                self.stats["ops"] += 1
                self.latencies.append(time.monotonic() - started)
            except xmlrpc.client.Fault as fault:
                if any(message in fault.faultString for message in LOCK_MESSAGES):
                    self.stats["lock_refusals"] += 1
                elif fault.faultCode == 2:  # UserError; 3 and 4 (access) are errors here
                    self.stats["other_refusals"] += 1
                    self.stats[f"refusal: {fault.faultString.splitlines()[0][:70]}"] += 1
                else:
                    self.errors.append(fault.faultString[-600:])
            except Exception as error:  # noqa: BLE001 - every other failure is an error
                self.errors.append(repr(error))


def check_ledger():
    """Violations of the ledger invariant, from SQL over the journal items."""
    conn = psycopg2.connect(dbname=DB, **PG)
    problems = []
    with conn.cursor() as cr:
        cr.execute("""
            SELECT c.id, c.deposit_account_id,
                   (SELECT COALESCE(SUM(d.amount_residual_company), 0)::float FROM customer_deposit d
                     WHERE d.company_id = c.id AND d.payment_move_id IS NOT NULL
                       AND d.partner_type = 'customer'),
                   (SELECT COALESCE(-SUM(l.balance), 0)::float FROM account_move_line l
                     WHERE l.account_id = c.deposit_account_id AND l.company_id = c.id
                       AND l.parent_state = 'posted')
              FROM res_company c WHERE c.deposit_account_id IS NOT NULL
        """)
        for company, _account, deposits, ledger in cr.fetchall():
            if abs(deposits - ledger) > 0.005:
                problems.append(f"company {company}: deposits {deposits} != account {ledger}")
        cr.execute("""
            SELECT d.name, d.amount::float, d.amount_residual::float,
                   (SELECT COALESCE(CASE d.partner_type WHEN 'supplier' THEN 1 ELSE -1 END
                                    * SUM(l.amount_currency), 0)::float
                      FROM account_move_line l
                      JOIN account_move m ON m.id = l.move_id
                     WHERE m.deposit_id = d.id AND m.state = 'posted'
                       AND l.account_id = d.deposit_account_id)
              FROM customer_deposit d WHERE d.payment_move_id IS NOT NULL
        """)
        rows = cr.fetchall()
        for name, amount, residual, ledger in rows:
            if residual < -0.005 or residual > amount + 0.005 or abs(residual - ledger) > 0.005:
                problems.append(f"{name}: amount {amount}, balance {residual}, ledger {ledger}")
    conn.close()
    return problems, len(rows)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def run_mix(mix, users, customers):
    """Every client runs ``mix`` for SECONDS; returns (totals, errors, latencies, elapsed)."""
    log(f"{mix} mix: {CLIENTS} clients for {SECONDS:.0f} s")
    started = time.monotonic()
    clients = [
        Client(login, uid, customers, started + SECONDS, seed, mix)
        for seed, (login, uid) in enumerate(users)
    ]
    for client in clients:
        client.start()
    for client in clients:
        client.join()
    elapsed = time.monotonic() - started
    totals = sum((client.stats for client in clients), Counter())
    errors = [error for client in clients for error in client.errors]
    latencies = [latency for client in clients for latency in client.latencies]
    return totals, errors, latencies, elapsed


def summary(mix, totals, errors, latencies, elapsed):
    """Print the figures of one mix; returns its one-line summary."""
    rate = totals["ops"] / elapsed
    p50, p95 = 1000 * percentile(latencies, 0.5), 1000 * percentile(latencies, 0.95)
    print(f"\n{mix} mix")
    print(f"operations: {totals['ops']} in {elapsed:.1f} s = {rate:.2f} ops/s")
    print(f"latency per operation: p50 {p50:.0f} ms, p95 {p95:.0f} ms")
    print(
        f"lock refusals: {totals['lock_refusals']}, other clean refusals: "
        f"{totals['other_refusals']}, errors: {len(errors)}"
    )
    print(
        "done: "
        + ", ".join(f"{totals[f'done: {kind}']} {kind}" for kind in ("register", "apply", "refund"))
    )
    for key, count in sorted(totals.items()):
        if key.startswith("refusal: "):
            print(f"  {count} x {key}")
    for error in errors[:5]:
        print(f"error: {error}")
    return f"{mix} {totals['ops']} ops {rate:.2f} ops/s p50 {p50:.0f} ms p95 {p95:.0f} ms"


def main():
    server = None
    created = False
    try:
        if REUSED_DB:
            if not db_exists():
                raise SystemExit(f"error: CD_LOAD_DB={DB}: no such database")
        else:
            drop_db()
            created = True
            install()
        server = start_server()
        users, customers = setup()
        results = {mix: run_mix(mix, users, customers) for mix in MIXES}
        problems, deposits = check_ledger()
        parts = [summary(mix, *result) for mix, result in results.items()]
        print(
            f"\nledger invariant over {deposits} posted deposits: "
            f"{'OK' if not problems else f'{len(problems)} violations'}"
        )
        for problem in problems[:10]:
            print(f"violation: {problem}")
        rates = {mix: result[0]["ops"] / result[3] for mix, result in results.items()}
        if "deposit" in rates and rates.get("standard"):
            parts.append(f"deposit/standard {rates['deposit'] / rates['standard']:.2f}")
        errors = sum(len(result[1]) for result in results.values())
        refusals = sum(
            result[0]["lock_refusals"] + result[0]["other_refusals"] for result in results.values()
        )
        print(
            f"load: {'; '.join(parts)}; {refusals} refusals, {errors} errors, "
            + ("ledger tied" if not problems else f"ledger: {len(problems)} violations"),
            flush=True,
        )
        return 1 if errors or problems or not all(r[0]["ops"] for r in results.values()) else 0
    finally:
        if server:
            stop_server(server)
        if created and os.environ.get("CD_LOAD_KEEP") != "1":
            drop_db()


if __name__ == "__main__":
    sys.exit(main())
