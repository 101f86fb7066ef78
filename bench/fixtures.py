# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Databases of 1,000 / 10,000 / 100,000 (/ 1,000,000) posted deposits for the report
benchmark.

The seed of ``SEED`` deposits is built through the ORM in batches of ``BATCH`` (``create()``
of a list of values, then ``action_post()`` of the batch; one deposit in ten half converted
to customer credit with ``convert_to_credit`` so that deposits carry several journal items),
never by SQL writes to accounting tables. Larger sizes copy the seed in SQL
(``replicate.py``: ids, customers and dates shifted), for these throwaway databases only,
and are then checked with the ledger invariant the tests use (``replicate.verify``); building
them through the ORM would take hours (100,000) to a day (1,000,000). Each size is saved with
``pg_dump -Fc`` under ``~/.cache/customer-deposit/bench/`` (``CD_BENCH_CACHE``); later runs
restore the dump. When the addon's source changed since a dump was made, the restored
database is upgraded (``-u customer_deposit``).
"""

import datetime
import fcntl
import hashlib
import json
import logging
import os
import pathlib
import subprocess
import sys
import time

from odoo.tools import config

from . import replicate
from .common import copy_db, drop_db, environment, pg

_logger = logging.getLogger("customer_deposit.bench")

FIXTURE_VERSION = 2
SIZES = (1000, 10000, 100000, 1000000)
SEED = 1000  # built through the ORM; larger sizes are copies of it
BATCH = 1000
CUSTOMERS = 2000
FIRST_DATE = datetime.date(2025, 1, 1)
DAYS = 540  # deposits dated FIRST_DATE .. FIRST_DATE + DAYS
AS_OF = datetime.date(2026, 6, 30)
USER = "base.user_admin"
QUIET = {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True}


def cache_dir():
    path = pathlib.Path(
        os.environ.get("CD_BENCH_CACHE")
        or pathlib.Path.home() / ".cache" / "customer-deposit" / "bench"
    )
    path.mkdir(parents=True, exist_ok=True)
    return path


def dump_path(size):
    return cache_dir() / f"report-v{FIXTURE_VERSION}-{size}.dump"


def addon_hash():
    """Hash of the addon's source: a dump made with other source gets upgraded."""
    root = pathlib.Path(__file__).resolve().parent.parent / "customer_deposit"
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".xml", ".csv") and "tests" not in path.parts:
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


# -------------------------------------------------------------------------
# Restore
# -------------------------------------------------------------------------


def upgrade(dbname, odoo_args):
    """``odoo-bin -u customer_deposit`` on ``dbname`` (its registry must not be open)."""
    odoo_bin = pathlib.Path(config["root_path"]).parent / "odoo-bin"
    subprocess.run(
        [
            sys.executable,
            str(odoo_bin),
            *odoo_args,
            "-d",
            dbname,
            "-u",
            "customer_deposit",
            "--stop-after-init",
            "--log-level=warn",
        ],
        check=True,
    )


def restore(size, dbname, odoo_args):
    """A new database ``dbname`` from the dump of ``size`` deposits, upgraded when needed."""
    path = dump_path(size)
    meta = json.loads(path.with_suffix(".json").read_text())
    drop_db(dbname)
    pg("createdb", dbname)
    pg("pg_restore", "--no-owner", "-j", "2", "-d", dbname, str(path))
    if meta.get("addon_hash") != addon_hash():
        _logger.warning("fixture %s was made with other addon source: upgrading %s", path, dbname)
        upgrade(dbname, odoo_args)
    # A dump carries no planner statistics nor visibility map: without them the report's
    # plan is not the one a live database (vacuumed by autovacuum) gets.
    pg("vacuumdb", "--analyze", "--quiet", dbname)


# -------------------------------------------------------------------------
# Build
# -------------------------------------------------------------------------


def _customers(env):
    Partner = env["res.partner"].with_context(**QUIET)
    customers = Partner.search([("ref", "=like", "BENCH-%")], order="id")
    if not customers:
        customers = Partner.create(
            [
                {"name": f"Bench Customer {i:05d}", "ref": f"BENCH-{i:05d}", "is_company": True}
                for i in range(CUSTOMERS)
            ]
        )
    return customers


def _build_batch(env, start, count):
    """Post deposits number ``start`` .. ``start + count - 1`` (deterministic values)."""
    customers = _customers(env)
    journal = env["account.journal"].search(
        [("type", "=", "bank"), ("company_id", "=", env.company.id)], limit=1
    )
    Deposit = env["customer.deposit"].with_context(**QUIET)
    vals_list = []
    for number in range(start, start + count):
        vals_list.append(
            {
                "partner_id": customers[number % CUSTOMERS].id,
                "journal_id": journal.id,
                "amount": 100 + (number * 37) % 4900,
                "date": FIRST_DATE + datetime.timedelta(days=(number * 7) % DAYS),
                "payment_reference": f"BENCH-{number:06d}",
            }
        )
    deposits = Deposit.create(vals_list)
    deposits.action_post()
    for deposit in deposits.filtered(lambda d: d.id % 10 == 0):
        deposit.convert_to_credit(
            amount=deposit.currency_id.round(deposit.amount / 2),
            date=deposit.date + datetime.timedelta(days=20),
        )


def _save(dbname, size, seconds):
    path = dump_path(size)
    tmp = path.with_suffix(".tmp")
    pg("pg_dump", "-Fc", "-f", str(tmp), dbname)
    tmp.rename(path)
    path.with_suffix(".json").write_text(
        json.dumps(
            {
                "size": size,
                "addon_hash": addon_hash(),
                "build_seconds": round(seconds, 1),
                "built_at": datetime.datetime.now().isoformat(timespec="seconds"),
            }
        )
    )
    _logger.info("saved %s (%.0f s of building so far)", path, seconds)


def _build_seed(template_db):
    """The seed: ``SEED`` deposits posted through the ORM on a copy of ``template_db``."""
    dbname = f"cd_bench_build_{os.getpid()}"
    try:
        copy_db(template_db, dbname)
        started = time.perf_counter()
        count = 0
        while count < SEED:
            batch = min(BATCH, SEED - count)
            with environment(dbname, USER) as env:
                _build_batch(env, count, batch)
            count += batch
            _logger.info(
                "fixture: %d deposits posted (%.1f ms per deposit)",
                count,
                1000 * (time.perf_counter() - started) / count,
            )
        _save(dbname, SEED, time.perf_counter() - started)
    finally:
        drop_db(dbname)


def _build_copy(size, odoo_args):
    """``size`` deposits: the seed copied ``size // SEED`` times in SQL, then verified."""
    dbname = f"cd_bench_build_{os.getpid()}"
    try:
        restore(SEED, dbname, odoo_args)
        started = time.perf_counter()
        with environment(dbname) as env:
            replicate.replicate(env.cr, size // SEED)
            problems, deposits = replicate.verify(env.cr)
            if problems or deposits != size:
                raise RuntimeError(
                    f"the copy of the seed to {size} deposits is wrong ({deposits} deposits): "
                    + "; ".join(problems[:10])
                )
        _logger.info("fixture: %d deposits, ledger invariant verified", deposits)
        pg("vacuumdb", "--analyze", "--quiet", dbname)
        _save(dbname, size, time.perf_counter() - started)
    finally:
        drop_db(dbname)


def ensure(sizes, template_db, odoo_args):
    """Make sure a dump exists for each of ``sizes``: the seed through the ORM (from
    ``template_db``, a fresh database with the addon), the larger ones copied from it."""
    missing = [size for size in sizes if not dump_path(size).exists()]
    if not missing:
        return
    with open(cache_dir() / "build.lock", "w") as lock:
        # One builder at a time (it saves each size as it reaches it): wait for our sizes
        # to appear, or for the lock to be free and build them ourselves.
        while True:
            missing = [size for size in sizes if not dump_path(size).exists()]
            if not missing:
                return
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                _logger.info("another run is building the fixtures: waiting for %s", missing)
                time.sleep(30)
        if not dump_path(SEED).exists():
            _build_seed(template_db)
        for size in sizes:
            if not dump_path(size).exists():
                _build_copy(size, odoo_args)
