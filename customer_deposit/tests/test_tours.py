# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import CustomerDepositCommon


@tagged("post_install", "-at_install")
class TestDepositTours(CustomerDepositCommon, HttpCase):
    """The main flows, clicked through in a real browser (headless Chromium)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_role_users("billing", "salesman")
        cls.tour_customer = cls.env["res.partner"].create(
            {
                "name": "Tour Customer",
                "company_id": False,
                "customer_rank": 1,
            }
        )

    def test_record_deposit_from_customer(self):
        self.start_tour(
            f"/odoo/action-account.res_partner_action_customer/{self.tour_customer.id}",
            "customer_deposit_record_from_customer",
            login=self.users["billing"].login,
        )
        deposit = self.env["customer.deposit"].search([("partner_id", "=", self.tour_customer.id)])
        self.assertRecordValues(
            deposit,
            [
                {
                    "state": "received",
                    "amount": 750.0,
                    "payment_reference": "Cheque 555",
                }
            ],
        )
        self.assertAlmostEqual(-self.deposit_account_balance(), 750.0)

    def test_apply_two_deposits_from_invoice(self):
        first = self.create_deposit(amount=500.0, partner=self.tour_customer, date=date(2024, 1, 1))
        second = self.create_deposit(
            amount=300.0, partner=self.tour_customer, date=date(2024, 2, 1)
        )
        invoice = self.create_invoice(amount=700.0, partner=self.tour_customer)
        self.start_tour(
            f"/odoo/action-account.action_move_out_invoice_type/{invoice.id}",
            "customer_deposit_apply_from_invoice",
            login=self.users["billing"].login,
        )
        self.assertEqual(invoice.payment_state, "paid")
        self.assertRecordValues(
            first + second,
            [
                {"state": "applied", "amount_residual": 0.0},
                {"state": "partial", "amount_residual": 100.0},
            ],
        )

    def test_unapplied_report_as_of_past_date(self):
        accountant = self.create_role_user("accountant")
        deposit = self.create_deposit(
            amount=1000.0, partner=self.tour_customer, date=date(2017, 1, 10)
        )
        invoice = self.create_invoice(
            amount=400.0, partner=self.tour_customer, date=date(2017, 3, 1)
        )
        deposit.apply_to_invoice(invoice, date=date(2017, 3, 1))
        self.start_tour(
            "/odoo/action-customer_deposit.action_customer_deposit",
            "customer_deposit_unapplied_report",
            login=accountant.login,
        )

    def test_salesman_registers_deposit_from_order(self):
        order = self.create_order(
            1200.0, partner=self.tour_customer, user_id=self.users["salesman"].id
        )
        self.start_tour(
            f"/odoo/action-sale.action_quotations_with_onboarding/{order.id}",
            "customer_deposit_register_from_order",
            login=self.users["salesman"].login,
        )
        self.assertRecordValues(
            order.deposit_ids,
            [
                {
                    "state": "received",
                    "amount": 1000.0,
                    "payment_reference": "Cheque 8812",
                    "create_uid": self.users["salesman"].id,
                }
            ],
        )

    def test_accountant_refunds_and_reverses_bounced_cheque(self):
        # An accountant (Show Full Accounting Features), not an Invoicing administrator.
        accountant = self.create_role_user("account_user")
        to_refund = self.create_deposit(
            amount=400.0, partner=self.tour_customer, date=date(2024, 3, 1)
        )
        bounced = self.create_deposit(
            amount=300.0,
            partner=self.tour_customer,
            date=date(2024, 2, 1),
            payment_reference="Cheque 0093",
        )
        self.start_tour(
            f"/odoo/action-customer_deposit.action_customer_deposit/{to_refund.id}",
            "customer_deposit_refund_and_bounce",
            login=accountant.login,
        )
        self.assertRecordValues(
            to_refund + bounced,
            [
                {
                    "state": "partial_refund",
                    "amount_refunded": 150.0,
                    "amount_reversed": 0.0,
                    "amount_residual": 250.0,
                },
                {
                    "state": "reversed",
                    "amount_refunded": 0.0,
                    "amount_reversed": 300.0,
                    "amount_residual": 0.0,
                },
            ],
        )
        self.assertEqual(bounced.payment_id.state, "rejected")

    def test_register_deposit_from_customer(self):
        cancelled = self.create_deposit(amount=20.0, partner=self.tour_customer, post=False)
        cancelled.action_cancel()
        self.start_tour(
            f"/odoo/action-account.res_partner_action_customer/{self.tour_customer.id}",
            "customer_deposit_register_from_customer",
            login=self.users["billing"].login,
        )
        self.assertRecordValues(
            self.env["customer.deposit"].search(
                [("partner_id", "=", self.tour_customer.id), ("state", "!=", "cancel")]
            ),
            [{"state": "received", "amount": 750.0, "sale_order_id": False}],
        )

    def test_statement_from_customers(self):
        self.create_deposit(amount=500.0, partner=self.tour_customer)
        self.start_tour(
            "/odoo/action-account.res_partner_action_customer?view_type=list",
            "customer_deposit_statement_from_customers",
            login=self.users["billing"].login,
        )

    def test_cancel_order_holding_deposit(self):
        order = self.create_order(
            800.0, partner=self.tour_customer, user_id=self.users["salesman"].id
        )
        order.action_confirm()
        deposit = self.create_deposit(
            amount=500.0,
            partner=self.tour_customer,
            sale_order_id=order.id,
            payment_reference="Cheque 4411",
        )
        self.start_tour(
            f"/odoo/action-sale.action_orders/{order.id}",
            "customer_deposit_cancel_order",
            login=self.users["salesman"].login,
        )
        self.assertEqual(order.state, "cancel")
        self.assertRecordValues(deposit, [{"state": "received", "amount_residual": 500.0}])

    def test_pay_dialog_applies_deposit(self):
        deposit = self.create_deposit(amount=500.0, partner=self.tour_customer)
        invoice = self.create_invoice(amount=700.0, partner=self.tour_customer)
        self.start_tour(
            f"/odoo/action-account.action_move_out_invoice_type/{invoice.id}",
            "customer_deposit_pay_notice",
            login=self.users["billing"].login,
        )
        self.assertRecordValues(invoice, [{"payment_state": "partial", "amount_residual": 200.0}])
        self.assertRecordValues(deposit, [{"state": "applied", "amount_applied": 500.0}])

    def test_vendor_pays_deposit_and_applies_it_to_a_bill(self):
        """Without the purchase app: Pay a Deposit from the vendor's form, post it, record
        and post the vendor's bill, Apply Deposit on the bill."""
        vendor = self.env["res.partner"].create(
            {"name": "Tour Vendor", "company_id": False, "supplier_rank": 1}
        )
        self._create_product(
            name="Tour Service",
            type="service",
            standard_price=1000.0,
            supplier_taxes_id=[Command.clear()],
        )
        self.start_tour(
            f"/odoo/action-account.res_partner_action_supplier/{vendor.id}",
            "customer_deposit_vendor_pay_and_apply",
            login=self.users["billing"].login,
        )
        deposit = self.env["customer.deposit"].search([("partner_id", "=", vendor.id)])
        bill = self.env["account.move"].search(
            [("partner_id", "=", vendor.id), ("move_type", "=", "in_invoice")]
        )
        self.assertRecordValues(
            deposit,
            [
                {
                    "partner_type": "supplier",
                    "state": "applied",
                    "amount": 600.0,
                    "amount_applied": 600.0,
                    "amount_residual": 0.0,
                    "payment_reference": "TRF 2024",
                }
            ],
        )
        self.assertRecordValues(
            bill,
            [
                {
                    "state": "posted",
                    "payment_state": "partial",
                    "amount_residual": bill.amount_total - 600.0,
                }
            ],
        )
        self.assertEqual(deposit.application_ids.invoice_id, bill)
        self.assertIn(
            deposit.application_ids.move_id.id,
            [line["move_id"] for line in bill.invoice_payments_widget["content"]],
        )
        self.assertLedgerTied()
