# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Vendor deposits through the external API (XML-RPC)."""

import xmlrpc.client

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import CLEAR_FAULT_CODES, CustomerDepositCommon, RpcMixin


@tagged("post_install", "-at_install")
class TestVendorDepositRpc(CustomerDepositCommon, HttpCase, RpcMixin):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_role_users("billing", "salesman")

    @mute_logger("odoo.addons.base.controllers.rpc")
    def test_billing_user_pays_and_applies_over_xmlrpc(self):
        bill = self.create_bill(amount=400.0)
        deposit_id = self.call(
            "billing",
            "customer.deposit",
            "create",
            [
                {
                    "partner_type": "supplier",
                    "partner_id": self.vendor.id,
                    "amount": 1000.0,
                    "journal_id": self.bank_journal.id,
                    "payment_reference": "TRF-RPC",
                }
            ],
        )
        self.call("billing", "customer.deposit", "action_post", [[deposit_id]])
        application_id = self.call(
            "billing",
            "customer.deposit",
            "apply_to_invoice",
            [[deposit_id], bill.id],
            {"amount": 150.0},
        )
        self.assertIsInstance(application_id, int)
        self.call("billing", "customer.deposit", "convert_to_credit", [[deposit_id], 50.0])
        deposit = self.env["customer.deposit"].browse(deposit_id)
        self.assertRecordValues(
            deposit,
            [
                {
                    "partner_type": "supplier",
                    "state": "partial",
                    "amount_applied": 150.0,
                    "amount_converted": 50.0,
                    "amount_residual": 800.0,
                }
            ],
        )
        self.assertEqual(deposit.payment_id.payment_type, "outbound")
        self.assertAlmostEqual(bill.amount_residual, 250.0)
        # The same checks as on the customer side: a customer invoice is refused, and so is
        # a refund by a billing user; nothing is written.
        invoice = self.create_invoice(amount=100.0)
        for method, positional in (
            ("apply_to_invoice", [[deposit_id], invoice.id]),
            ("refund", [[deposit_id]]),
            ("write", [[deposit_id], {"partner_type": "customer"}]),
        ):
            with self.subTest(method):
                with self.assertRefusedWithoutWrites(xmlrpc.client.Fault, msg=method) as caught:
                    self.call("billing", "customer.deposit", method, positional)
                self.assertIn(caught.exception.faultCode, CLEAR_FAULT_CODES, method)

    @mute_logger("odoo.addons.base.controllers.rpc", "odoo.http")
    def test_salesman_refused_over_xmlrpc(self):
        order = self.create_order(partner=self.vendor, user_id=self.env.ref("base.user_admin").id)
        draft = self.create_vendor_deposit(amount=100.0, post=False)
        vals = {
            "partner_id": self.vendor.id,
            "sale_order_id": order.id,
            "amount": 100.0,
            "journal_id": self.bank_journal.id,
            "payment_reference": "X",
        }
        for label, method, positional, kwargs in (
            ("create", "create", [{**vals, "partner_type": "supplier"}], {}),
            (
                "create with a context default",
                "create",
                [vals],
                {"context": {"default_partner_type": "supplier"}},
            ),
            ("post a vendor draft", "action_post", [[draft.id]], {}),
        ):
            with self.subTest(label):
                with self.assertRefusedWithoutWrites(xmlrpc.client.Fault, msg=label) as caught:
                    self.call("salesman", "customer.deposit", method, positional, kwargs)
                self.assertIn(caught.exception.faultCode, CLEAR_FAULT_CODES, label)
                self.assertNotIn("Traceback", caught.exception.faultString, label)
        self.assertEqual(draft.state, "draft")
