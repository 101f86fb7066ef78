# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Vendor deposits through the external API (XML-RPC) and their query budgets."""

import xmlrpc.client

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import warmup
from odoo.tools import mute_logger

from .common_vendor import VendorDepositCommon
from .test_bad_input import CLEAR_FAULT_CODES

# Measured (2026-12, Odoo 18.0) + 3, as the customer side's budgets (test_query_budget.py).
BUDGET_VENDOR_POST = 101  # measured 98
BUDGET_VENDOR_APPLY = 106  # measured 103


@tagged("post_install", "-at_install")
class TestVendorQueryBudget(VendorDepositCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.flush_all()

    def setUp(self):
        super().setUp()
        # As in test_query_budget: read now what the first flush would fetch at a varying
        # moment.
        self.env.company.country_id.code  # noqa: B018  # pylint: disable=pointless-statement

    @warmup
    def test_vendor_post_budget(self):
        deposit = self.create_vendor_deposit(amount=1000.0, post=False)
        with self.assertQueryCount(BUDGET_VENDOR_POST):
            deposit.action_post()
        self.assertEqual(deposit.state, "received")

    @warmup
    def test_vendor_apply_budget(self):
        deposit = self.create_vendor_deposit(amount=1000.0)
        bill = self.create_bill(amount=1000.0)
        with self.assertQueryCount(BUDGET_VENDOR_APPLY):
            deposit.apply_to_invoice(bill)
        self.assertEqual(bill.payment_state, "paid")


@tagged("post_install", "-at_install")
class TestVendorDepositRpc(VendorDepositCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        companies = {"company_id": cls.company.id, "company_ids": [(6, 0, cls.company.ids)]}
        new_test_user(
            cls.env,
            login="vd_rpc_billing",
            password="vd_rpc_billing_pass",
            groups="account.group_account_invoice",
            **companies,
        )
        new_test_user(
            cls.env,
            login="vd_rpc_salesman",
            password="vd_rpc_salesman_pass",
            groups="sales_team.group_sale_salesman",
            **companies,
        )

    def call(self, login, model, method, positional, kwargs=None):
        uid = self.xmlrpc_common.authenticate(self.env.cr.dbname, login, f"{login}_pass", {})
        self.assertTrue(uid, login)
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, uid, f"{login}_pass", model, method, positional, kwargs or {}
        )

    @mute_logger("odoo.addons.base.controllers.rpc")
    def test_billing_user_pays_and_applies_over_xmlrpc(self):
        bill = self.create_bill(amount=400.0)
        deposit_id = self.call(
            "vd_rpc_billing",
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
        self.call("vd_rpc_billing", "customer.deposit", "action_post", [[deposit_id]])
        application_id = self.call(
            "vd_rpc_billing",
            "customer.deposit",
            "apply_to_invoice",
            [[deposit_id], bill.id],
            {"amount": 150.0},
        )
        self.assertIsInstance(application_id, int)
        self.call("vd_rpc_billing", "customer.deposit", "convert_to_credit", [[deposit_id], 50.0])
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
        before = self.count_rows()
        for method, positional in (
            ("apply_to_invoice", [[deposit_id], invoice.id]),
            ("refund", [[deposit_id]]),
            ("write", [[deposit_id], {"partner_type": "customer"}]),
        ):
            with self.subTest(method), self.assertRaises(xmlrpc.client.Fault) as caught:
                self.call("vd_rpc_billing", "customer.deposit", method, positional)
            self.assertIn(caught.exception.faultCode, CLEAR_FAULT_CODES, method)
            self.assertEqual(self.count_rows(), before, method)

    @mute_logger("odoo.addons.base.controllers.rpc", "odoo.http")
    def test_salesman_refused_over_xmlrpc(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.vendor.id,
                "user_id": self.env.ref("base.user_admin").id,
                "order_line": [(0, 0, {"product_id": self.product_a.id})],
            }
        )
        draft = self.create_vendor_deposit(amount=100.0, post=False)
        vals = {
            "partner_id": self.vendor.id,
            "sale_order_id": order.id,
            "amount": 100.0,
            "journal_id": self.bank_journal.id,
            "payment_reference": "X",
        }
        before = self.count_rows()
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
            with self.subTest(label), self.assertRaises(xmlrpc.client.Fault) as caught:
                self.call("vd_rpc_salesman", "customer.deposit", method, positional, kwargs)
            self.assertIn(caught.exception.faultCode, CLEAR_FAULT_CODES, label)
            self.assertNotIn("Traceback", caught.exception.faultString, label)
            self.assertEqual(self.count_rows(), before, label)
        self.assertEqual(draft.state, "draft")
