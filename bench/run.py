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
import statistics
import sys

from odoo import Command
from odoo.tools import config

from . import fixtures
from .common import Series, copy_db, drop_db, environment, print_table, timed_op

_logger = logging.getLogger("customer_deposit.bench")

USER = "base.user_admin"
AMOUNT = 100.0
WARMUP = 10
SECTIONS = ("register", "apply", "post", "report")


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


def bench_report(sizes, template_db, odoo_args, runs=5):
    fixtures.ensure(sizes, template_db, odoo_args)
    results = {}
    for size in sizes:
        dbname = f"cd_bench_report_{os.getpid()}_{size}"
        fixtures.restore(size, dbname, odoo_args)
        try:
            samples = Series(f"report @ {size}")
            for run in range(runs + 1):  # the first run warms the caches
                seconds, queries, result = timed_op(dbname, USER, _run_report)
                if run:
                    samples.add(seconds, queries)
            with environment(dbname) as env:
                deposits = env["customer.deposit"].search_count([("payment_move_id", "!=", False)])
            results[size] = (samples, deposits, result)
        finally:
            drop_db(dbname)
    return results


# -------------------------------------------------------------------------
# Main
# -------------------------------------------------------------------------


def _label(size):
    return f"{size // 1000}k" if size >= 1000 else str(size)


def report_and_ratios(register, apply, post, report):
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
    if report:
        rows = []
        for size, (samples, deposits, result) in sorted(report.items()):
            lines, tie_out, _groups, _page = result
            rows.append(
                (
                    size,
                    deposits,
                    lines,
                    f"{samples.median_ms:.0f}",
                    f"{samples.p95_ms:.0f}",
                    f"{statistics.fmean(samples.queries):.0f}",
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
                "total",
                "difference",
            ),
            rows,
        )
        largest = max(report)
        ratios.append(f"report@{_label(largest)} {report[largest][0].median_ms / 1000:.2f} s")
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
        "--max",
        type=int,
        default=int(os.environ.get("CD_BENCH_MAX", 100000)),
        help="largest report fixture (default 100000; CD_BENCH_MAX)",
    )
    parser.add_argument(
        "--only",
        default=os.environ.get("CD_BENCH_ONLY", ",".join(SECTIONS)),
        help="comma-separated sections: " + ",".join(SECTIONS),
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
    sizes = [size for size in fixtures.SIZES if size <= args.max] or [args.max]
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
        report = bench_report(sizes, template, odoo_args) if "report" in only else None
        print(
            f"\ncustomer_deposit benchmark, {datetime.datetime.now():%Y-%m-%d %H:%M}, "
            f"N = {args.n}, report sizes {', '.join(map(str, sizes))}"
        )
        report_and_ratios(register, apply, post, report)
    finally:
        if template:
            drop_db(template)


if __name__ == "__main__":
    main(sys.argv[1:])
