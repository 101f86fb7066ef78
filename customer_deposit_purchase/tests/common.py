# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the bridge's tests share on top of customer_deposit's tests/common.py (its vendor
helpers, role users and ``assertRefusedWithoutWrites``, here also watching purchase orders):
purchase orders billed on ordered quantities, the order's Pay Deposit dialog and bills made
from orders."""

from odoo import Command, fields
from odoo.tests import Form

from odoo.addons.customer_deposit.tests.common import (
    ROLE_GROUPS,
    WATCHED_TABLES,
    CustomerDepositCommon,
)


class PurchaseDepositCommon(CustomerDepositCommon):
    """Purchase orders of ``cls.timber`` (billed on ordered quantities, untaxed) from a
    contact of the vendor, and the vendor's Pay Deposit dialog on them."""

    # The purchase roles, and the orders a refusal must leave as they were.
    role_groups = {
        **ROLE_GROUPS,
        "purchase_user": "purchase.group_purchase_user",
        "purchase_billing": "purchase.group_purchase_user,account.group_account_invoice",
    }
    watched_tables = {**WATCHED_TABLES, "purchase_order": "company_id"}

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
