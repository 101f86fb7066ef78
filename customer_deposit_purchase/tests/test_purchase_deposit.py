# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Vendor deposits paid on purchase orders: the Pay Deposit dialog, what the order still
owes, its bills getting its deposits (always / ask / never), the PDF, the cancellation with
deposits (keep / get refunded / forfeit) and the order link's rules. Entries are asserted
line by line; they are customer_deposit's, built by its one builder per entry."""

from datetime import date

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import PurchaseDepositCommon


@tagged("post_install", "-at_install")
class TestPayDepositFromOrder(PurchaseDepositCommon):
    def test_pay_deposit_dialog_posts_a_vendor_deposit_on_the_order(self):
        order = self.create_purchase_order(price=500.0, qty=4.0, partner_ref="V-REF-9")
        action = order.action_register_deposit()
        self.assertEqual(action["name"], "Pay Deposit")
        self.assertEqual(action["context"]["default_partner_type"], "supplier")
        self.assertEqual(action["context"]["default_purchase_order_id"], order.id)
        dialog = Form(self.env[action["res_model"]].with_context(**action["context"]))
        self.assertEqual(dialog.partner_id, self.vendor, "the vendor, not the order's contact")
        self.assertEqual(dialog.purchase_order_id, order)
        self.assertEqual(dialog.payment_method_line_id, self.outbound_payment_method_line)
        self.assertEqual(dialog.amount, 2000.0, "what the order still owes")
        dialog.amount = 800.0
        dialog.payment_reference = "TRF-501"
        dialog.save().action_create_deposit()
        deposit = order.deposit_ids
        self.assertRecordValues(
            deposit,
            [
                {
                    "partner_type": "supplier",
                    "partner_id": self.vendor.id,
                    "purchase_order_id": order.id,
                    "sale_order_id": False,
                    "state": "received",
                    "amount": 800.0,
                    "payment_reference": "TRF-501",
                    "ref": "V-REF-9",
                    "deposit_account_id": self.vendor_deposit_account.id,
                }
            ],
        )
        self.assertTrue(deposit.name.startswith("VDEP/"), deposit.name)
        self.assertRecordValues(
            deposit.payment_id.move_id.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.outstanding_payments.id,
                    "partner_id": self.vendor.id,
                    "debit": 0.0,
                    "credit": 800.0,
                    "amount_currency": -800.0,
                    "reconciled": False,
                },
                {
                    "account_id": self.vendor_deposit_account.id,
                    "partner_id": self.vendor.id,
                    "debit": 800.0,
                    "credit": 0.0,
                    "amount_currency": 800.0,
                    "reconciled": False,
                },
            ],
        )
        self.assertRecordValues(
            order,
            [
                {
                    "deposit_count": 1,
                    "deposit_amount_received": 800.0,
                    "deposit_amount_held": 800.0,
                    "deposit_amount_due": 1200.0,
                }
            ],
        )
        # The next deposit is proposed what is still due.
        self.assertEqual(order.action_register_deposit()["context"]["default_amount"], 1200.0)

    def test_pay_deposit_on_an_rfq_in_a_foreign_currency(self):
        order = self.create_purchase_order(price=300.0, qty=2.0, currency=self.other_currency)
        self.assertEqual(order.state, "purchase")
        rfq = self.create_purchase_order(price=100.0, qty=1.0, confirm=False)
        deposit = self.pay_deposit(order, amount=200.0, date=date(2017, 1, 5))
        self.assertRecordValues(
            deposit,
            [{"currency_id": self.other_currency.id, "amount": 200.0, "exchange_rate": 0.5}],
        )
        # 200 EUR at 2.0 per company unit.
        self.assertAlmostEqual(deposit.amount_residual_company, 100.0)
        self.assertRecordValues(
            order, [{"deposit_amount_received": 200.0, "deposit_amount_due": 400.0}]
        )
        self.pay_deposit(rfq, amount=30.0)
        self.assertRecordValues(rfq, [{"deposit_amount_held": 30.0, "deposit_amount_due": 70.0}])

    def test_pay_deposit_refused_on_a_cancelled_order(self):
        order = self.create_purchase_order()
        order.button_cancel()
        with self.assertRefusedWithoutWrites(UserError, "is cancelled"):
            order.action_register_deposit()
        draft = self.create_vendor_deposit(amount=10.0, post=False)
        with self.assertRefusedWithoutWrites(UserError, "is cancelled"):
            draft.write({"purchase_order_id": order.id})

    def test_deposits_button(self):
        order = self.create_purchase_order()
        self.assertFalse(order.deposit_count)
        first = self.pay_deposit(order, amount=100.0)
        action = order.action_view_deposits()
        self.assertEqual(action["res_id"], first.id, "the one deposit opens")
        self.assertEqual(action["context"]["default_partner_type"], "supplier")
        self.assertEqual(action["context"]["default_purchase_order_id"], order.id)
        second = self.pay_deposit(order, amount=50.0)
        draft = self.create_vendor_deposit(amount=5.0, post=False, purchase_order_id=order.id)
        draft.action_cancel()
        action = order.action_view_deposits()
        self.assertEqual(action["path"], "vendor-deposits")
        self.assertEqual(
            self.env["customer.deposit"].search(action["domain"]), first + second, "not cancelled"
        )
        self.assertEqual(order.deposit_count, 2)


@tagged("post_install", "-at_install")
class TestOrderAmounts(PurchaseDepositCommon):
    def test_amount_due_after_deposits_and_paid_bills(self):
        self.company.vendor_deposit_auto_apply = "never"
        order = self.create_purchase_order(price=500.0, qty=4.0)
        deposit = self.pay_deposit(order, amount=500.0)
        bill = self.create_bill_from_order(order)
        self.register_payment(bill, 300.0)
        self.assertRecordValues(
            order,
            [
                {
                    "deposit_amount_received": 500.0,
                    "deposit_amount_held": 500.0,
                    "deposit_amount_due": 1200.0,
                }
            ],
        )
        deposit.apply_to_invoice(bill)
        self.assertRecordValues(
            order,
            [
                {
                    "deposit_amount_received": 500.0,
                    "deposit_amount_held": 0.0,
                    "deposit_amount_due": 1200.0,
                }
            ],
        )
        self.assertAlmostEqual(bill.amount_residual, 1200.0)

    def test_deposit_used_elsewhere_no_longer_covers_the_order(self):
        order = self.create_purchase_order(price=500.0, qty=4.0)
        deposit = self.pay_deposit(order, amount=600.0)
        deposit.apply_to_invoice(self.create_bill(amount=100.0))
        deposit.refund(amount=50.0)
        deposit.forfeit(amount=50.0)
        self.assertRecordValues(
            order,
            [
                {
                    "deposit_amount_received": 400.0,
                    "deposit_amount_held": 400.0,
                    "deposit_amount_due": 1600.0,
                }
            ],
        )
        # Reversed deposits do not count.
        other = self.pay_deposit(order, amount=100.0)
        other.reverse(reason="Transfer rejected")
        self.assertEqual(order.deposit_amount_received, 400.0)

    def test_order_pdf_shows_the_deposits(self):
        order = self.create_purchase_order(price=500.0, qty=4.0)
        self.pay_deposit(order, amount=750.0)
        html = str(
            self.env["ir.actions.report"]._render_qweb_html(
                "purchase.report_purchaseorder", order.ids
            )[0]
        )
        self.assertIn('name="deposits_paid"', html)
        self.assertIn("Deposits paid", html)
        self.assertIn("750.00", html)
        self.assertIn("Amount due after deposits", html)
        self.assertIn("1,250.00", html)
        # An order without deposits prints as before.
        plain = self.create_purchase_order()
        html = str(
            self.env["ir.actions.report"]._render_qweb_html(
                "purchase.report_purchaseorder", plain.ids
            )[0]
        )
        self.assertNotIn("Deposits paid", html)

    def test_payment_advice_names_the_purchase_order(self):
        order = self.create_purchase_order()
        deposit = self.pay_deposit(order, amount=100.0)
        html = str(
            self.env["ir.actions.report"]._render_qweb_html(
                "customer_deposit.action_report_deposit_receipt", deposit.ids
            )[0]
        )
        self.assertIn('name="purchase_order"', html)
        self.assertIn(order.name, html)


@tagged("post_install", "-at_install")
class TestBillsFromOrders(PurchaseDepositCommon):
    """A bill made from a purchase order is offered the order's deposits
    (``_get_deposit_order_domain``); customer_deposit's auto-apply does the rest per
    ``vendor_deposit_auto_apply``."""

    def test_always_applies_the_order_deposits_on_posting(self):
        self.company.vendor_deposit_auto_apply = "always"
        order = self.create_purchase_order(price=500.0, qty=4.0)
        deposit = self.pay_deposit(order, amount=800.0)
        unlinked = self.create_vendor_deposit(amount=300.0, date=date(2020, 1, 1))
        bill = self.create_bill_from_order(order)
        self.assertEqual(bill._get_deposit_order_domain(), [("purchase_order_id", "in", order.ids)])
        application = bill.deposit_application_ids
        self.assertRecordValues(
            application,
            [{"deposit_id": deposit.id, "state": "applied", "amount": 800.0}],
        )
        self.assertRecordValues(
            application.move_id,
            [
                {
                    "journal_id": self.company.deposit_journal_id.id,
                    "deposit_id": deposit.id,
                    "deposit_move_kind": "apply",
                    "state": "posted",
                }
            ],
        )
        self.assertRecordValues(
            application.move_id.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.vendor_deposit_account.id,
                    "partner_id": self.vendor.id,
                    "debit": 0.0,
                    "credit": 800.0,
                    "amount_currency": -800.0,
                    "reconciled": True,
                },
                {
                    "account_id": self.payable.id,
                    "partner_id": self.vendor.id,
                    "debit": 800.0,
                    "credit": 0.0,
                    "amount_currency": 800.0,
                    "reconciled": True,
                },
            ],
        )
        self.assertRecordValues(bill, [{"payment_state": "partial", "amount_residual": 1200.0}])
        self.assertRecordValues(deposit, [{"state": "applied", "amount_residual": 0.0}])
        # Another deposit of the vendor, older but not paid on the order: untouched.
        self.assertRecordValues(unlinked, [{"state": "received", "amount_residual": 300.0}])
        self.assertRecordValues(
            order,
            [
                {
                    "deposit_amount_received": 800.0,
                    "deposit_amount_held": 0.0,
                    "deposit_amount_due": 1200.0,
                }
            ],
        )
        self.assertAlmostEqual(self.account_balance(self.vendor_deposit_account), 300.0)

    def test_always_stops_when_the_bill_is_paid(self):
        self.company.vendor_deposit_auto_apply = "always"
        order = self.create_purchase_order(price=100.0, qty=5.0)
        first = self.pay_deposit(order, amount=400.0, date=date(2020, 1, 1))
        second = self.pay_deposit(order, amount=300.0)
        bill = self.create_bill_from_order(order)
        self.assertEqual(bill.payment_state, "paid")
        self.assertRecordValues(
            first + second,
            [
                {"state": "applied", "amount_residual": 0.0},
                {"state": "partial", "amount_residual": 200.0},
            ],
        )
        self.assertRecordValues(order, [{"deposit_amount_held": 200.0, "deposit_amount_due": 0.0}])

    def test_ask_offers_the_order_deposits_on_the_bill(self):
        self.company.vendor_deposit_auto_apply = "ask"
        order = self.create_purchase_order(price=500.0, qty=4.0)
        deposit = self.pay_deposit(order, amount=800.0)
        older = self.create_vendor_deposit(amount=300.0, date=date(2020, 1, 1))
        bill = self.create_bill_from_order(order)
        self.assertFalse(bill.deposit_application_ids)
        self.assertEqual(bill.payment_state, "not_paid")
        self.assertEqual(bill.deposit_order_available_ids, deposit)
        self.assertEqual(bill.deposit_available_ids, older + deposit)
        # The apply dialog offers the order's deposit first, then the older one.
        action = bill.action_open_deposit_apply_wizard()
        dialog = Form(self.env[action["res_model"]].with_context(**action["context"]))
        self.assertEqual(
            [line["deposit_id"] for line in dialog.line_ids._records], (deposit + older).ids
        )
        self.assertEqual([line["amount"] for line in dialog.line_ids._records], [800.0, 300.0])
        dialog.save().action_apply()
        self.assertAlmostEqual(bill.amount_residual, 900.0)
        self.assertEqual(deposit.state, "applied")

    def test_never_leaves_the_deposits_untouched(self):
        self.company.vendor_deposit_auto_apply = "never"
        order = self.create_purchase_order(price=500.0, qty=4.0)
        deposit = self.pay_deposit(order, amount=800.0)
        moves_before = deposit.move_ids
        bill = self.create_bill_from_order(order)
        self.assertFalse(bill.deposit_application_ids)
        self.assertFalse(bill.deposit_order_available_ids)
        self.assertEqual(bill.deposit_available_ids, deposit, "offered by hand only")
        self.assertEqual(deposit.move_ids, moves_before)
        self.assertRecordValues(deposit, [{"state": "received", "amount_residual": 800.0}])

    def test_one_bill_for_two_orders_gets_both_deposits(self):
        self.company.vendor_deposit_auto_apply = "always"
        first_order = self.create_purchase_order(price=100.0, qty=3.0)
        second_order = self.create_purchase_order(price=100.0, qty=2.0)
        first = self.pay_deposit(first_order, amount=100.0)
        second = self.pay_deposit(second_order, amount=150.0)
        bill = self.create_bill_from_order(first_order + second_order)
        self.assertEqual(len(bill), 1)
        self.assertEqual(bill.deposit_application_ids.deposit_id, first + second)
        self.assertAlmostEqual(bill.amount_residual, 250.0)

    def test_customer_invoices_keep_the_sales_order_hook(self):
        self.company.vendor_deposit_auto_apply = "always"
        invoice = self.create_invoice(amount=100.0)
        self.assertEqual(invoice._get_deposit_order_domain(), [])
        bill = self.create_bill(amount=100.0)
        self.assertEqual(bill._get_deposit_order_domain(), [], "a bill of no order")

    def test_full_credit_note_releases_the_order_deposit(self):
        self.company.vendor_deposit_auto_apply = "always"
        order = self.create_purchase_order(price=250.0, qty=4.0)
        deposit = self.pay_deposit(order, amount=1000.0)
        bill = self.create_bill_from_order(order)
        self.assertEqual(bill.payment_state, "paid")
        reversal = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=bill.ids)
            .create({"journal_id": bill.journal_id.id, "reason": "Order cancelled"})
        )
        credit_note = self.env["account.move"].browse(reversal.refund_moves()["res_id"])
        credit_note.action_post()
        self.assertRecordValues(deposit, [{"state": "received", "amount_residual": 1000.0}])
        self.assertEqual(order.deposit_amount_held, 1000.0)


@tagged("post_install", "-at_install")
class TestCancelOrderWithDeposits(PurchaseDepositCommon):
    def cancel_with(self, order, choice, **values):
        action = order.action_cancel_with_deposits()
        self.assertEqual(action["res_model"], "purchase.order.deposit.cancel")
        Wizard = self.env[action["res_model"]].with_env(order.env).with_context(**action["context"])
        with Form(Wizard) as form:
            form.choice = choice
            for name, value in values.items():
                setattr(form, name, value)
        wizard = form.record
        self.assertEqual(wizard.deposit_ids, order.deposit_ids.filtered("payment_id"))
        wizard.action_confirm()
        self.assertEqual(order.state, "cancel")
        return wizard

    def test_cancel_without_deposits_is_odoo_s_cancel(self):
        order = self.create_purchase_order()
        self.assertFalse(order.action_cancel_with_deposits())
        self.assertEqual(order.state, "cancel")
        # A deposit refunded already holds nothing: no question either.
        order = self.create_purchase_order(price=100.0, qty=1.0)
        deposit = self.pay_deposit(order, amount=100.0)
        deposit.refund()
        self.assertFalse(order.action_cancel_with_deposits())
        self.assertEqual(order.state, "cancel")

    def test_cancel_from_code_keeps_the_deposits(self):
        order = self.create_purchase_order()
        deposit = self.pay_deposit(order, amount=500.0)
        draft = self.create_vendor_deposit(amount=20.0, post=False, purchase_order_id=order.id)
        order.button_cancel()
        self.assertEqual(order.state, "cancel")
        self.assertRecordValues(deposit + draft, [{"state": "received"}, {"state": "cancel"}])

    def test_keep(self):
        order = self.create_purchase_order()
        deposit = self.pay_deposit(order, amount=500.0)
        draft = self.create_vendor_deposit(amount=20.0, post=False, purchase_order_id=order.id)
        moves_before = deposit.move_ids
        wizard = self.cancel_with(order, "keep")
        self.assertEqual(wizard.amount_held, 500.0)
        self.assertEqual(deposit.move_ids, moves_before, "nothing posted")
        self.assertRecordValues(
            deposit,
            [{"state": "received", "amount_residual": 500.0, "purchase_order_id": order.id}],
        )
        self.assertEqual(draft.state, "cancel")
        self.assertIn(deposit.name, order.message_ids[0].body)
        self.assertIn("Keep them as vendor deposits", order.message_ids[0].body)
        self.assertRecordValues(order, [{"deposit_amount_held": 500.0, "deposit_amount_due": 0.0}])
        # Still usable on any bill of the vendor.
        bill = self.create_bill(amount=300.0)
        deposit.apply_to_invoice(bill)
        self.assertEqual(bill.payment_state, "paid")

    def test_get_refunded(self):
        order = self.create_purchase_order()
        deposit = self.pay_deposit(order, amount=500.0)
        self.cancel_with(order, "refund", journal_id=self.bank_journal)
        self.assertRecordValues(
            deposit, [{"state": "refunded", "amount_refunded": 500.0, "amount_residual": 0.0}]
        )
        refund = deposit.move_ids.filtered(lambda move: move.deposit_move_kind == "refund")
        self.assertRecordValues(refund.payment_ids, [{"payment_type": "inbound"}])
        self.assertRecordValues(
            refund.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.vendor_deposit_account.id,
                    "partner_id": self.vendor.id,
                    "debit": 0.0,
                    "credit": 500.0,
                    "amount_currency": -500.0,
                    "reconciled": True,
                },
                {
                    "account_id": self.outstanding_receipts.id,
                    "partner_id": self.vendor.id,
                    "debit": 500.0,
                    "credit": 0.0,
                    "amount_currency": 500.0,
                    "reconciled": False,
                },
            ],
        )
        self.assertRecordValues(
            order, [{"deposit_amount_received": 0.0, "deposit_amount_held": 0.0}]
        )

    def test_forfeit(self):
        order = self.create_purchase_order()
        deposit = self.pay_deposit(order, amount=500.0)
        self.cancel_with(order, "forfeit", date=date.today())
        self.assertRecordValues(deposit, [{"state": "forfeited", "amount_forfeited": 500.0}])
        forfeit = deposit.move_ids.filtered(lambda move: move.deposit_move_kind == "forfeit")
        self.assertRecordValues(
            forfeit.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.vendor_deposit_account.id,
                    "partner_id": self.vendor.id,
                    "debit": 0.0,
                    "credit": 500.0,
                    "reconciled": True,
                },
                {
                    "account_id": self.company.vendor_deposit_forfeit_account_id.id,
                    "partner_id": self.vendor.id,
                    "debit": 500.0,
                    "credit": 0.0,
                    "reconciled": False,
                },
            ],
        )

    def test_choices_of_a_purchase_user(self):
        buyer = self.create_role_user("purchase_user", "cancel_buyer")
        order = self.create_purchase_order()
        deposit = self.pay_deposit(order, amount=500.0)
        draft = self.create_vendor_deposit(amount=20.0, post=False, purchase_order_id=order.id)
        Wizard = self.env["purchase.order.deposit.cancel"].with_user(buyer)
        self.assertEqual([key for key, _label in Wizard._selection_choice()], ["keep"])
        wizard = Wizard.create({"order_id": order.id})
        wizard.choice = "refund"  # what an RPC call could send
        with self.assertRefusedWithoutWrites(UserError, "Only accountants"):
            wizard.action_confirm()
        self.assertEqual(order.state, "purchase")
        self.cancel_with(order.with_user(buyer), "keep")
        self.assertEqual(deposit.state, "received")
        self.assertEqual(draft.state, "cancel", "the drafts go with the order")

    def test_several_orders_holding_deposits_one_at_a_time(self):
        first = self.create_purchase_order()
        second = self.create_purchase_order()
        self.pay_deposit(first, amount=10.0)
        self.pay_deposit(second, amount=10.0)
        with self.assertRefusedWithoutWrites(UserError, "one at a time"):
            (first + second).action_cancel_with_deposits()

    def test_merged_rfqs_bring_their_deposits(self):
        oldest = self.create_purchase_order(confirm=False, date_order="2020-01-01")
        merged = self.create_purchase_order(confirm=False)
        posted = self.pay_deposit(merged, amount=100.0)
        draft = self.create_vendor_deposit(amount=20.0, post=False, purchase_order_id=merged.id)
        (oldest + merged).action_merge()
        self.assertEqual(merged.state, "cancel")
        self.assertEqual((posted + draft).purchase_order_id, oldest)
        self.assertRecordValues(posted + draft, [{"state": "received"}, {"state": "draft"}])
        self.assertIn(oldest.name, posted.message_ids[0].body)
        self.assertEqual(oldest.deposit_amount_held, 100.0)


@tagged("post_install", "-at_install")
class TestOrderLink(PurchaseDepositCommon):
    """The purchase order link follows customer_deposit's rules for order links."""

    def test_only_vendor_deposits_on_purchase_orders(self):
        order = self.create_purchase_order()
        with self.assertRefusedWithoutWrites(
            ValidationError, "only vendor deposits", as_request=True
        ):
            self.create_deposit(amount=10.0, purchase_order_id=order.id)
        customer_deposit = self.create_deposit(amount=10.0)
        with self.assertRefusedWithoutWrites(
            ValidationError, "only vendor deposits", as_request=True
        ):
            customer_deposit.write({"purchase_order_id": order.id})

    def test_no_vendor_deposit_on_a_sales_order(self):
        sale_order = self.env["sale.order"].create(
            {
                "partner_id": self.vendor.id,
                "order_line": [Command.create({"product_id": self.product_a.id})],
            }
        )
        with self.assertRefusedWithoutWrites(
            ValidationError, "only customer deposits", as_request=True
        ):
            self.create_vendor_deposit(amount=10.0, sale_order_id=sale_order.id)
        vendor_deposit = self.create_vendor_deposit(amount=10.0)
        with self.assertRefusedWithoutWrites(
            ValidationError, "only customer deposits", as_request=True
        ):
            vendor_deposit.write({"sale_order_id": sale_order.id})

    def test_order_of_another_vendor_or_company(self):
        other_vendor_order = self.create_purchase_order(partner=self.partner_b)
        with self.assertRefusedWithoutWrites(ValidationError, "its own vendor", as_request=True):
            self.create_vendor_deposit(amount=10.0, purchase_order_id=other_vendor_order.id)
        deposit = self.create_vendor_deposit(amount=10.0)
        with self.assertRefusedWithoutWrites(ValidationError, "its own vendor"):
            deposit.write({"purchase_order_id": other_vendor_order.id})
        other_company = self.setup_other_company(name="Other Timber Co")["company"]
        foreign_order = self.create_purchase_order(company=other_company, partner=self.vendor)
        with self.assertRefusedWithoutWrites(UserError, "Incompatible companies", as_request=True):
            deposit.write({"purchase_order_id": foreign_order.id})

    def test_which_order_a_posted_deposit_may_move_to(self):
        order = self.create_purchase_order()
        other_order = self.create_purchase_order()
        deposit = self.pay_deposit(order, amount=300.0)
        # Posted: the link stays editable (descriptive), the money does not.
        deposit.write({"purchase_order_id": other_order.id, "ref": "moved"})
        self.assertEqual(deposit.purchase_order_id, other_order)
        with self.assertRefusedWithoutWrites(UserError, "can no longer be changed"):
            deposit.write({"purchase_order_id": order.id, "amount": 1.0})
        cancelled = self.create_purchase_order()
        cancelled.button_cancel()
        with self.assertRefusedWithoutWrites(UserError, "is cancelled"):
            deposit.write({"purchase_order_id": cancelled.id})
        deposit.apply_to_invoice(self.create_bill(amount=100.0))
        with self.assertRefusedWithoutWrites(UserError, "applied to bills"):
            deposit.write({"purchase_order_id": order.id})
        with self.assertRefusedWithoutWrites(UserError, "applied to bills"):
            deposit.write({"purchase_order_id": False})
        # A draft linked to an order cancelled since then cannot be posted.
        draft = self.create_vendor_deposit(amount=10.0, post=False, purchase_order_id=order.id)
        draft.action_cancel()
        order.button_cancel()
        draft.action_draft()
        with self.assertRefusedWithoutWrites(UserError, "is cancelled"):
            draft.action_post()

    def test_descriptive_fields_come_from_the_core_hook(self):
        Deposit = self.env["customer.deposit"]
        self.assertEqual(
            Deposit._get_order_link_fields(),
            {"sale_order_id": "customer", "purchase_order_id": "supplier"},
        )
        self.assertIn("purchase_order_id", Deposit._get_descriptive_fields())
        self.assertNotIn("purchase_order_id", Deposit._get_frozen_fields())
        self.assertNotIn("purchase_order_id", Deposit._get_maintained_fields())
