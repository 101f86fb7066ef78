# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Grow a benchmark database of deposits built through the ORM by copying them in SQL.

For the benchmark databases only (never in the addon, never on a real database): building
1,000,000 deposits through the ORM takes about 18 hours on this machine, so ``fixtures.py``
builds a seed of ``fixtures.SEED`` deposits through the ORM and this module copies that seed
``copies - 1`` times. Each copy gets every row the seed's deposits made (the deposits, their
payments, journal entries and items, matchings, applications and the many2many rows pointing
at them), with:

- ids shifted by ``k`` times the table's largest id (and every reference to a copied table
  shifted the same way, so a copy points at its own rows);
- the customer shifted to the ``k``-th next bench customer (columns referring to a bench
  customer), so that every customer gets deposits of every copy;
- dates shifted ``k % 7`` days back (every date column of the copied rows alike, so that a
  deposit's entries keep their order);
- journal entries renumbered after the seed's (``sequence_number`` shifted by ``k`` times
  the largest one, the name rebuilt from the prefix), so that Odoo's sequences carry on
  after them and entry names stay unique; other text columns of unique indexes suffixed
  with ``-k``.

Then ``verify`` proves the copy right with the ledger invariant the tests use: per company
and side, the open deposits' balances sum to the deposit account's balance, and every
deposit's balance equals the sum of its own items on the deposit account.
"""

import logging
import time

_logger = logging.getLogger("customer_deposit.bench")

# The tables a posted deposit writes to (with tracking off), in no particular order: the
# foreign keys are not checked while copying (session_replication_role = replica).
TABLES = (
    "customer_deposit",
    "customer_deposit_application",
    "account_payment",
    "account_move",
    "account_move_line",
    "account_partial_reconcile",
    "account_full_reconcile",
)

SEED_QUERIES = {
    "customer_deposit": "SELECT id FROM customer_deposit WHERE payment_reference LIKE %s",
    "account_move": """
        SELECT id FROM account_move WHERE deposit_id IN (SELECT id FROM seed_customer_deposit)
        UNION SELECT p.move_id AS id FROM customer_deposit d
                 JOIN account_payment p ON p.id = d.payment_id
               WHERE d.id IN (SELECT id FROM seed_customer_deposit)
    """,
    "account_payment": """
        SELECT id FROM account_payment WHERE move_id IN (SELECT id FROM seed_account_move)
        UNION SELECT payment_id AS id FROM customer_deposit
               WHERE id IN (SELECT id FROM seed_customer_deposit) AND payment_id IS NOT NULL
    """,
    "account_move_line": """
        SELECT id FROM account_move_line WHERE move_id IN (SELECT id FROM seed_account_move)
    """,
    "account_partial_reconcile": """
        SELECT id FROM account_partial_reconcile
         WHERE debit_move_id IN (SELECT id FROM seed_account_move_line)
            OR credit_move_id IN (SELECT id FROM seed_account_move_line)
    """,
    "account_full_reconcile": """
        SELECT full_reconcile_id AS id FROM account_partial_reconcile
         WHERE id IN (SELECT id FROM seed_account_partial_reconcile)
           AND full_reconcile_id IS NOT NULL
        UNION SELECT full_reconcile_id FROM account_move_line
         WHERE id IN (SELECT id FROM seed_account_move_line) AND full_reconcile_id IS NOT NULL
    """,
    "customer_deposit_application": """
        SELECT id FROM customer_deposit_application
         WHERE deposit_id IN (SELECT id FROM seed_customer_deposit)
    """,
}


def _foreign_keys(cr, table):
    """{column: referenced table} of ``table``'s single-column foreign keys."""
    cr.execute(
        """
        SELECT a.attname, c.confrelid::regclass::text
          FROM pg_constraint c
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
         WHERE c.contype = 'f' AND c.conrelid = %s::regclass AND array_length(c.conkey, 1) = 1
        """,
        [table],
    )
    return dict(cr.fetchall())


def _columns(cr, table):
    """[(column, data type)] of ``table`` (stored columns only)."""
    cr.execute(
        """
        SELECT column_name, data_type FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name = %s AND is_generated = 'NEVER'
         ORDER BY ordinal_position
        """,
        [table],
    )
    return cr.fetchall()


def _unique_text_columns(cr, table):
    """Text columns taking part in a unique index of ``table``."""
    cr.execute(
        """
        SELECT DISTINCT a.attname
          FROM pg_index i
          JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
         WHERE i.indrelid = %s::regclass AND i.indisunique AND NOT i.indisprimary
           AND a.atttypid IN ('varchar'::regtype, 'text'::regtype)
        """,
        [table],
    )
    return {row[0] for row in cr.fetchall()}


def _relation_tables(cr):
    """Tables without an id column (many2many relations) with a foreign key to a copied
    table: {table: {column: referenced table}}."""
    cr.execute(
        """
        SELECT DISTINCT c.conrelid::regclass::text
          FROM pg_constraint c
         WHERE c.contype = 'f' AND c.confrelid::regclass::text IN %s
           AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.conrelid
                                                         AND a.attname = 'id')
        """,
        [TABLES],
    )
    return {table: _foreign_keys(cr, table) for (table,) in cr.fetchall()}


def _customers_range(cr):
    """(first id, count) of the bench customers when their ids are contiguous, else None."""
    cr.execute("SELECT MIN(id), MAX(id), COUNT(*) FROM res_partner WHERE ref LIKE 'BENCH-%'")
    first, last, count = cr.fetchone()
    if not count or last - first + 1 != count:
        return None
    return first, count


def _expression(column, data_type, fks, offsets, customers, unique_text, numbers=None):
    """SQL of ``column``'s value in copy ``k`` (a column of generate_series); ``numbers``:
    the shift of journal entry numbers (account_move only)."""
    ref = fks.get(column)
    if numbers and column == "sequence_number":
        return f"t.sequence_number + k * {numbers}"
    if numbers and column == "name":
        number = f"(t.sequence_number + k * {numbers})::text"
        return (
            f"CASE WHEN t.sequence_prefix IS NULL OR t.name = '/' THEN t.name "
            f"ELSE t.sequence_prefix || CASE WHEN length({number}) >= 5 THEN {number} "
            f"ELSE lpad({number}, 5, '0') END END"
        )
    if column == "id" or ref in offsets:
        table = ref or None
        return f"CASE WHEN t.{column} IS NULL THEN NULL ELSE t.{column} + k * {{{table}}} END"
    if ref == "res_partner" and customers:
        first, count = customers
        return (
            f"CASE WHEN t.{column} BETWEEN {first} AND {first + count - 1} "
            f"THEN {first} + MOD(t.{column} - {first} + k, {count}) ELSE t.{column} END"
        )
    if data_type == "date":
        return f"t.{column} - MOD(k, 7)"
    if column in unique_text:
        return f"t.{column} || '-' || k"
    return f"t.{column}"


def replicate(cr, copies, reference_like="BENCH-%"):
    """Copy the seed's deposits (those whose payment reference is like
    ``reference_like``) so that there are ``copies`` times as many."""
    started = time.perf_counter()
    cr.execute("SET session_replication_role = replica")
    for table, query in SEED_QUERIES.items():  # each from the previous ones
        cr.execute(
            f"CREATE TEMP TABLE seed_{table} AS {query}",
            [reference_like] if "%s" in query else None,
        )
        cr.execute(f"ALTER TABLE seed_{table} ADD PRIMARY KEY (id)")
    offsets = {}
    for table in TABLES:
        cr.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")
        offsets[table] = cr.fetchone()[0]
    customers = _customers_range(cr)
    cr.execute("SELECT COALESCE(MAX(sequence_number), 0) + 1 FROM account_move")
    numbers = cr.fetchone()[0]
    for table in TABLES:
        fks = _foreign_keys(cr, table)
        unique_text = _unique_text_columns(cr, table)
        if table == "account_move":
            unique_text.discard("name")
        columns = _columns(cr, table)
        names = ", ".join(column for column, _type in columns)
        exprs = ", ".join(
            _expression(
                column,
                data_type,
                fks,
                offsets,
                customers,
                unique_text,
                numbers if table == "account_move" else None,
            )
            for column, data_type in columns
        )
        exprs = exprs.replace("{None}", str(offsets[table]))
        for ref, offset in offsets.items():
            exprs = exprs.replace(f"{{{ref}}}", str(offset))
        cr.execute(
            f"""
            INSERT INTO {table} ({names})
            SELECT {exprs}
              FROM {table} t JOIN seed_{table} s ON s.id = t.id
             CROSS JOIN generate_series(1, %s) k
            """,
            [copies - 1],
        )
        _logger.info("replicate: %s +%d rows", table, cr.rowcount)
        cr.execute(
            "SELECT setval(pg_get_serial_sequence(%s, 'id'), (SELECT MAX(id) FROM " + table + "))",
            [table],
        )
    for table, fks in _relation_tables(cr).items():
        copied = [column for column, ref in fks.items() if ref in offsets]
        columns = [column for column, _type in _columns(cr, table)]
        if not copied or not set(fks) >= set(columns) - set(copied):
            continue
        exprs = ", ".join(
            f"t.{column} + k * {offsets[fks[column]]}"
            if column in copied
            else _expression(column, "", fks, {}, customers, set())
            for column in columns
        )
        where = " OR ".join(
            f"t.{column} IN (SELECT id FROM seed_{fks[column]})" for column in copied
        )
        cr.execute(
            f"""
            INSERT INTO {table} ({", ".join(columns)})
            SELECT {exprs} FROM {table} t CROSS JOIN generate_series(1, %s) k WHERE {where}
            """,
            [copies - 1],
        )
        _logger.info("replicate: %s +%d rows", table, cr.rowcount)
    # The entry names the items and payments repeat (stored related fields).
    cr.execute(
        """
        UPDATE account_move_line line SET move_name = move.name
          FROM account_move move
         WHERE move.id = line.move_id AND line.id >= %s AND line.move_name != move.name
        """,
        [offsets["account_move_line"]],
    )
    cr.execute(
        """
        UPDATE account_payment payment SET name = move.name
          FROM account_move move
         WHERE move.id = payment.move_id AND payment.id >= %s AND payment.name != move.name
        """,
        [offsets["account_payment"]],
    )
    cr.execute("SET session_replication_role = DEFAULT")
    for table in TABLES:
        cr.execute(f"DROP TABLE seed_{table}")
    _logger.info("replicate: x%d in %.0f s", copies, time.perf_counter() - started)


def verify(cr):
    """Violations of the ledger invariant (the tests' and the load run's): per company and
    side, the sum of the posted deposits' balances equals the deposit account's balance;
    per deposit, its balance equals the sum of its own items on its deposit account."""
    problems = []
    cr.execute(
        """
        SELECT c.id, side.partner_type, side.account_id,
               (SELECT COALESCE(SUM(d.amount_residual_company), 0) FROM customer_deposit d
                 WHERE d.company_id = c.id AND d.payment_id IS NOT NULL
                   AND d.partner_type = side.partner_type),
               (SELECT COALESCE(side.sign * SUM(l.balance), 0) FROM account_move_line l
                 WHERE l.account_id = side.account_id AND l.company_id = c.id
                   AND l.parent_state = 'posted')
          FROM res_company c
         CROSS JOIN LATERAL (VALUES ('customer', c.deposit_account_id, -1),
                                    ('supplier', c.vendor_deposit_account_id, 1))
               AS side(partner_type, account_id, sign)
         WHERE side.account_id IS NOT NULL
        """
    )
    for company, side, _account, deposits, ledger in cr.fetchall():
        if deposits != ledger:
            problems.append(f"company {company} {side}: deposits {deposits} != account {ledger}")
    cr.execute(
        """
        SELECT d.name, d.amount, d.amount_residual, items.balance
          FROM customer_deposit d
          LEFT JOIN (
                SELECT m.deposit_id,
                       SUM(l.amount_currency) AS balance, MIN(dd.partner_type) AS partner_type
                  FROM account_move_line l
                  JOIN account_move m ON m.id = l.move_id
                  JOIN customer_deposit dd ON dd.id = m.deposit_id
                 WHERE m.state = 'posted' AND l.account_id = dd.deposit_account_id
                 GROUP BY m.deposit_id
          ) items ON items.deposit_id = d.id
         WHERE d.payment_id IS NOT NULL
           AND (d.amount_residual < 0 OR d.amount_residual > d.amount
                OR d.amount_residual != CASE d.partner_type WHEN 'supplier' THEN 1 ELSE -1 END
                                        * COALESCE(items.balance, 0))
         LIMIT 20
        """
    )
    for name, amount, residual, ledger in cr.fetchall():
        problems.append(f"{name}: amount {amount}, balance {residual}, ledger {ledger}")
    cr.execute("SELECT COUNT(*) FROM customer_deposit WHERE payment_id IS NOT NULL")
    return problems, cr.fetchone()[0]
