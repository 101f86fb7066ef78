# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged

from .common import PurchaseDepositCommon


@tagged("post_install", "-at_install")
class TestPurchaseDepositTour(PurchaseDepositCommon, HttpCase):
    """Purchase order -> Pay Deposit -> bill -> deposit applied, clicked through in a real
    browser (headless Chromium)."""

    def test_pay_deposit_then_bill_the_order(self):
        self.company.vendor_deposit_auto_apply = "always"
        buyer = self.create_role_user("purchase_billing", "tour_purchase_billing")
        order = self.create_purchase_order(price=500.0, qty=4.0, user_id=buyer.id)
        self.start_tour(
            f"/odoo/action-purchase.purchase_form_action/{order.id}",
            "customer_deposit_purchase_pay_then_bill",
            login=buyer.login,
        )
        deposit = order.deposit_ids
        bill = order.invoice_ids
        self.assertRecordValues(
            deposit,
            [
                {
                    "partner_type": "supplier",
                    "state": "applied",
                    "amount": 800.0,
                    "payment_reference": "Wire 4411",
                    "create_uid": buyer.id,
                }
            ],
        )
        self.assertRecordValues(
            bill, [{"state": "posted", "payment_state": "partial", "amount_residual": 1200.0}]
        )
        self.assertEqual(bill.deposit_application_ids.deposit_id, deposit)
        self.assertAlmostEqual(self.account_balance(self.vendor_deposit_account), 0.0)
