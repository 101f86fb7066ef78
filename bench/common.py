# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Shared helpers of the benchmark: Odoo bootstrap, timing with SQL query counts, and the
PostgreSQL client tools (pg_dump / pg_restore / createdb / dropdb) of the project's server."""

import os
import statistics
import subprocess
import time
from contextlib import contextmanager

import odoo
from odoo import SUPERUSER_ID, api, sql_db
from odoo.modules.registry import Registry
from odoo.tools import config

PGBIN = os.environ.get("CD_PGBIN", "/usr/lib/postgresql/15/bin")


def pg_env():
    env = dict(os.environ)
    env.update(
        PGHOST=config["db_host"] or "127.0.0.1",
        PGPORT=str(config["db_port"] or 5432),
        PGUSER=config["db_user"] or "",
    )
    return env


def pg(tool, *args, stderr=None):
    """Run a PostgreSQL client tool of the project's server."""
    subprocess.run(
        [os.path.join(PGBIN, tool), *args],
        env=pg_env(),
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=stderr,
    )


def drop_db(name):
    Registry.delete(name)
    odoo.sql_db.close_db(name)
    pg("dropdb", "--if-exists", name, stderr=subprocess.DEVNULL)  # no NOTICE when absent


def copy_db(template, name):
    """A new database from ``template`` (no connection may use the template)."""
    Registry.delete(template)
    odoo.sql_db.close_db(template)
    drop_db(name)
    pg("createdb", "-T", template, name)


@contextmanager
def environment(dbname, user=None, context=None):
    """One transaction (committed at the end) with a fresh environment, as one request."""
    registry = Registry(dbname)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, context or {})
        if user:
            env = env(user=env.ref(user).id)
        yield env


class Measure:
    """Wall time and SQL queries of one operation: ``with measure: ...`` then ``.seconds``,
    ``.queries``. Counts every query of the process (odoo.sql_db.sql_counter)."""

    def __enter__(self):
        self.queries0 = sql_db.sql_counter
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.t0
        self.queries = sql_db.sql_counter - self.queries0


def timed_op(dbname, user, func, *args):
    """Run ``func(env, *args)`` in its own transaction with a fresh cache and return
    (seconds, queries) up to the flush of the ORM and of the pre-commit hooks (tracking
    values, as assertQueryCount does); the COMMIT itself is the same for every operation."""
    with environment(dbname, user) as env:
        with Measure() as m:
            result = func(env, *args)
            env.flush_all()
            env.cr.flush()
    return m.seconds, m.queries, result


class Series:
    """Per-operation samples of one kind of operation."""

    def __init__(self, label):
        self.label = label
        self.seconds = []
        self.queries = []

    def add(self, seconds, queries):
        self.seconds.append(seconds)
        self.queries.append(queries)

    @property
    def n(self):
        return len(self.seconds)

    @property
    def mean_ms(self):
        return 1000 * statistics.fmean(self.seconds)

    @property
    def median_ms(self):
        return 1000 * statistics.median(self.seconds)

    @property
    def p95_ms(self):
        ordered = sorted(self.seconds)
        return 1000 * ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]

    @property
    def queries_per_op(self):
        return statistics.fmean(self.queries)

    def row(self):
        return (
            self.label,
            self.n,
            f"{self.mean_ms:.1f}",
            f"{self.median_ms:.1f}",
            f"{self.p95_ms:.1f}",
            f"{self.queries_per_op:.1f}",
        )


def print_table(title, header, rows):
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    line = "  ".join("-" * w for w in widths)
    print(f"\n{title}")
    print("  ".join(str(h).ljust(w) for h, w in zip(header, widths)))
    print(line)
    for row in rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths)))
