# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the tests share: the world (a company with a chart, a second currency, customers
and vendors), builders (deposits of both sides, invoices and bills, sales orders), users of
every role, calls through the external API, and the assertions about the ledger (each side's
deposits tie with their account; a refusal writes nothing)."""

import json
import unittest
import xmlrpc.client
from contextlib import contextmanager

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user
from odoo.tests.common import ChromeBrowser
from odoo.tools import SQL

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

# The groups of each role the tests act as (implied groups come with them).
ROLE_GROUPS = {
    "portal": "base.group_portal",
    "internal": "base.group_user",
    "salesman": "sales_team.group_sale_salesman",
    "salesman_all": "sales_team.group_sale_salesman_all_leads",
    "billing": "account.group_account_invoice",
    "readonly": "account.group_account_readonly",
    # An accountant with "Show Full Accounting Features", not an Invoicing administrator.
    "account_user": "account.group_account_user",
    "accountant": "account.group_account_manager",
    "admin": "base.group_system,account.group_account_manager,sales_team.group_sale_manager",
}
# The rows a refusal must leave as they were (every column but the write stamps), with the
# column (or SQL expression) that says their company: the deposits of both sides, their
# applications, entries, items, payments and partials, the companies' settings of both sides,
# and the deposit numbers (DEP/, VDEP/: "no gap" sequences, a refusal must not take one).
WATCHED_TABLES = {
    "customer_deposit": "company_id",
    "customer_deposit_application": "company_id",
    "account_move": "company_id",
    "account_move_line": "company_id",
    "account_payment": "company_id",
    "account_partial_reconcile": "company_id",
    "res_company": "id",
    "ir_sequence": "company_id",
    "ir_sequence_date_range": SQL(
        "(SELECT seq.company_id FROM ir_sequence seq WHERE seq.id = sequence_id)"
    ),
}
# The ORM stamps a record whose write began before a sub-command (a one2many line) was
# refused: a stamp alone is not a change, the values are.
STAMP_COLUMNS = ("write_uid", "write_date")
# Each side: its company setting of the deposit account, and the sign of that account's
# balance while it holds deposits (a liability's credit, an asset's debit).
LEDGER_SIDES = {
    "customer": ("deposit_account_id", -1),
    "supplier": ("vendor_deposit_account_id", 1),
}
# What an outside client gets for a clear refusal: XML-RPC fault codes (2: UserError,
# ValidationError; 3, 4: access denied / error) and JSON-RPC ``error.data.name``.
CLEAR_FAULT_CODES = (2, 3, 4)
CLEAR_EXCEPTIONS = (
    "odoo.exceptions.UserError",
    "odoo.exceptions.ValidationError",
    "odoo.exceptions.AccessError",
    "odoo.exceptions.MissingError",
    "odoo.exceptions.AccessDenied",
    "odoo.exceptions.RedirectWarning",
)


def ledger_gaps(env, companies):
    """What differs, in each of ``companies``, between what the open deposits of each side
    hold (company currency) and the balance of the accounts holding them: the company's
    deposit account of the side and every account its deposits of that side were posted on.
    Both read by SQL, after a flush. An empty list when both ledgers tie."""
    env.flush_all()
    cr = env.cr
    gaps = []
    for company in companies:
        for partner_type, (account_field, sign) in LEDGER_SIDES.items():
            cr.execute(
                """
                SELECT COALESCE(SUM(amount_residual_company), 0)
                  FROM customer_deposit
                 WHERE company_id = %(company)s AND partner_type = %(side)s
                """,
                {"company": company.id, "side": partner_type},
            )
            held = cr.fetchone()[0]
            cr.execute(
                """
                SELECT COALESCE(SUM(aml.balance), 0)
                  FROM account_move_line aml
                 WHERE aml.parent_state = 'posted' AND aml.company_id = %(company)s
                   AND aml.account_id IN (
                           SELECT %(account)s
                            UNION
                           SELECT deposit_account_id
                             FROM customer_deposit
                            WHERE company_id = %(company)s AND partner_type = %(side)s
                       )
                """,
                {
                    "company": company.id,
                    "side": partner_type,
                    # None, not False, for a company without the account (no chart yet).
                    "account": company[account_field].id or None,
                },
            )
            account = sign * cr.fetchone()[0]
            if company.currency_id.compare_amounts(held, account):
                vendor = "vendor " if partner_type == "supplier" else ""
                gaps.append(
                    f"{company.name}: the {vendor}deposits hold {held}, the {vendor}deposit "
                    f"account {account}"
                )
    return gaps


def give_browser_page_focus(test):
    """Patch the test's headless Chromium to give the page focus (DevTools focus emulation).

    Chromium's new headless mode (156 here) gives the page no focus: a field typed into in a
    tour never gets its blur, so Odoo's form does not apply the value before the next
    step checks what it computes. Used by tours that check such values before saving."""
    init = ChromeBrowser.__init__

    def init_with_page_focus(browser, *args, **kwargs):
        init(browser, *args, **kwargs)
        browser._websocket_request("Emulation.setFocusEmulationEnabled", params={"enabled": True})

    test.patch(ChromeBrowser, "__init__", init_with_page_focus)


class RpcMixin:
    """Calls through the external API of the test server (an HttpCase's), as a client such
    as odoorpc sends them."""

    def jsonrpc(self, service, method, args, raw_body=None):
        """POST /jsonrpc; ``raw_body`` replaces the JSON encoding of the request (to send
        literals such as ``NaN`` or numbers no float holds)."""
        body = raw_body or json.dumps(
            {
                "jsonrpc": "2.0",
                "method": "call",
                "id": 1,
                "params": {"service": service, "method": method, "args": args},
            }
        )
        response = self.url_open(
            "/jsonrpc", data=body, headers={"Content-Type": "application/json"}
        )
        self.assertEqual(response.status_code, 200)
        return response.json()

    def call(self, role, model, method, positional, kwargs=None):
        """``execute_kw`` over XML-RPC as the user of ``role`` (``setup_role_users``; his
        password is his login): a Fault when refused."""
        login = self.users[role].login
        uid = self.rpc_login("xmlrpc", login, login)
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, uid, login, model, method, positional, kwargs or {}
        )

    def rpc_login(self, protocol, login, password):
        db = self.env.cr.dbname
        if protocol == "xmlrpc":
            uid = self.xmlrpc_common.authenticate(db, login, password, {})
        else:
            uid = self.jsonrpc("common", "login", [db, login, password])["result"]
        self.assertTrue(uid, f"{login} cannot log in over {protocol}")
        return uid

    def rpc_execute(self, protocol, uid, password, model, method, positional, kwargs):
        """``execute_kw`` over ``protocol``: (True, result) or (False, error) where error
        is {"clear": refused with a clear error, "detail": what the server said}."""
        db = self.env.cr.dbname
        if protocol == "xmlrpc":
            try:
                result = self.xmlrpc_object.execute_kw(
                    db, uid, password, model, method, positional, kwargs
                )
            except xmlrpc.client.Fault as fault:
                clear = fault.faultCode in CLEAR_FAULT_CODES and "Traceback" not in str(
                    fault.faultString
                )
                return False, {"clear": clear, "detail": f"{fault.faultCode}: {fault.faultString}"}
            return True, result
        answer = self.jsonrpc(
            "object", "execute_kw", [db, uid, password, model, method, positional, kwargs]
        )
        if "error" in answer:
            data = answer["error"].get("data", {})
            clear = data.get("name") in CLEAR_EXCEPTIONS and bool(data.get("message"))
            return False, {"clear": clear, "detail": f"{data.get('name')}: {data.get('message')}"}
        return True, answer.get("result")


class CustomerDepositCommon(AccountTestInvoicingCommon):
    """An isolated company with a chart (and so the deposit accounts of both sides), a second
    currency whose rate moves (2016: 3.0, 2017: 2.0 per company-currency unit) and helpers.
    ``customer`` and ``vendor`` are the same partner: a deposit's side is its own."""

    # True: after every test, each side's deposits must still tie with their account.
    ledger_tied_after_each_test = False
    # The roles ``create_role_user`` knows and the rows a refusal must leave as they were:
    # a bridge's tests extend them (its roles, its order table).
    role_groups = ROLE_GROUPS
    watched_tables = WATCHED_TABLES

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_currency = cls.setup_other_currency("EUR")
        cls.company = cls.company_data["company"]
        cls.currency = cls.company.currency_id
        cls.bank_journal = cls.company_data["default_journal_bank"]
        cls.deposit_account = cls.company.deposit_account_id
        cls.forfeit_account = cls.company.deposit_forfeit_account_id
        cls.receivable = cls.company_data["default_account_receivable"]
        cls.outstanding_receipts = cls.inbound_payment_method_line.payment_account_id
        cls.outstanding_payments = cls.outbound_payment_method_line.payment_account_id
        cls.customer = cls.partner_a
        # The vendor side: the same partner (a deposit's side is its own, not the partner's).
        cls.vendor = cls.partner_a
        cls.vendor_deposit_account = cls.company.vendor_deposit_account_id
        cls.payable = cls.company_data["default_account_payable"]
        # What create_order sells when not told otherwise.
        cls.order_defaults = {
            "partner": cls.customer,
            "product": cls.product_a,
            "qty": 1.0,
            "price": 500.0,
        }

    def tearDown(self):
        if self.ledger_tied_after_each_test:
            self.assertLedgerTied()
        super().tearDown()

    # -------------------------------------------------------------------------
    # Builders
    # -------------------------------------------------------------------------

    @classmethod
    def create_deposit(
        cls, amount=1000.0, post=True, partner=None, currency=None, date=None, **vals
    ):
        deposit = cls.env["customer.deposit"].create(
            {
                "partner_id": (partner or cls.customer).id,
                "amount": amount,
                "currency_id": (currency or cls.company.currency_id).id,
                "journal_id": cls.bank_journal.id,
                "payment_reference": "CHQ-001",
                "date": date or fields.Date.today(),
                **vals,
            }
        )
        if post:
            deposit.action_post()
        return deposit

    @classmethod
    def create_vendor_deposit(cls, amount=1000.0, post=True, partner=None, **kwargs):
        """A deposit paid to ``partner`` (default: the vendor): ``create_deposit`` of the
        supplier side."""
        return cls.create_deposit(
            amount, post, partner=partner or cls.vendor, partner_type="supplier", **kwargs
        )

    @classmethod
    def create_invoice(
        cls,
        amount=1000.0,
        partner=None,
        currency=None,
        date=None,
        post=True,
        move_type="out_invoice",
    ):
        """A customer invoice (or, with ``move_type``, a bill or credit note) of one untaxed
        line of ``amount``, dated ``date`` (default today), posted unless ``post`` is False."""
        customer = move_type in ("out_invoice", "out_refund")
        invoice = cls.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": (partner or (cls.customer if customer else cls.vendor)).id,
                "invoice_date": date or fields.Date.today(),
                "currency_id": (currency or cls.company.currency_id).id,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": cls.product_a.id,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        if post:
            invoice.action_post()
        return invoice

    @classmethod
    def create_bill(cls, amount=1000.0, partner=None, currency=None, date=None, post=True):
        """A vendor bill of the vendor (``create_invoice`` of an ``in_invoice``)."""
        return cls.create_invoice(amount, partner, currency, date, post, move_type="in_invoice")

    @classmethod
    def create_order(
        cls,
        price=None,
        qty=None,
        partner=None,
        product=None,
        company=None,
        confirm=False,
        **vals,
    ):
        """A quotation (an order with ``confirm``) of ``qty`` ``product`` at ``price``, untaxed,
        for ``partner``, in ``company`` (default: the test company); ``vals``: more fields of
        the order (``user_id``...). What is not given comes from ``cls.order_defaults``."""
        defaults = cls.order_defaults
        company = company or cls.company
        order = (
            cls.env["sale.order"]
            .with_company(company)
            .create(
                {
                    "partner_id": (partner or defaults["partner"]).id,
                    "company_id": company.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": (product or defaults["product"]).id,
                                "product_uom_qty": defaults["qty"] if qty is None else qty,
                                "price_unit": defaults["price"] if price is None else price,
                                "tax_id": [Command.clear()],
                            }
                        )
                    ],
                    **vals,
                }
            )
        )
        if confirm:
            order.action_confirm()
        return order

    def create_manual_entry(self, amount, on_date, account=None):
        """A journal entry adding ``amount`` to what ``account`` (default: the customer
        deposit liability) holds without any deposit: a credit on a liability, a debit on
        an asset (the vendor deposit account), against an expense."""
        account = account or self.deposit_account
        balance = -amount if account.account_type.startswith("liability") else amount
        move = self.env["account.move"].create(
            {
                "move_type": "entry",
                "date": on_date,
                "journal_id": self.company_data["default_journal_misc"].id,
                "line_ids": [
                    Command.create(
                        {
                            "account_id": account.id,
                            "partner_id": self.customer.id,
                            "name": "Manual deposit correction",
                            "balance": balance,
                        }
                    ),
                    Command.create(
                        {
                            "account_id": self.company_data["default_account_expense"].id,
                            "name": "Manual deposit correction",
                            "balance": -balance,
                        }
                    ),
                ],
            }
        )
        move.action_post()
        return move

    # -------------------------------------------------------------------------
    # Users
    # -------------------------------------------------------------------------

    @classmethod
    def create_role_user(cls, role, login=None, companies=None, **vals):
        """A user with the groups of ``role`` (``role_groups``) in ``companies`` (default: the
        test company; the first one is his current company). Login ``login`` (default
        ``cd_<role>``); his password is his login."""
        companies = companies or cls.company
        login = login or f"cd_{role}"
        return new_test_user(
            cls.env,
            login=login,
            password=login,
            groups=cls.role_groups[role],
            company_id=companies[0].id,
            company_ids=[Command.set(companies.ids)],
            **vals,
        )

    @classmethod
    def setup_role_users(cls, *roles, companies=None):
        """``cls.users``: ``{role: user}``, one user of each of ``roles`` made for the class
        (``create_role_user``); a class adds more users of a role under other names."""
        cls.users = {role: cls.create_role_user(role, companies=companies) for role in roles}
        return cls.users

    # -------------------------------------------------------------------------
    # The ledger
    # -------------------------------------------------------------------------

    def deposit_lines(self, move):
        """The lines of ``move`` on a deposit account (the customer deposit liability or the
        vendor deposit asset)."""
        accounts = self.deposit_account | self.vendor_deposit_account
        return move.line_ids.filtered(lambda line: line.account_id in accounts)

    def bank_side_lines(self, move):
        """The lines of ``move`` off the deposit accounts."""
        return move.line_ids - self.deposit_lines(move)

    def account_balance(self, account, company=None):
        """Balance of ``account`` in ``company`` (default: the test company), from an
        independent SQL sum of its posted items."""
        company = company or self.company
        self.env.flush_all()
        self.env.cr.execute(
            """
            SELECT COALESCE(SUM(aml.balance), 0)
              FROM account_move_line aml
             WHERE aml.account_id = %s AND aml.parent_state = 'posted' AND aml.company_id = %s
            """,
            [account.id, company.id],
        )
        return self.env.cr.fetchone()[0]

    def deposit_account_balance(self, company=None):
        """Balance of the customer deposit account, from an independent SQL sum."""
        company = company or self.company
        return self.account_balance(company.deposit_account_id, company)

    def ledger_gap(self, company=None):
        """None when, in ``company`` (default: the test company), the customer deposits hold
        what the customer deposit liability holds and the vendor deposits what the vendor
        deposit asset holds; else what differs (``ledger_gaps``: both read by SQL)."""
        return "; ".join(ledger_gaps(self.env, company or self.company)) or None

    def assertLedgerTied(self, company=None):
        """On both sides, the open deposits' balances add up to their deposit account's
        balance, in each of ``company`` (default: the test company)."""
        gaps = ledger_gaps(self.env, company or self.company)
        self.assertFalse(gaps, "the ledger is not tied")

    def ledger_snapshot(self, companies=None):
        """The rows of ``WATCHED_TABLES`` of ``companies`` (default: all), read by SQL after a
        flush, and how many rows each table has in the whole database:
        ``{table: {id: {column: value}}, "counts": {"rows": {table: count}}}``."""
        self.env.flush_all()
        cr = self.env.cr
        snapshot = {}
        for table, company_column in self.watched_tables.items():
            query = SQL("SELECT * FROM %s", SQL.identifier(table))
            if companies:
                if not isinstance(company_column, SQL):
                    company_column = SQL.identifier(company_column)
                query = SQL("%s WHERE %s IN %s", query, company_column, tuple(companies.ids))
            cr.execute(query)
            columns = [column.name for column in cr.description]
            rows = (dict(zip(columns, row)) for row in cr.fetchall())
            snapshot[table] = {row["id"]: row for row in rows}
        cr.execute(
            SQL(
                "SELECT %s",
                SQL(", ").join(
                    SQL("(SELECT COUNT(*) FROM %s)", SQL.identifier(table))
                    for table in self.watched_tables
                ),
            )
        )
        snapshot["counts"] = {"rows": dict(zip(self.watched_tables, cr.fetchone()))}
        return snapshot

    def ledger_changes(self, before, after):
        """What changed between two ``ledger_snapshot``, e.g.
        ``["account_move 42: state, made_sequence_gap", "account_payment 7: new"]``."""
        changed = []
        for table, rows in before.items():
            rows_after = after[table]
            for row_id in rows.keys() - rows_after.keys():
                changed.append(f"{table} {row_id}: deleted")
            for row_id in rows_after.keys() - rows.keys():
                changed.append(f"{table} {row_id}: new")
            for row_id in rows.keys() & rows_after.keys():
                columns = [
                    column
                    for column, value in rows[row_id].items()
                    if rows_after[row_id].get(column) != value and column not in STAMP_COLUMNS
                ]
                if columns:
                    changed.append(f"{table} {row_id}: {', '.join(columns)}")
        return changed

    @contextmanager
    def assertRefusedWithoutWrites(
        self, exception=UserError, message=None, as_request=False, companies=None, msg=None
    ):
        """The block raises ``exception`` (``message`` in its text) and, as its caller sees
        the database then, the deposits of both sides, their applications, entries, items,
        partials and payments, the companies and the deposit numbers are as they were
        (``ledger_snapshot`` of ``companies``: ``WATCHED_TABLES``).

        Odoo's ``assertRaises`` runs the block in a savepoint and rolls it back as the
        exception comes out: a comparison made after it always passes. Here the rows are
        read once the exception has propagated and before anything is rolled back, so a
        write made before the refusal fails the test (a caller that catches the error and
        carries on, an auto-apply or a server action, would keep it). Only then is the
        savepoint rolled back, so that the test goes on from where it was.

        ``as_request``: the block runs in its own savepoint, rolled back when it raises, as
        a request is; for calls that write before they refuse by design (the ORM's
        ``create`` inserts, then checks; a dialog creates the deposit, then posts it). The
        comparison then proves only that nothing escaped that rollback.
        """
        before = self.ledger_snapshot(companies)
        savepoint = self.env.cr.savepoint()
        if issubclass(exception, AccessError):
            # As Odoo's assertRaises: access is checked on data read again, not on the cache.
            self.env.invalidate_all()
        try:
            # unittest's assertRaises: without Odoo's savepoint and its rollback.
            with unittest.TestCase.assertRaises(self, exception, msg=msg) as caught:
                if as_request:
                    with self.env.cr.savepoint():
                        yield caught
                else:
                    yield caught
            if message is not None:
                self.assertIn(message, str(caught.exception), msg)
            after = self.ledger_snapshot(companies)
        finally:
            savepoint.close(rollback=True)
        changes = self.ledger_changes(before, after)
        self.assertFalse(
            changes, f"{msg or 'refused'} ({caught.exception}) but wrote {changes[:6]}"
        )


class CustomerDepositSaleCommon(CustomerDepositCommon):
    """Orders of a service invoiced on delivered quantities (4 days at 500.0 for a contact of
    the customer by default), an EUR pricelist, and the order's Register Deposit dialog."""

    @classmethod
    def get_default_groups(cls):
        return super().get_default_groups() | cls.env.ref("sales_team.group_sale_manager")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contact = cls.env["res.partner"].create(
            {"name": "Buyer at partner_a", "parent_id": cls.customer.id, "type": "contact"}
        )
        # Invoiced on delivered quantities, delivered by hand: partial invoicing without stock.
        cls.service = cls._create_product(
            name="Installation day",
            type="service",
            invoice_policy="delivery",
            service_type="manual",
            lst_price=500.0,
            taxes_id=[Command.clear()],
        )
        cls.eur_pricelist = cls.env["product.pricelist"].create(
            {"name": "EUR", "currency_id": cls.other_currency.id, "company_id": cls.company.id}
        )
        cls.order_defaults = {
            "partner": cls.contact,
            "product": cls.service,
            "qty": 4.0,
            "price": 500.0,
        }

    def register_deposit(self, order, amount=None, reference="CHQ-100", post=True):
        """Register a deposit the way the order's button does: the Register Deposit dialog
        on its context, posted from the dialog. A draft (``post=False``) is created from the
        dialog's values through the API: the dialog itself always posts."""
        action = order.action_register_deposit()
        self.assertEqual(action["res_model"], "customer.deposit.register")
        Wizard = self.env[action["res_model"]].with_env(order.env).with_context(**action["context"])
        with Form(Wizard) as form:
            if amount is not None:
                form.amount = amount
            form.payment_reference = reference
        wizard = form.record
        Deposit = self.env["customer.deposit"].with_env(order.env)
        if not post:
            return Deposit.create(wizard._prepare_deposit_vals())
        before = Deposit.search([("sale_order_id", "=", order.id)])
        self.assertEqual(wizard.action_create_deposit(), {"type": "ir.actions.act_window_close"})
        return Deposit.search([("sale_order_id", "=", order.id)]) - before

    def invoice_delivered(self, order):
        wizard = self.env["sale.advance.payment.inv"].create(
            {
                "advance_payment_method": "delivered",
                "sale_order_ids": [Command.set(order.ids)],
            }
        )
        wizard.create_invoices()
        invoice = order.invoice_ids.filtered(lambda inv: inv.state == "draft")
        invoice.action_post()
        return invoice

    def assert_transfer(self, application, amount):
        """The application's transfer: Dr deposit liability / Cr receivable, both matched."""
        self.assertRecordValues(
            application.move_id.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.receivable.id,
                    "partner_id": self.customer.id,
                    "debit": 0.0,
                    "credit": amount,
                    "amount_currency": -amount,
                    "currency_id": self.company.currency_id.id,
                    "reconciled": True,
                },
                {
                    "account_id": self.deposit_account.id,
                    "partner_id": self.customer.id,
                    "debit": amount,
                    "credit": 0.0,
                    "amount_currency": amount,
                    "currency_id": self.company.currency_id.id,
                    "reconciled": True,
                },
            ],
        )
