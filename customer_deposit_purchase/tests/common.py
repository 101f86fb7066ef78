# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the bridge's tests share: customer_deposit's world and vendor helpers
(``VendorDepositCommon``), purchase orders billed on ordered quantities, the order's Pay
Deposit dialog, bills made from orders, and the assertion that a refusal writes nothing."""

import unittest
from contextlib import contextmanager

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user
from odoo.tools import SQL

from odoo.addons.customer_deposit.tests.common_vendor import VendorDepositCommon

# The rows a refusal must leave as they were (every column but the write stamps).
WATCHED_TABLES = (
    "customer_deposit",
    "customer_deposit_application",
    "account_move",
    "account_move_line",
    "account_payment",
    "account_partial_reconcile",
    "purchase_order",
)
STAMP_COLUMNS = ("write_uid", "write_date")
# The groups of each role the tests act as (implied groups come with them).
ROLE_GROUPS = {
    "billing": "account.group_account_invoice",
    "accountant": "account.group_account_manager",
    "purchase_user": "purchase.group_purchase_user",
    "purchase_billing": "purchase.group_purchase_user,account.group_account_invoice",
    "salesman": "sales_team.group_sale_salesman",
}


class PurchaseDepositCommon(VendorDepositCommon):
    """Purchase orders of ``cls.timber`` (billed on ordered quantities, untaxed) from a
    contact of the vendor, and the vendor's Pay Deposit dialog on them."""

    @classmethod
    def get_default_groups(cls):
        return super().get_default_groups() | cls.env.ref("purchase.group_purchase_manager")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vendor_contact = cls.env["res.partner"].create(
            {"name": "Buyer desk at partner_a", "parent_id": cls.vendor.id, "type": "contact"}
        )
        cls.timber = cls._create_product(
            name="Oak board",
            type="consu",
            purchase_method="purchase",
            standard_price=50.0,
            supplier_taxes_id=[Command.clear()],
        )

    # -------------------------------------------------------------------------
    # Builders
    # -------------------------------------------------------------------------

    @classmethod
    def create_user(cls, role, login, companies=None):
        """A user with the groups of ``role`` (``ROLE_GROUPS``) in ``companies`` (default:
        the test company); his password is his login."""
        companies = companies or cls.company
        return new_test_user(
            cls.env,
            login=login,
            password=login,
            groups=ROLE_GROUPS[role],
            company_id=companies[0].id,
            company_ids=[Command.set(companies.ids)],
        )

    @classmethod
    def create_purchase_order(
        cls, price=500.0, qty=4.0, partner=None, company=None, currency=None, confirm=True, **vals
    ):
        """A purchase order (an RFQ without ``confirm``) of ``qty`` boards at ``price``,
        untaxed, from ``partner`` (default: a contact of the vendor) in ``company``."""
        company = company or cls.company
        order = (
            cls.env["purchase.order"]
            .with_company(company)
            .create(
                {
                    "partner_id": (partner or cls.vendor_contact).id,
                    "company_id": company.id,
                    "currency_id": (currency or company.currency_id).id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": cls.timber.id,
                                "product_qty": qty,
                                "price_unit": price,
                                "taxes_id": [Command.clear()],
                            }
                        )
                    ],
                    **vals,
                }
            )
        )
        if confirm:
            order.button_confirm()
        return order

    def pay_deposit(self, order, amount=None, reference="TRF-100", date=None):
        """Pay a deposit the way the order's button does: the Pay Deposit dialog on its
        context, posted from the dialog; returns the new deposit."""
        action = order.action_register_deposit()
        self.assertEqual(action["res_model"], "customer.deposit.register")
        Wizard = self.env[action["res_model"]].with_env(order.env).with_context(**action["context"])
        before = order.deposit_ids
        with Form(Wizard) as dialog:
            if amount is not None:
                dialog.amount = amount
            if date is not None:
                dialog.date = date
            dialog.payment_reference = reference
        dialog.record.action_create_deposit()
        order.invalidate_recordset(["deposit_ids"])
        return order.deposit_ids - before

    def create_bill_from_order(self, orders, post=True, date=None):
        """The bill of ``orders``' lines to bill, made by their Create Bill button."""
        before = orders.invoice_ids
        orders.action_create_invoice()
        orders.invalidate_recordset(["invoice_ids"])
        bill = orders.invoice_ids - before
        bill.invoice_date = date or fields.Date.today()
        if post:
            bill.action_post()
        return bill

    def register_payment(self, bill, amount):
        """A regular payment of ``amount`` on ``bill`` (Odoo's Pay dialog)."""
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=bill.ids
        ).create({"amount": amount}).action_create_payments()

    # -------------------------------------------------------------------------
    # Refusals
    # -------------------------------------------------------------------------

    def table_snapshot(self):
        """Every row of ``WATCHED_TABLES``, read by SQL after a flush."""
        self.env.flush_all()
        cr = self.env.cr
        snapshot = {}
        for table in WATCHED_TABLES:
            cr.execute(SQL("SELECT * FROM %s", SQL.identifier(table)))
            columns = [column.name for column in cr.description]
            snapshot[table] = {
                row[0]: {
                    column: value
                    for column, value in zip(columns, row)
                    if column not in STAMP_COLUMNS
                }
                for row in cr.fetchall()
            }
        return snapshot

    @contextmanager
    def assertRefusedWithoutWrites(
        self, exception=UserError, message=None, as_request=False, msg=None
    ):
        """The block raises ``exception`` (``message`` in its text) and, as the caller sees
        the database then, before any rollback, the deposits, applications, entries,
        items, payments, matchings and purchase orders are as they were.

        ``as_request``: the block runs in its own savepoint, rolled back when it raises, as
        a request is; for what writes before it refuses by design (the ORM's constraints
        check a record once it is written). customer_deposit's tests/common.py gets the
        same assertion on the main branch."""
        before = self.table_snapshot()
        savepoint = self.env.cr.savepoint()
        if issubclass(exception, AccessError):
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
            after = self.table_snapshot()
        finally:
            savepoint.close(rollback=True)
        changes = [
            f"{table} {row_id}"
            for table, rows in before.items()
            for row_id in rows.keys() | after[table].keys()
            if rows.get(row_id) != after[table].get(row_id)
        ]
        self.assertFalse(changes, f"refused ({caught.exception}) but wrote {changes[:6]}")
