# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""customer_deposit benchmark against Odoo's own payment flow (``./dev bench``).

Measures, on a throwaway database where the addon is installed, in one run:

1. register + post a deposit vs register + post a standard customer ``account.payment`` of
   the same amount (N operations each, interleaved, each in its own transaction);
2. apply a deposit to an invoice vs pay the same kind of invoice in full with Odoo's
   register-payment wizard (``account.payment.register``);
3. post invoices from sales orders holding a deposit, 100 then 200 in one ``action_post``,
   with auto-apply on (``always``) and off (``never``): per-invoice cost and linearity;
4. the Unapplied Deposits report as of a date on databases of 1,000 / 10,000 / 100,000
   deposits (see ``fixtures.py``: built once through the ORM, cached as pg_dump).

Times are wall-clock per operation up to the flush (ORM + pre-commit hooks), queries are
every SQL statement the process ran meanwhile (``odoo.sql_db.sql_counter``). The ratios use
the median time and the mean query count.

Usage: python -m bench.run <odoo options: --db_host ... --addons-path ...> -d DB
       [--n 200] [--max 100000] [--only register,apply,post,report] [--fixtures-only]
"""

import argparse
import datetime
import logging
import os
import re
import statistics
import subprocess
import sys

import odoo
from odoo import Command
from odoo.modules.registry import Registry
from odoo.tools import config

from . import fixtures, replicate
from .common import Series, copy_db, drop_db, environment, print_table, timed_op

_logger = logging.getLogger("customer_deposit.bench")

USER = "base.user_admin"
AMOUNT = 100.0
WARMUP = 10
SECTIONS = ("register", "apply", "post", "customer", "report", "load")


# -------------------------------------------------------------------------
# Set-up
# -------------------------------------------------------------------------


def setup(dbname):
    """Chart of accounts (and so the deposit accounts), rights of the bench user, a
    tax-free service product invoiced on order."""
    with environment(dbname) as env:
        company = env.ref("base.main_company")
        if not company.chart_template:
            env["account.chart.template"].try_loading("generic_coa", company, install_demo=False)
        env.ref(USER).groups_id += env.ref("account.group_account_manager") + env.ref(
            "sales_team.group_sale_manager"
        )
        if env["product.product"].search_count([("default_code", "=", "BENCH")]):
            return  # set up already (a copy of a set-up database)
        env["product.product"].create(
            {
                "name": "Bench Service",
                "default_code": "BENCH",
                "type": "service",
                "invoice_policy": "order",
                "list_price": AMOUNT,
                "taxes_id": [Command.clear()],
            }
        )


def _refs(env):
    return {
        "journal": env["account.journal"]
        .search([("type", "=", "bank"), ("company_id", "=", env.company.id)], limit=1)
        .id,
        "product": env["product.product"].search([("default_code", "=", "BENCH")]).id,
    }


def _partners(env, prefix, count):
    return (
        env["res.partner"]
        .create([{"name": f"{prefix} {i:04d}", "is_company": True} for i in range(count)])
        .ids
    )


# -------------------------------------------------------------------------
# 1. deposit vs payment
# -------------------------------------------------------------------------


def _register_deposit(env, refs, partner, number):
    deposit = env["customer.deposit"].create(
        {
            "partner_id": partner,
            "journal_id": refs["journal"],
            "amount": AMOUNT,
            "payment_reference": f"DEP-{number}",
        }
    )
    deposit.action_post()


def _register_payment(env, refs, partner, number):
    payment = env["account.payment"].create(
        {
            "payment_type": "inbound",
            "partner_type": "customer",
            "partner_id": partner,
            "journal_id": refs["journal"],
            "amount": AMOUNT,
            "payment_reference": f"PAY-{number}",
        }
    )
    payment.action_post()


def _interleaved(dbname, n, first, second):
    """Run ``first(i)`` and ``second(i)`` as operations, alternating which goes first, after
    ``WARMUP`` unmeasured rounds; returns their Series."""
    for i in range(WARMUP + n):
        pair = [first, second] if i % 2 == 0 else [second, first]
        for series, func, args in pair:
            seconds, queries, _result = timed_op(dbname, USER, func, *args(i))
            if i >= WARMUP:
                series.add(seconds, queries)
    return first[0], second[0]


def bench_register(dbname, n):
    with environment(dbname, USER) as env:
        refs = _refs(env)
        partners = _partners(env, "Bench Register", 20)
    deposit = Series("deposit: create + action_post")
    payment = Series("account.payment: create + action_post")
    return _interleaved(
        dbname,
        n,
        (deposit, _register_deposit, lambda i: (refs, partners[i % 20], i)),
        (payment, _register_payment, lambda i: (refs, partners[i % 20], i)),
    )


# -------------------------------------------------------------------------
# 2. apply vs register-payment wizard
# -------------------------------------------------------------------------


def _invoices_vals(partners, refs, count):
    """Two invoices for each deposit: invoices 2i and 2i+1 are for deposit i's customer."""
    return [
        {
            "move_type": "out_invoice",
            "partner_id": partners[(i // 2) % len(partners)],
            "invoice_line_ids": [
                Command.create(
                    {
                        "product_id": refs["product"],
                        "price_unit": AMOUNT,
                        "tax_ids": [Command.clear()],
                    }
                )
            ],
        }
        for i in range(count)
    ]


def _apply(env, deposit, invoice):
    env["customer.deposit"].browse(deposit).apply_to_invoice(env["account.move"].browse(invoice))


def _pay_with_wizard(env, invoice):
    env["account.payment.register"].with_context(
        active_model="account.move", active_ids=[invoice]
    ).create({}).action_create_payments()


def bench_apply(dbname, n):
    total = WARMUP + n
    with environment(dbname, USER) as env:
        refs = _refs(env)
        partners = _partners(env, "Bench Apply", 20)
        deposits = env["customer.deposit"].create(
            [
                {
                    "partner_id": partners[i % 20],
                    "journal_id": refs["journal"],
                    "amount": AMOUNT,
                    "payment_reference": f"APPLY-{i}",
                }
                for i in range(total)
            ]
        )
        deposits.action_post()
        invoices = env["account.move"].create(_invoices_vals(partners, refs, 2 * total))
        invoices.action_post()
        deposits, invoices = deposits.ids, invoices.ids
    apply = Series("deposit: apply_to_invoice (full)")
    wizard = Series("account.payment.register (full)")
    return _interleaved(
        dbname,
        n,
        (apply, _apply, lambda i: (deposits[i], invoices[2 * i])),
        (wizard, _pay_with_wizard, lambda i: (invoices[2 * i + 1],)),
    )


# -------------------------------------------------------------------------
# 3. posting invoices of orders with deposits, auto-apply on / off
# -------------------------------------------------------------------------


def _prepare_order_invoices(dbname, mode, count):
    """``count`` confirmed orders, each with a posted deposit of 30% and a draft invoice;
    one customer per order."""
    with environment(dbname, USER) as env:
        refs = _refs(env)
        env.company.deposit_auto_apply = mode
        partners = _partners(env, f"Bench Post {mode}", count)
        orders = env["sale.order"].create(
            [
                {
                    "partner_id": partner,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": refs["product"],
                                "product_uom_qty": 1,
                                "price_unit": AMOUNT,
                                "tax_id": [Command.clear()],
                            }
                        )
                    ],
                }
                for partner in partners
            ]
        )
        orders.action_confirm()
        env["customer.deposit"].create(
            [
                {
                    "partner_id": order.partner_id.id,
                    "sale_order_id": order.id,
                    "journal_id": refs["journal"],
                    "amount": 0.3 * AMOUNT,
                    "payment_reference": f"ORDER-{order.name}",
                }
                for order in orders
            ]
        ).action_post()
        invoices = orders._create_invoices(grouped=True)
        assert len(invoices) == count
        return invoices.ids


def _post_invoices(env, mode, invoices):
    env.company.deposit_auto_apply = mode
    moves = env["account.move"].browse(invoices)
    moves.action_post()
    return moves


def _count_applied(dbname, invoices):
    with environment(dbname, USER) as env:
        return env["customer.deposit.application"].search_count(
            [("invoice_id", "in", invoices), ("state", "=", "applied")]
        )


def bench_post(dbname, sizes=(100, 200)):
    drafts = {
        mode: _prepare_order_invoices(dbname, mode, sum(sizes) + 10) for mode in ("never", "always")
    }
    rows = {}
    for mode in drafts:  # warm the caches on 10 invoices of each mode
        timed_op(dbname, USER, _post_invoices, mode, drafts[mode][:10])
    for size in sizes:
        for mode in ("never", "always"):
            start = 10 + sum(s for s in sizes if s < size)
            batch = drafts[mode][start : start + size]
            seconds, queries, _moves = timed_op(dbname, USER, _post_invoices, mode, batch)
            applied = _count_applied(dbname, batch)
            rows[mode, size] = (seconds, queries, applied)
    return rows


# -------------------------------------------------------------------------
# 3b. one customer with few vs many deposits and open invoices
# -------------------------------------------------------------------------


def _customer_deposits(env, refs, partner, count, reference):
    env["customer.deposit"].create(
        [
            {
                "partner_id": partner,
                "journal_id": refs["journal"],
                "amount": AMOUNT,
                "payment_reference": f"{reference}-{number}",
            }
            for number in range(count)
        ]
    ).action_post()


def _prepare_customer(dbname, name, deposits, invoices, drafts):
    """A customer with ``deposits`` open deposits (more than 100: 100 posted through the ORM,
    copied in SQL as the report fixtures are, then the ledger invariant checked),
    ``invoices`` open invoices and ``drafts`` draft invoices of orders each holding a
    deposit (auto-apply on posting). Returns (partner id, an open invoice, the drafts)."""
    reference = f"CUST{os.getpid()}{name[:1]}"
    seed = min(deposits, 100)
    with environment(dbname, USER) as env:
        refs = _refs(env)
        env.company.deposit_auto_apply = "always"
        partner = _partners(env, f"Bench Customer {name}", 1)[0]
        _customer_deposits(env, refs, partner, seed, reference)
        env["account.move"].create(
            [dict(vals, partner_id=partner) for vals in _invoices_vals([partner], refs, invoices)]
        ).action_post()
    if deposits > seed:
        with environment(dbname) as env:
            replicate.replicate(env.cr, deposits // seed, reference_like=f"{reference}-%")
            problems, _count = replicate.verify(env.cr)
            assert not problems, problems
    with environment(dbname, USER) as env:
        refs = _refs(env)
        orders = env["sale.order"].create(
            [
                {
                    "partner_id": partner,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": refs["product"],
                                "product_uom_qty": 1,
                                "price_unit": AMOUNT,
                                "tax_id": [Command.clear()],
                            }
                        )
                    ],
                }
                for _number in range(drafts)
            ]
        )
        orders.action_confirm()
        env["customer.deposit"].create(
            [
                {
                    "partner_id": partner,
                    "sale_order_id": order.id,
                    "journal_id": refs["journal"],
                    "amount": 0.3 * AMOUNT,
                    "payment_reference": f"ORDER-{order.name}",
                }
                for order in orders
            ]
        ).action_post()
        draft_ids = orders._create_invoices(grouped=True).ids
        invoice = env["account.move"].search(
            [
                ("partner_id", "=", partner),
                ("move_type", "=", "out_invoice"),
                ("payment_state", "=", "not_paid"),
            ],
            limit=1,
        )
        assert env["customer.deposit"].search_count([("partner_id", "=", partner)]) >= deposits
        return partner, invoice.id, draft_ids


def _customer_form(env, partner, _invoice):
    partner = env["res.partner"].browse(partner)
    partner.web_read(
        {
            "name": {},
            "deposit_balance": {},
            "deposit_count": {},
            "vendor_deposit_balance": {},
            "vendor_deposit_count": {},
        }
    )
    partner.action_view_deposits()


def _deposit_list(env, partner, _invoice):
    domain = env["res.partner"].browse(partner)._get_deposits_domain()
    env["customer.deposit"].web_search_read(
        domain,
        {
            "name": {},
            "date": {},
            "partner_id": {"fields": {"display_name": {}}},
            "amount": {},
            "amount_residual": {},
            "state": {},
        },
        limit=80,
    )


def _apply_dialog(env, _partner, invoice):
    action = env["account.move"].browse(invoice).action_open_deposit_apply_wizard()
    wizard = env[action["res_model"]].with_context(**action["context"]).create({})
    wizard.web_read(
        {
            "unlisted_count": {},
            "warning": {},
            "line_ids": {
                "fields": {
                    "deposit_id": {"fields": {"display_name": {}}},
                    "deposit_date": {},
                    "deposit_residual": {},
                    "amount": {},
                }
            },
        }
    )


def _post_auto_apply(env, draft):
    env["account.move"].browse(draft).action_post()


def bench_customer(dbname, many, invoices, runs=10):
    """The customer's screens and posting with auto-apply, for a customer with 10 deposits
    and one with ``many`` deposits and ``invoices`` open invoices, interleaved."""
    few = _prepare_customer(dbname, "Few", 10, 10, runs + 2)
    lots = _prepare_customer(dbname, "Many", many, invoices, runs + 2)
    rows = []
    for label, func in (
        ("customer form", _customer_form),
        ("deposit list (page of 80)", _deposit_list),
        ("Apply Deposits dialog", _apply_dialog),
    ):
        series = {key: Series(label) for key in ("few", "many")}
        for run in range(runs + 2):  # two warm-up rounds
            for key, (partner, invoice, _drafts) in (("few", few), ("many", lots)):
                seconds, queries, _result = timed_op(dbname, USER, func, partner, invoice)
                if run >= 2:
                    series[key].add(seconds, queries)
        rows.append((label, series["few"], series["many"]))
    series = {key: Series("post invoice, auto-apply") for key in ("few", "many")}
    for run in range(runs + 2):
        for key, (_partner, _invoice, drafts) in (("few", few), ("many", lots)):
            seconds, queries, _result = timed_op(dbname, USER, _post_auto_apply, drafts[run])
            if run >= 2:
                series[key].add(seconds, queries)
    rows.append(("post invoice, auto-apply", series["few"], series["many"]))
    return rows, many, invoices


# -------------------------------------------------------------------------
# 4. the Unapplied Deposits report
# -------------------------------------------------------------------------


def _run_report(env):
    """What a user opening the report waits for: the wizard, the tie-out, the totals by
    customer and the first page of the list (computed on demand in the action's context)."""
    wizard = env["customer.deposit.unapplied.wizard"].create({"as_of_date": fixtures.AS_OF})
    action = wizard.action_open_report()
    tie_out = (wizard.report_total, wizard.account_balance, wizard.difference)
    Report = env["customer.deposit.unapplied.report"].with_context(**action["context"])
    groups = Report.read_group(action["domain"], ["balance:sum"], ["partner_id"], limit=80)
    lines = Report.search_read(
        action["domain"],
        ["deposit_id", "partner_id", "deposit_date", "balance", "age_bucket"],
        limit=80,
    )
    return Report.search_count(action["domain"]), tie_out, len(groups), len(lines)


def _run_floor(env):
    """The floor: what PostgreSQL itself needs for the sum the tie-out must equal, one
    aggregate of the deposit accounts' posted journal items up to the as-of date."""
    accounts = env.company._get_deposit_accounts_by_side()
    account_ids = tuple(account.id for side in accounts.values() for account in side)
    env.cr.execute(
        """
        SELECT SUM(balance) FROM account_move_line
         WHERE account_id IN %s AND parent_state = 'posted' AND date <= %s
           AND company_id = %s
        """,
        [account_ids, fixtures.AS_OF, env.company.id],
    )
    return env.cr.fetchone()[0]


def bench_report(sizes, template_db, odoo_args, runs=5):
    """The report and the floor, alternated, ``runs`` times each on each size."""
    fixtures.ensure(sizes, template_db, odoo_args)
    results = {}
    for size in sizes:
        dbname = f"cd_bench_report_{os.getpid()}_{size}"
        fixtures.restore(size, dbname, odoo_args)
        try:
            samples = Series(f"report @ {size}")
            floor = Series(f"floor @ {size}")
            for run in range(runs + 1):  # the first run warms the caches
                seconds, queries, result = timed_op(dbname, USER, _run_report)
                floor_seconds, floor_queries, _sum = timed_op(dbname, USER, _run_floor)
                if run:
                    samples.add(seconds, queries)
                    floor.add(floor_seconds, floor_queries)
            with environment(dbname) as env:
                deposits = env["customer.deposit"].search_count([("payment_move_id", "!=", False)])
            results[size] = (samples, deposits, result, floor)
        finally:
            drop_db(dbname)
    return results


# -------------------------------------------------------------------------
# 5. load: the deposit mix and the standard mix on a multi-worker server
# -------------------------------------------------------------------------


def bench_load(dbname, odoo_args):
    """``load.py`` on this database (a multi-worker server, the deposit mix then the
    standard mix with the same clients); returns its last line (``load: ...``)."""
    env = dict(os.environ)
    env.setdefault("CD_LOAD_SECONDS", "60")
    env.update(
        CD_LOAD_DB=dbname,
        CD_ODOO_PYTHON=sys.executable,
        CD_ODOO_ARGS=" ".join(odoo_args),
        CD_PGPORT=str(config["db_port"]),
        ODOO_SRC=os.path.dirname(config["root_path"]),
    )
    Registry.delete(dbname)
    odoo.sql_db.close_db(dbname)
    process = subprocess.run(
        [sys.executable, os.path.join(os.path.dirname(__file__), "load.py")],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    print(process.stdout, end="")
    lines = [line for line in process.stdout.splitlines() if line.startswith("load: ")]
    if not lines:
        print(process.stderr[-3000:], file=sys.stderr)
        return None
    return lines[-1]


# -------------------------------------------------------------------------
# Main
# -------------------------------------------------------------------------


def _label(size):
    return f"{size // 1000}k" if size >= 1000 else str(size)


def report_and_ratios(register, apply, post, report, load, customer=None):
    header = ("operation", "N", "mean ms", "median ms", "p95 ms", "queries/op")
    ratios = []
    if register:
        deposit, payment = register
        print_table("1. register + post (same amount)", header, [deposit.row(), payment.row()])
        ratios.append(
            f"deposit/payment time {deposit.median_ms / payment.median_ms:.2f} "
            f"queries {deposit.queries_per_op / payment.queries_per_op:.2f}"
        )
    if apply:
        application, wizard = apply
        print_table("2. pay an invoice in full", header, [application.row(), wizard.row()])
        ratios.append(
            f"apply/register time {application.median_ms / wizard.median_ms:.2f} "
            f"queries {application.queries_per_op / wizard.queries_per_op:.2f}"
        )
    if post:
        rows = []
        for mode in ("never", "always"):
            for size in sorted({size for _m, size in post}):
                seconds, queries, applied = post[mode, size]
                rows.append(
                    (
                        f"auto-apply {mode}",
                        size,
                        f"{seconds:.2f}",
                        f"{1000 * seconds / size:.1f}",
                        f"{queries / size:.1f}",
                        applied,
                    )
                )
            small, large = sorted({size for _m, size in post})
            per_small = post[mode, small][0] / small
            per_large = post[mode, large][0] / large
            rows.append(
                (
                    f"  linearity {mode}",
                    f"{large}/{small}",
                    "",
                    f"x{per_large / per_small:.2f} per invoice",
                    "",
                    "",
                )
            )
        print_table(
            "3. post invoices of orders with a deposit (one action_post)",
            ("batch", "invoices", "total s", "ms/invoice", "queries/invoice", "applied"),
            rows,
        )
    if customer:
        rows, many, invoices = customer
        print_table(
            f"3b. one customer: 10 deposits vs {many} deposits and {invoices} open invoices",
            (
                "screen / action",
                "N",
                "10: median ms",
                "queries",
                f"{many}: median ms",
                "queries",
                "time x",
            ),
            [
                (
                    label,
                    few.n,
                    f"{few.median_ms:.1f}",
                    f"{few.queries_per_op:.0f}",
                    f"{lots.median_ms:.1f}",
                    f"{lots.queries_per_op:.0f}",
                    f"{lots.median_ms / few.median_ms:.2f}",
                )
                for label, few, lots in rows
            ],
        )
    if report:
        rows = []
        for size, (samples, deposits, result, floor) in sorted(report.items()):
            lines, tie_out, _groups, _page = result
            rows.append(
                (
                    size,
                    deposits,
                    lines,
                    f"{samples.median_ms:.0f}",
                    f"{samples.p95_ms:.0f}",
                    f"{statistics.fmean(samples.queries):.0f}",
                    f"{floor.median_ms:.0f}",
                    f"{samples.median_ms / floor.median_ms:.1f}",
                    f"{tie_out[0]:.2f}",
                    f"{tie_out[2]:.2f}",
                )
            )
        print_table(
            f"4. Unapplied Deposits report as of {fixtures.AS_OF} (wizard + lines + tie-out + "
            "first page)",
            (
                "deposits",
                "posted",
                "lines",
                "median ms",
                "p95 ms",
                "queries",
                "floor ms",
                "x floor",
                "total",
                "difference",
            ),
            rows,
        )
        largest = max(report)
        ratios.append(
            f"report@{_label(largest)} {report[largest][0].median_ms / 1000:.3f} s "
            f"floor {report[largest][3].median_ms / 1000:.3f} s"
        )
    if load:
        ratio = re.search(r"deposit/standard ([0-9.]+)", load)
        ratios.append(f"load deposit/standard {ratio.group(1) if ratio else 'n/a'}")
    print("\nratios: " + "; ".join(ratios))


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "-d",
        "--database",
        required=True,
        help="database with customer_deposit installed (written to)",
    )
    parser.add_argument("--n", type=int, default=int(os.environ.get("CD_BENCH_N", 200)))
    parser.add_argument(
        "--sizes",
        default=os.environ.get("CD_BENCH_SIZES", "1000,10000,100000"),
        help="report fixture sizes, multiples of 1000 (default 1000,10000,100000; "
        "CD_BENCH_SIZES; add 1000000 for the million)",
    )
    parser.add_argument(
        "--max",
        type=int,
        default=int(os.environ.get("CD_BENCH_MAX", 0)) or None,
        help="largest report fixture (CD_BENCH_MAX): drops the larger --sizes",
    )
    parser.add_argument(
        "--only",
        default=os.environ.get("CD_BENCH_ONLY", ",".join(SECTIONS)),
        help="comma-separated sections: " + ",".join(SECTIONS),
    )
    parser.add_argument(
        "--customer-deposits",
        type=int,
        default=int(os.environ.get("CD_BENCH_CUSTOMER_DEPOSITS", 10000)),
        help="deposits of the large customer of section 3b (a multiple of 100)",
    )
    parser.add_argument(
        "--customer-invoices",
        type=int,
        default=int(os.environ.get("CD_BENCH_CUSTOMER_INVOICES", 1000)),
        help="open invoices of the large customer of section 3b",
    )
    parser.add_argument(
        "--fixtures-only",
        action="store_true",
        help="only build the missing report fixtures up to --max",
    )
    return parser.parse_known_args(argv)


def main(argv):
    args, odoo_args = parse_args(argv)
    config.parse_config(odoo_args, setup_logging=True)
    logging.getLogger("odoo").setLevel(logging.WARNING)
    _logger.setLevel(logging.INFO)
    dbname = args.database
    only = set(args.only.split(","))
    sizes = sorted(int(size) for size in args.sizes.split(",") if size)
    if args.max:
        sizes = [size for size in sizes if size <= args.max] or [args.max]
    if any(size % fixtures.SEED for size in sizes):
        raise SystemExit(f"report sizes must be multiples of {fixtures.SEED}: {sizes}")
    setup(dbname)
    template = None
    if "report" in only or args.fixtures_only:
        # A clean copy before the other sections write to the database.
        template = f"cd_bench_template_{os.getpid()}"
        copy_db(dbname, template)
    try:
        if args.fixtures_only:
            fixtures.ensure(sizes, template, odoo_args)
            return
        register = bench_register(dbname, args.n) if "register" in only else None
        apply = bench_apply(dbname, args.n) if "apply" in only else None
        post = bench_post(dbname) if "post" in only else None
        customer = (
            bench_customer(dbname, args.customer_deposits, args.customer_invoices)
            if "customer" in only
            else None
        )
        report = bench_report(sizes, template, odoo_args) if "report" in only else None
        load = bench_load(dbname, odoo_args) if "load" in only else None
        print(
            f"\ncustomer_deposit benchmark, {datetime.datetime.now():%Y-%m-%d %H:%M}, "
            f"N = {args.n}, report sizes {', '.join(map(str, sizes))}"
        )
        report_and_ratios(register, apply, post, report, load, customer)
    finally:
        if template:
            drop_db(template)


if __name__ == "__main__":
    main(sys.argv[1:])
