# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who may do what with the deposits of a purchase order, over XML-RPC as an integration
would call it: billing users pay them (the same dialog as the screen), purchase users see
them and what the order still owes but never pay money out, another company's users see
nothing. Every refusal leaves the database as it was. And the query budget of Pay Deposit."""

import xmlrpc.client

from odoo.tests import Form, HttpCase, tagged
from odoo.tests.common import warmup
from odoo.tools import mute_logger

from odoo.addons.customer_deposit.tests.test_bad_input import CLEAR_FAULT_CODES

from .common import PurchaseDepositCommon

# Measured (2026-12, Odoo 18.0) + 3, as customer_deposit's budgets (test_query_budget.py):
# opening the dialog from the order, filling it in and posting the deposit.
BUDGET_PAY_DEPOSIT_FROM_ORDER = 110  # measured 107


@tagged("post_install", "-at_install")
class TestPurchaseDepositRpc(PurchaseDepositCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.billing = cls.create_role_user("purchase_billing", "po_rpc_billing")
        cls.buyer = cls.create_role_user("purchase_user", "po_rpc_buyer")
        cls.buyer_salesman = cls.create_role_user("purchase_user", "po_rpc_buyer_sales")
        cls.buyer_salesman.groups_id |= cls.env.ref("sales_team.group_sale_salesman")
        cls.other_company = cls.setup_other_company(name="Other Timber Co")["company"]
        cls.other_billing = cls.create_role_user(
            "purchase_billing", "po_rpc_other", companies=cls.other_company
        )
        cls.order = cls.create_purchase_order(price=500.0, qty=4.0)

    def call(self, login, model, method, positional, kwargs=None):
        uid = self.xmlrpc_common.authenticate(self.env.cr.dbname, login, login, {})
        self.assertTrue(uid, login)
        result = self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, uid, login, model, method, positional, kwargs or {}
        )
        self.env.invalidate_all()
        return result

    def assertRpcRefused(self, login, model, method, positional, kwargs=None):
        """The call fails with a clear fault (a user error or an access error, no
        traceback) and writes nothing."""
        label = f"{login}: {model}.{method}"
        with self.assertRefusedWithoutWrites(xmlrpc.client.Fault, msg=label) as caught:
            self.call(login, model, method, positional, kwargs)
        self.assertIn(caught.exception.faultCode, CLEAR_FAULT_CODES, label)
        self.assertNotIn("Traceback", caught.exception.faultString, label)
        return caught.exception

    def deposit_vals(self, **vals):
        return {
            "partner_type": "supplier",
            "partner_id": self.vendor.id,
            "purchase_order_id": self.order.id,
            "amount": 300.0,
            "journal_id": self.bank_journal.id,
            "payment_reference": "TRF-RPC",
            **vals,
        }

    @mute_logger("odoo.addons.base.controllers.rpc")
    def test_billing_user_pays_with_the_order_s_dialog(self):
        action = self.call(
            "po_rpc_billing", "purchase.order", "action_register_deposit", [[self.order.id]]
        )
        self.assertEqual(action["res_model"], "customer.deposit.register")
        context = action["context"]
        dialog_id = self.call(
            "po_rpc_billing",
            "customer.deposit.register",
            "create",
            [{"amount": 750.0, "payment_reference": "TRF-RPC-1"}],
            {"context": context},
        )
        self.call(
            "po_rpc_billing",
            "customer.deposit.register",
            "action_create_deposit",
            [[dialog_id]],
            {"context": context},
        )
        self.assertRecordValues(
            self.order.deposit_ids,
            [
                {
                    "partner_type": "supplier",
                    "partner_id": self.vendor.id,
                    "state": "received",
                    "amount": 750.0,
                    "create_uid": self.billing.id,
                }
            ],
        )
        self.assertEqual(self.order.deposit_amount_due, 1250.0)
        # The public API too: create on the order and post.
        deposit_id = self.call(
            "po_rpc_billing", "customer.deposit", "create", [self.deposit_vals()]
        )
        self.call("po_rpc_billing", "customer.deposit", "action_post", [[deposit_id]])
        self.assertEqual(self.order.deposit_amount_due, 950.0)
        # Its rules too: a customer deposit on the order is refused.
        self.assertRpcRefused(
            "po_rpc_billing",
            "customer.deposit",
            "create",
            [self.deposit_vals(partner_type="customer")],
        )

    @mute_logger("odoo.addons.base.controllers.rpc", "odoo.http")
    def test_purchase_user_sees_the_order_s_deposits_but_never_pays(self):
        deposit = self.pay_deposit(self.order, amount=500.0)
        draft = self.create_vendor_deposit(amount=40.0, post=False, purchase_order_id=self.order.id)
        unlinked = self.create_vendor_deposit(amount=70.0)
        customer_deposit = self.create_deposit(amount=90.0)
        [order] = self.call(
            "po_rpc_buyer",
            "purchase.order",
            "read",
            [[self.order.id], ["deposit_count", "deposit_amount_received", "deposit_amount_due"]],
        )
        self.assertEqual(
            (order["deposit_count"], order["deposit_amount_received"], order["deposit_amount_due"]),
            (2, 500.0, 1500.0),
        )
        seen = self.call(
            "po_rpc_buyer",
            "customer.deposit",
            "search_read",
            [[]],
            {"fields": ["name", "state", "amount_residual", "purchase_order_id"]},
        )
        self.assertEqual(sorted(row["id"] for row in seen), sorted((deposit + draft).ids))
        self.assertNotIn(unlinked.id, [row["id"] for row in seen])
        self.assertNotIn(customer_deposit.id, [row["id"] for row in seen])
        action = self.call(
            "po_rpc_buyer", "purchase.order", "action_view_deposits", [[self.order.id]]
        )
        self.assertEqual(action["path"], "vendor-deposits")
        # Paying money out, posting, changing or using a deposit: refused, nothing written,
        # also for a buyer who is a salesman too (who may register customer deposits).
        without_side = {k: v for k, v in self.deposit_vals().items() if k != "partner_type"}
        dialog_context = {
            "default_partner_type": "supplier",
            "default_purchase_order_id": self.order.id,
        }
        for login in ("po_rpc_buyer", "po_rpc_buyer_sales"):
            with self.subTest(login):
                self.assertRpcRefused(login, "customer.deposit", "create", [self.deposit_vals()])
                self.assertRpcRefused(
                    login,
                    "customer.deposit",
                    "create",
                    [without_side],
                    {"context": {"default_partner_type": "supplier"}},
                )
                self.assertRpcRefused(login, "customer.deposit", "action_post", [[draft.id]])
                self.assertRpcRefused(
                    login, "customer.deposit", "write", [[deposit.id], {"ref": "mine"}]
                )
                self.assertRpcRefused(login, "customer.deposit", "unlink", [[draft.id]])
                self.assertRpcRefused(
                    login,
                    "customer.deposit",
                    "apply_to_invoice",
                    [[deposit.id], self.create_bill(amount=10.0).id],
                )
        # The Pay Deposit dialog: not his to open; a salesman opens it, then cannot post.
        dialog_vals = [{"amount": 10.0, "payment_reference": "X"}]
        self.assertRpcRefused(
            "po_rpc_buyer",
            "customer.deposit.register",
            "create",
            dialog_vals,
            {"context": dialog_context},
        )
        dialog_id = self.call(
            "po_rpc_buyer_sales",
            "customer.deposit.register",
            "create",
            dialog_vals,
            {"context": dialog_context},
        )
        self.assertRpcRefused(
            "po_rpc_buyer_sales",
            "customer.deposit.register",
            "action_create_deposit",
            [[dialog_id]],
            {"context": dialog_context},
        )
        self.assertRecordValues(
            deposit + draft,
            [
                {"state": "received", "amount_residual": 500.0},
                {"state": "draft", "amount_residual": 0.0},
            ],
        )

    def test_purchase_user_opens_the_order_and_its_deposit(self):
        """The screens a purchase user reaches load: the order with its deposits, the
        deposit's form (without what is not his to see)."""
        deposit = self.pay_deposit(self.order, amount=500.0)
        application = deposit.apply_to_invoice(self.create_bill(amount=100.0))
        order_form = Form(self.order.with_user(self.buyer))
        self.assertEqual(order_form.deposit_count, 1)
        self.assertEqual(order_form.deposit_amount_received, 400.0, "100.0 paid another bill")
        self.assertEqual(order_form.deposit_amount_due, 1600.0)
        deposit_form = Form(deposit.with_user(self.buyer))
        self.assertEqual(deposit_form.purchase_order_id, self.order)
        self.assertEqual(deposit_form.amount_residual, 400.0)
        self.assertEqual(deposit_form.application_ids._records[0]["id"], application.id)

    @mute_logger("odoo.addons.base.controllers.rpc", "odoo.http")
    def test_another_company_s_user_sees_nothing(self):
        deposit = self.pay_deposit(self.order, amount=500.0)
        self.assertFalse(
            self.call("po_rpc_other", "customer.deposit", "search", [[("id", "=", deposit.id)]])
        )
        self.assertRpcRefused(
            "po_rpc_other", "customer.deposit", "read", [[deposit.id], ["amount"]]
        )
        self.assertRpcRefused(
            "po_rpc_other", "purchase.order", "action_register_deposit", [[self.order.id]]
        )
        self.assertRpcRefused(
            "po_rpc_other",
            "customer.deposit",
            "create",
            [self.deposit_vals(company_id=self.other_company.id)],
        )
        self.assertRpcRefused(
            "po_rpc_other",
            "customer.deposit",
            "apply_to_invoice",
            [[deposit.id], self.create_bill().id],
        )


@tagged("post_install", "-at_install")
class TestPurchaseDepositQueryBudget(PurchaseDepositCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.flush_all()

    def setUp(self):
        super().setUp()
        # As customer_deposit's budgets: read now what the first flush would fetch at a
        # varying moment.
        self.env.company.country_id.code  # noqa: B018  # pylint: disable=pointless-statement

    @warmup
    def test_pay_deposit_from_order_budget(self):
        order = self.create_purchase_order(price=500.0, qty=4.0)
        with self.assertQueryCount(BUDGET_PAY_DEPOSIT_FROM_ORDER):
            action = order.action_register_deposit()
            dialog = (
                self.env[action["res_model"]]
                .with_context(**action["context"])
                .create({"payment_reference": "TRF-Q"})
            )
            dialog.action_create_deposit()
        self.assertRecordValues(order.deposit_ids, [{"state": "received", "amount": 2000.0}])
