# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Vendor deposits (partner_type 'supplier'): the whole life of a customer deposit, mirrored
on the vendor deposit asset account, built by the same entry builders and refused by the
same checks. Every entry is asserted line by line."""

from datetime import date
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from .common import CustomerDepositCommon


@tagged("post_install", "-at_install")
class TestVendorDepositEntries(CustomerDepositCommon):
    # After every scenario each side's deposits are its account's balance.
    ledger_tied_after_each_test = True

    def test_post_outgoing_payment_on_the_asset(self):
        deposit = self.create_vendor_deposit(amount=1000.0)
        payment = deposit.payment_id
        self.assertTrue(deposit.name.startswith("VDEP/"), deposit.name)
        self.assertRecordValues(
            deposit,
            [
                {
                    "partner_type": "supplier",
                    "state": "received",
                    "deposit_account_id": self.vendor_deposit_account.id,
                    "amount_residual": 1000.0,
                    "amount_residual_company": 1000.0,
                    "payment_method_line_id": self.outbound_payment_method_line.id,
                }
            ],
        )
        self.assertRecordValues(
            payment,
            [
                {
                    "payment_type": "outbound",
                    "partner_type": "supplier",
                    "partner_id": self.vendor.id,
                    "amount": 1000.0,
                    "deposit_id": deposit.id,
                    "destination_account_id": self.vendor_deposit_account.id,
                    "state": "in_process",
                }
            ],
        )
        self.assertRecordValues(
            payment.move_id, [{"deposit_id": deposit.id, "deposit_move_kind": "receipt"}]
        )
        self.assertRecordValues(
            payment.move_id.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.outstanding_payments.id,
                    "partner_id": self.vendor.id,
                    "debit": 0.0,
                    "credit": 1000.0,
                    "amount_currency": -1000.0,
                    "currency_id": self.currency.id,
                    "reconciled": False,
                },
                {
                    "account_id": self.vendor_deposit_account.id,
                    "partner_id": self.vendor.id,
                    "debit": 1000.0,
                    "credit": 0.0,
                    "amount_currency": 1000.0,
                    "currency_id": self.currency.id,
                    "reconciled": False,
                },
            ],
        )
        self.assertIn("Vendor deposit", payment.move_id.line_ids[0].name)
        self.assertAlmostEqual(self.account_balance(self.vendor_deposit_account), 1000.0)
        # The vendor's payable and the customer side are untouched.
        self.assertAlmostEqual(self.account_balance(self.payable), 0.0)
        self.assertAlmostEqual(self.account_balance(self.deposit_account), 0.0)
        # Numbers of the two sides come from their own sequences.
        customer_deposit = self.create_deposit(amount=10.0)
        self.assertTrue(customer_deposit.name.startswith("DEP/"), customer_deposit.name)

    def test_apply_full_to_bill(self):
        deposit = self.create_vendor_deposit(amount=1000.0)
        bill = self.create_bill(amount=1000.0)
        application = deposit.apply_to_invoice(bill)
        entry = application.move_id
        self.assertRecordValues(
            entry,
            [
                {
                    "state": "posted",
                    "journal_id": self.company.deposit_journal_id.id,
                    "deposit_id": deposit.id,
                    "deposit_move_kind": "apply",
                }
            ],
        )
        self.assertRecordValues(
            entry.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.vendor_deposit_account.id,
                    "partner_id": self.vendor.id,
                    "debit": 0.0,
                    "credit": 1000.0,
                    "amount_currency": -1000.0,
                    "currency_id": self.currency.id,
                    "reconciled": True,
                },
                {
                    "account_id": self.payable.id,
                    "partner_id": self.vendor.id,
                    "debit": 1000.0,
                    "credit": 0.0,
                    "amount_currency": 1000.0,
                    "currency_id": self.currency.id,
                    "reconciled": True,
                },
            ],
        )
        self.assertEqual(bill.payment_state, "paid")
        self.assertIn(entry.id, [v["move_id"] for v in bill.invoice_payments_widget["content"]])
        self.assertRecordValues(
            application,
            [
                {
                    "state": "applied",
                    "amount": 1000.0,
                    "amount_invoice_currency": 1000.0,
                    "amount_company": 1000.0,
                    "rate": 1.0,
                    "invoice_id": bill.id,
                }
            ],
        )
        self.assertRecordValues(
            deposit, [{"state": "applied", "amount_applied": 1000.0, "amount_residual": 0.0}]
        )
        self.assertEqual(bill.deposit_application_ids, application)

    def test_apply_partial_then_rest(self):
        deposit = self.create_vendor_deposit(amount=1000.0)
        bill = self.create_bill(amount=1500.0)
        application = deposit.apply_to_invoice(bill, amount=400.0)
        self.assertRecordValues(
            application.move_id.line_ids.sorted("balance"),
            [
                {"account_id": self.vendor_deposit_account.id, "credit": 400.0, "debit": 0.0},
                {"account_id": self.payable.id, "credit": 0.0, "debit": 400.0},
            ],
        )
        self.assertRecordValues(
            deposit,
            [{"state": "partial", "amount_applied": 400.0, "amount_residual": 600.0}],
        )
        self.assertEqual(bill.payment_state, "partial")
        self.assertAlmostEqual(bill.amount_residual, 1100.0)
        # None: as much as both allow, the deposit's 600 left.
        deposit.apply_to_invoice(bill.id)
        self.assertRecordValues(deposit, [{"state": "applied", "amount_residual": 0.0}])
        self.assertAlmostEqual(bill.amount_residual, 500.0)

    def test_apply_foreign_currency_with_exchange_difference(self):
        eur = self.other_currency
        self.env["res.currency.rate"].create(
            {
                "name": "2018-01-01",
                "rate": 2.5,
                "currency_id": eur.id,
                "company_id": self.company.id,
            }
        )
        deposit = self.create_vendor_deposit(amount=900.0, currency=eur, date=date(2017, 6, 1))
        self.assertAlmostEqual(deposit.amount_residual_company, 450.0)
        bill = self.create_bill(amount=900.0, currency=eur, date=date(2018, 3, 1))  # 360
        application = deposit.apply_to_invoice(bill, date=date(2018, 3, 1))
        self.assertRecordValues(
            application.move_id.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.vendor_deposit_account.id,
                    "partner_id": self.vendor.id,
                    "debit": 0.0,
                    "credit": 360.0,
                    "amount_currency": -900.0,
                    "currency_id": eur.id,
                    "reconciled": True,
                },
                {
                    "account_id": self.payable.id,
                    "partner_id": self.vendor.id,
                    "debit": 360.0,
                    "credit": 0.0,
                    "amount_currency": 900.0,
                    "currency_id": eur.id,
                    "reconciled": True,
                },
            ],
        )
        self.assertEqual(bill.payment_state, "paid")
        exchange = self.env["account.move"].search(
            [("deposit_id", "=", deposit.id), ("deposit_move_kind", "=", "exchange")]
        )
        self.assertEqual(len(exchange), 1)
        self.assertEqual(exchange.journal_id, self.company.currency_exchange_journal_id)
        # The asset paid 450 now covers 360: the engine books the 90 lost.
        self.assertRecordValues(
            self.deposit_lines(exchange),
            [{"debit": 0.0, "credit": 90.0, "amount_currency": 0.0, "reconciled": True}],
        )
        self.assertRecordValues(
            self.bank_side_lines(exchange),
            [
                {
                    "account_id": self.company.expense_currency_exchange_account_id.id,
                    "debit": 90.0,
                    "credit": 0.0,
                }
            ],
        )
        self.assertRecordValues(
            deposit,
            [{"state": "applied", "amount_residual": 0.0, "amount_residual_company": 0.0}],
        )
        self.assertRecordValues(
            application,
            [{"amount": 900.0, "amount_invoice_currency": 900.0, "amount_company": 360.0}],
        )
        self.assertAlmostEqual(self.account_balance(self.vendor_deposit_account), 0.0)
        # Unapplying reverses the exchange difference too.
        application.action_unapply(date=date(2018, 3, 2))
        self.assertRecordValues(
            deposit, [{"amount_residual": 900.0, "amount_residual_company": 450.0}]
        )
        self.assertAlmostEqual(self.account_balance(self.vendor_deposit_account), 450.0)
        self.assertEqual(bill.payment_state, "not_paid")

    def test_unapply(self):
        deposit = self.create_vendor_deposit(amount=1000.0)
        bill = self.create_bill(amount=800.0)
        application = deposit.apply_to_invoice(bill)
        application.action_unapply()
        reversal = application.reversal_move_id
        self.assertRecordValues(
            reversal,
            [
                {
                    "state": "posted",
                    "deposit_id": deposit.id,
                    "deposit_move_kind": "unapply",
                    "reversed_entry_id": application.move_id.id,
                }
            ],
        )
        self.assertRecordValues(
            reversal.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.payable.id,
                    "partner_id": self.vendor.id,
                    "debit": 0.0,
                    "credit": 800.0,
                    "amount_currency": -800.0,
                    "reconciled": True,
                },
                {
                    "account_id": self.vendor_deposit_account.id,
                    "partner_id": self.vendor.id,
                    "debit": 800.0,
                    "credit": 0.0,
                    "amount_currency": 800.0,
                    "reconciled": True,
                },
            ],
        )
        self.assertEqual(application.state, "unapplied")
        self.assertEqual(bill.payment_state, "not_paid")
        self.assertRecordValues(
            deposit, [{"state": "received", "amount_applied": 0.0, "amount_residual": 1000.0}]
        )

    def test_convert_to_credit_then_next_bill(self):
        deposit = self.create_vendor_deposit(amount=1000.0)
        move = deposit.convert_to_credit(amount=300.0)
        self.assertRecordValues(
            move, [{"deposit_id": deposit.id, "deposit_move_kind": "credit", "state": "posted"}]
        )
        self.assertRecordValues(
            move.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.vendor_deposit_account.id,
                    "partner_id": self.vendor.id,
                    "debit": 0.0,
                    "credit": 300.0,
                    "amount_currency": -300.0,
                    "reconciled": True,
                },
                {
                    "account_id": self.payable.id,
                    "partner_id": self.vendor.id,
                    "debit": 300.0,
                    "credit": 0.0,
                    "amount_currency": 300.0,
                    "reconciled": False,
                },
            ],
        )
        self.assertIn("vendor credit", move.line_ids[0].name)
        self.assertRecordValues(
            deposit,
            [{"state": "partial", "amount_converted": 300.0, "amount_residual": 700.0}],
        )
        # The outstanding debit is offered on the vendor's next bill, like any payment.
        bill = self.create_bill(amount=500.0)
        debit_line = move.line_ids.filtered(lambda line: line.account_id == self.payable)
        widget = bill.invoice_outstanding_credits_debits_widget
        self.assertIn(debit_line.id, [v["id"] for v in widget["content"]])
        bill.js_assign_outstanding_line(debit_line.id)
        self.assertAlmostEqual(bill.amount_residual, 200.0)
        self.assertTrue(debit_line.reconciled)

    def test_refund_incoming_payment(self):
        deposit = self.create_vendor_deposit(amount=1000.0)
        payment = deposit.refund(amount=400.0)
        self.assertRecordValues(
            payment,
            [
                {
                    "payment_type": "inbound",
                    "partner_type": "supplier",
                    "partner_id": self.vendor.id,
                    "amount": 400.0,
                    "deposit_id": deposit.id,
                    "destination_account_id": self.vendor_deposit_account.id,
                    "payment_method_line_id": self.inbound_payment_method_line.id,
                }
            ],
        )
        self.assertRecordValues(
            payment.move_id, [{"deposit_id": deposit.id, "deposit_move_kind": "refund"}]
        )
        self.assertRecordValues(
            payment.move_id.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.vendor_deposit_account.id,
                    "partner_id": self.vendor.id,
                    "debit": 0.0,
                    "credit": 400.0,
                    "amount_currency": -400.0,
                    "reconciled": True,
                },
                {
                    "account_id": self.outstanding_receipts.id,
                    "partner_id": self.vendor.id,
                    "debit": 400.0,
                    "credit": 0.0,
                    "amount_currency": 400.0,
                    "reconciled": False,
                },
            ],
        )
        self.assertIn("Vendor deposit refund", payment.move_id.line_ids[0].name)
        self.assertRecordValues(
            deposit,
            [{"state": "partial_refund", "amount_refunded": 400.0, "amount_residual": 600.0}],
        )
        self.assertIn("refunded by the vendor", deposit.message_ids[0].body)
        deposit.refund()
        self.assertRecordValues(deposit, [{"state": "refunded", "amount_residual": 0.0}])

    def test_refund_wizard_receives_with_an_incoming_method(self):
        deposit = self.create_vendor_deposit(amount=200.0)
        wizard = Form(
            self.env["customer.deposit.refund"].with_context(default_deposit_id=deposit.id)
        )
        self.assertEqual(wizard.amount, 200.0)
        self.assertEqual(wizard.payment_method_line_id, self.inbound_payment_method_line)
        result = wizard.save().action_refund()
        payment = self.env["account.payment"].browse(result["res_id"])
        self.assertEqual(payment.payment_type, "inbound")
        self.assertEqual(deposit.state, "refunded")
        other = self.create_vendor_deposit(amount=50.0)
        with self.assertRefusedWithoutWrites(UserError, "incoming payment method"):
            other.refund(payment_method_line=self.outbound_payment_method_line)

    def test_reverse_mistake(self):
        deposit = self.create_vendor_deposit(amount=1000.0)
        payment_move = deposit.payment_id.move_id
        deposit.reverse(reason="Wrong vendor")
        reversal = payment_move.reversal_move_ids
        self.assertRecordValues(
            reversal,
            [{"state": "posted", "deposit_id": deposit.id, "deposit_move_kind": "reverse"}],
        )
        self.assertRecordValues(
            reversal.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.vendor_deposit_account.id,
                    "partner_id": self.vendor.id,
                    "debit": 0.0,
                    "credit": 1000.0,
                    "amount_currency": -1000.0,
                    "reconciled": True,
                },
                {
                    "account_id": self.outstanding_payments.id,
                    "partner_id": self.vendor.id,
                    "debit": 1000.0,
                    "credit": 0.0,
                    "amount_currency": 1000.0,
                    "reconciled": True,
                },
            ],
        )
        self.assertEqual(deposit.payment_id.state, "canceled")
        self.assertRecordValues(
            deposit, [{"state": "reversed", "amount_reversed": 1000.0, "amount_residual": 0.0}]
        )
        self.assertIn("Wrong vendor", deposit.message_ids[0].body)

    def test_reverse_bounced_leaves_the_bank_side_open(self):
        deposit = self.create_vendor_deposit(amount=500.0)
        payment_move = deposit.payment_id.move_id
        deposit.reverse(reason="Transfer returned", bounced=True)
        reversal = payment_move.reversal_move_ids
        self.assertRecordValues(
            reversal.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.vendor_deposit_account.id,
                    "debit": 0.0,
                    "credit": 500.0,
                    "reconciled": True,
                },
                {
                    "account_id": self.outstanding_payments.id,
                    "debit": 500.0,
                    "credit": 0.0,
                    "reconciled": False,
                },
            ],
        )
        # The payment's bank side stays open too, for the outgoing statement line.
        self.assertFalse(self.bank_side_lines(payment_move).reconciled)
        self.assertEqual(deposit.payment_id.state, "rejected")
        self.assertEqual(deposit.state, "reversed")

    def test_forfeit_to_an_expense(self):
        deposit = self.create_vendor_deposit(amount=1000.0)
        expense = self.company.vendor_deposit_forfeit_account_id
        self.assertEqual(expense.account_type, "expense")
        move = deposit.forfeit(amount=250.0)
        self.assertRecordValues(
            move, [{"deposit_id": deposit.id, "deposit_move_kind": "forfeit", "state": "posted"}]
        )
        self.assertRecordValues(
            move.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.vendor_deposit_account.id,
                    "partner_id": self.vendor.id,
                    "debit": 0.0,
                    "credit": 250.0,
                    "amount_currency": -250.0,
                    "reconciled": True,
                },
                {
                    "account_id": expense.id,
                    "partner_id": self.vendor.id,
                    "debit": 250.0,
                    "credit": 0.0,
                    "amount_currency": 250.0,
                    "reconciled": False,
                },
            ],
        )
        self.assertRecordValues(
            deposit,
            [{"state": "partial_forfeit", "amount_forfeited": 250.0, "amount_residual": 750.0}],
        )
        self.assertIn("booked as an expense", deposit.message_ids[0].body)
        # An income account is the customer side's: refused.
        with self.assertRefusedWithoutWrites(UserError, "expense account"):
            deposit.forfeit(account=self.company.deposit_forfeit_account_id)
        deposit.forfeit()
        self.assertRecordValues(deposit, [{"state": "forfeited", "amount_forfeited": 1000.0}])

    def test_forfeit_wizard_offers_the_expense_account(self):
        deposit = self.create_vendor_deposit(amount=100.0)
        wizard = Form(
            self.env["customer.deposit.forfeit"].with_context(default_deposit_id=deposit.id)
        )
        self.assertEqual(wizard.account_id, self.company.vendor_deposit_forfeit_account_id)
        wizard.save().action_forfeit()
        self.assertEqual(deposit.state, "forfeited")

    def test_lock_dates(self):
        deposit = self.create_vendor_deposit(amount=300.0, date=date(2019, 6, 1))
        bill = self.create_bill(amount=100.0, date=date(2019, 6, 1))
        draft = self.create_vendor_deposit(amount=50.0, post=False, date=date(2019, 12, 10))
        self.company.fiscalyear_lock_date = date(2019, 12, 31)
        locked = date(2019, 12, 15)
        with self.assertRefusedWithoutWrites(UserError, "locked period"):
            draft.action_post()
        with self.assertRefusedWithoutWrites(UserError, "locked period"):
            deposit.apply_to_invoice(bill, date=locked)
        with self.assertRefusedWithoutWrites(UserError, "locked period"):
            deposit.convert_to_credit(date=locked)
        with self.assertRefusedWithoutWrites(UserError, "locked period"):
            deposit.refund(date=locked)
        with self.assertRefusedWithoutWrites(UserError, "locked period"):
            deposit.forfeit(date=locked)
        with self.assertRefusedWithoutWrites(UserError, "locked period"):
            deposit.reverse(reason="x", date=locked)
        application = deposit.apply_to_invoice(bill, date=date(2020, 1, 2))
        with self.assertRefusedWithoutWrites(UserError, "before"):
            application.action_unapply(date=locked)
        self.assertEqual(application.move_id.date, date(2020, 1, 2))

    def test_cross_side_refusals(self):
        vendor_deposit = self.create_vendor_deposit(amount=500.0)
        customer_deposit = self.create_deposit(amount=500.0)
        invoice = self.create_invoice(amount=100.0)
        bill = self.create_bill(amount=100.0)
        with self.assertRefusedWithoutWrites(UserError, "is not a vendor bill"):
            vendor_deposit.apply_to_invoice(invoice)
        with self.assertRefusedWithoutWrites(UserError, "is not a customer invoice"):
            customer_deposit.apply_to_invoice(bill)
        # Nor credit notes, nor another vendor's bill.
        refund = self.create_invoice(amount=10.0, move_type="in_refund")
        with self.assertRefusedWithoutWrites(UserError, "not a vendor bill"):
            vendor_deposit.apply_to_invoice(refund)
        other_bill = self.create_bill(amount=10.0, partner=self.partner_b)
        with self.assertRefusedWithoutWrites(UserError, "only pays its own vendor"):
            vendor_deposit.apply_to_invoice(other_bill)
        # Each document is offered the deposits of its own side only.
        self.assertEqual(bill.deposit_available_ids, vendor_deposit)
        self.assertEqual(invoice.deposit_available_ids, customer_deposit)
        self.assertEqual(invoice.payment_state, "not_paid")
        self.assertEqual(bill.payment_state, "not_paid")

    def test_side_is_set_at_create(self):
        draft = self.create_vendor_deposit(amount=100.0, post=False)
        with self.assertRefusedWithoutWrites(UserError, "side"):
            draft.write({"partner_type": "customer"})
        posted = self.create_deposit(amount=100.0)
        with self.assertRefusedWithoutWrites(UserError, "side"):
            posted.write({"partner_type": "supplier"})
        # Writing the same side changes nothing and is allowed on a draft.
        draft.write({"partner_type": "supplier", "amount": 120.0})
        self.assertEqual(draft.amount, 120.0)
        order = self.create_order(partner=self.vendor)
        with self.assertRaises(ValidationError):
            self.create_vendor_deposit(amount=10.0, post=False, sale_order_id=order.id)
        # A constraint: the ORM writes, then refuses (a request's rollback undoes it).
        with self.assertRefusedWithoutWrites(ValidationError, "vendor deposit", as_request=True):
            draft.write({"sale_order_id": order.id})

    def test_outgoing_method_required(self):
        deposit = self.create_vendor_deposit(amount=10.0, post=False)
        with self.assertRaises(ValidationError):
            deposit.payment_method_line_id = self.inbound_payment_method_line
        self.assertEqual(
            deposit.available_payment_method_line_ids,
            self.bank_journal._get_available_payment_method_lines("outbound"),
        )

    def test_reverse_refused_once_used(self):
        deposit = self.create_vendor_deposit(amount=300.0)
        deposit.apply_to_invoice(self.create_bill(amount=100.0))
        with self.assertRefusedWithoutWrites(UserError, "Unapply it from the bills"):
            deposit.reverse(reason="x")


@tagged("post_install", "-at_install")
class TestVendorDepositBills(CustomerDepositCommon):
    """Bills are offered vendor deposits; without the purchase bridge no bill comes from an
    order, so nothing is applied on posting."""

    # After every scenario each side's deposits are its account's balance.
    ledger_tied_after_each_test = True

    def test_bill_offers_deposits_but_auto_apply_needs_an_order(self):
        self.company.vendor_deposit_auto_apply = "always"
        deposit = self.create_vendor_deposit(amount=500.0)
        bill = self.create_bill(amount=300.0)
        self.assertEqual(bill.payment_state, "not_paid")
        self.assertEqual(bill.deposit_available_ids, deposit)
        self.assertFalse(bill.deposit_order_available_ids)
        self.assertEqual(deposit.amount_residual, 500.0)

    def test_order_hook_feeds_auto_apply_and_banner(self):
        """The purchase bridge links bills to deposits through ``_get_deposit_order_domain``:
        what it returns is applied on posting ('always') or shown on the bill ('ask')."""
        linked = self.create_vendor_deposit(amount=200.0, date=date(2020, 1, 1))
        self.create_vendor_deposit(amount=500.0)  # not for this order
        Move = type(self.env["account.move"])

        def order_domain(move):
            return [("id", "in", linked.ids)] if move.move_type == "in_invoice" else []

        with patch.object(Move, "_get_deposit_order_domain", order_domain):
            self.company.vendor_deposit_auto_apply = "ask"
            asked = self.create_bill(amount=300.0)
            self.assertEqual(asked.payment_state, "not_paid")
            self.assertEqual(asked.deposit_order_available_ids, linked)
            self.company.vendor_deposit_auto_apply = "always"
            bill = self.create_bill(amount=300.0)
        self.assertEqual(bill.deposit_application_ids.deposit_id, linked)
        self.assertAlmostEqual(bill.amount_residual, 100.0)
        self.assertEqual(linked.state, "applied")

    def test_apply_wizard_from_bill_and_from_deposit(self):
        first = self.create_vendor_deposit(amount=300.0, date=date(2020, 1, 1))
        second = self.create_vendor_deposit(amount=500.0, date=date(2020, 2, 1))
        self.create_deposit(amount=50.0)  # a customer deposit of the same partner
        bill = self.create_bill(amount=700.0)
        action = bill.action_open_deposit_apply_wizard()
        wizard = Form(self.env[action["res_model"]].with_context(**action["context"]))
        self.assertEqual([r["deposit_id"] for r in wizard.line_ids._records], (first + second).ids)
        self.assertEqual([r["amount"] for r in wizard.line_ids._records], [300.0, 400.0])
        wizard.save().action_apply()
        self.assertEqual(bill.payment_state, "paid")
        self.assertEqual(second.amount_residual, 100.0)

        bills = self.create_bill(amount=60.0) + self.create_bill(amount=60.0)
        self.create_invoice(amount=60.0)  # a customer invoice: not offered
        action = second.action_open_apply_wizard()
        self.assertIn("Bills", action["name"])
        wizard = Form(self.env[action["res_model"]].with_context(**action["context"]))
        self.assertEqual(sorted(r["invoice_id"] for r in wizard.line_ids._records), bills.ids)
        self.assertEqual(sorted(r["amount"] for r in wizard.line_ids._records), [40.0, 60.0])
        wizard.save().action_apply()
        self.assertEqual(second.state, "applied")

    def test_pay_dialog_on_a_bill_tells_about_deposits(self):
        deposit = self.create_vendor_deposit(amount=100.0)
        self.create_deposit(amount=70.0)  # customer side: not about this bill
        bill = self.create_bill(amount=300.0)
        wizard = (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=bill.ids)
            .create({})
        )
        self.assertEqual(wizard.deposit_available_ids, deposit)
        self.assertAlmostEqual(wizard.deposit_available_amount, 100.0)
        self.assertEqual(wizard.deposit_apply_invoice_id, bill)
        action = wizard.action_view_available_deposits()
        self.assertEqual(action["domain"], [("id", "in", deposit.ids)])
        self.assertEqual(action["path"], "vendor-deposits")

    def test_credit_note_reversing_a_bill_in_full_releases_its_deposits(self):
        deposit = self.create_vendor_deposit(amount=1000.0)
        bill = self.create_bill(amount=1000.0)
        application = deposit.apply_to_invoice(bill)
        wizard = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=bill.ids)
            .create({"journal_id": bill.journal_id.id, "reason": "Order cancelled"})
        )
        credit_note = self.env["account.move"].browse(wizard.refund_moves()["res_id"])
        credit_note.action_post()
        self.assertEqual(application.state, "unapplied")
        self.assertEqual(bill.payment_state, "reversed")
        self.assertEqual(credit_note.payment_state, "paid")
        self.assertRecordValues(deposit, [{"state": "received", "amount_residual": 1000.0}])


@tagged("post_install", "-at_install")
class TestVendorDepositScreens(CustomerDepositCommon):
    # After every scenario each side's deposits are its account's balance.
    ledger_tied_after_each_test = True

    def test_register_dialog_pays_a_vendor_deposit(self):
        action = self.vendor.action_register_vendor_deposit()
        self.assertEqual(action["context"]["default_partner_type"], "supplier")
        wizard = Form(self.env[action["res_model"]].with_context(**action["context"]))
        self.assertEqual(wizard.payment_method_line_id, self.outbound_payment_method_line)
        wizard.amount = 250.0
        wizard.payment_reference = "TRF-77"
        wizard.save().action_create_deposit()
        deposit = self.env["customer.deposit"].search([("payment_reference", "=", "TRF-77")])
        self.assertRecordValues(
            deposit,
            [
                {
                    "partner_type": "supplier",
                    "partner_id": self.vendor.id,
                    "state": "received",
                    "amount": 250.0,
                }
            ],
        )
        self.assertEqual(deposit.payment_id.payment_type, "outbound")

    def test_deposits_held_split_by_side(self):
        self.create_deposit(amount=300.0)
        vendor_deposit = self.create_vendor_deposit(amount=500.0)
        self.create_vendor_deposit(amount=80.0, post=False)
        vendor_deposit.apply_to_invoice(self.create_bill(amount=120.0))
        partner = self.vendor.with_company(self.company)
        partner.invalidate_recordset()
        self.assertRecordValues(
            partner,
            [
                {
                    "deposit_balance": 300.0,
                    "deposit_count": 1,
                    "vendor_deposit_balance": 380.0,
                    "vendor_deposit_count": 2,
                }
            ],
        )
        action = partner.action_view_vendor_deposits()
        self.assertEqual(action["path"], "vendor-deposits")
        self.assertEqual(
            self.env["customer.deposit"].search(action["domain"]).mapped("partner_type"),
            ["supplier", "supplier"],
        )
        self.assertEqual(action["context"]["default_partner_type"], "supplier")
        customer_action = partner.action_view_deposits()
        self.assertEqual(
            self.env["customer.deposit"].search(customer_action["domain"]).mapped("partner_type"),
            ["customer"],
        )

    def test_menus_and_actions_per_side(self):
        vendor_deposit = self.create_vendor_deposit(amount=10.0)
        customer_deposit = self.create_deposit(amount=10.0)
        Deposit = self.env["customer.deposit"]
        for xmlid, expected in (
            ("customer_deposit.action_customer_deposit", customer_deposit),
            ("customer_deposit.action_vendor_deposit", vendor_deposit),
        ):
            action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
            found = Deposit.search(
                [("id", "in", (vendor_deposit + customer_deposit).ids)]
                + safe_eval(action["domain"])
            )
            self.assertEqual(found, expected, xmlid)
        menu = self.env.ref("customer_deposit.menu_vendor_deposit")
        self.assertEqual(menu.parent_id, self.env.ref("account.menu_finance_payables"))
        self.assertEqual(menu.action, self.env.ref("customer_deposit.action_vendor_deposit"))

    def test_form_labels_follow_the_side(self):
        form = Form(self.env["customer.deposit"].with_context(default_partner_type="supplier"))
        self.assertEqual(form.partner_type, "supplier")
        self.assertEqual(form.payment_method_line_id, self.outbound_payment_method_line)
        arch = self.env["customer.deposit"].get_view(view_type="form")["arch"]
        self.assertIn('string="Vendor"', arch)
        self.assertIn('string="Amount Paid"', arch)
        self.assertIn('string="Apply to Bills"', arch)

    def test_payment_advice_pdf_and_mail(self):
        deposit = self.create_vendor_deposit(amount=100.0)
        html = str(
            self.env["ir.actions.report"]._render_qweb_html(
                "customer_deposit.action_report_deposit_receipt", deposit.ids
            )[0]
        )
        self.assertIn("Payment Advice", html)
        self.assertIn("Paid to", html)
        self.assertNotIn("Deposit Receipt", html)
        action = deposit.action_send_receipt()
        self.assertEqual(action["name"], "Send Payment Advice")
        self.assertEqual(
            action["context"]["default_template_id"],
            self.env.ref("customer_deposit.mail_template_vendor_deposit_advice").id,
        )
        composer = self.env["mail.compose.message"].with_context(**action["context"]).create({})
        self.assertIn("Payment Advice", composer.subject)
        customer_html = str(
            self.env["ir.actions.report"]._render_qweb_html(
                "customer_deposit.action_report_deposit_receipt", self.create_deposit(10.0).ids
            )[0]
        )
        self.assertIn("Deposit Receipt", customer_html)
        self.assertNotIn("Payment Advice", customer_html)

    def test_settings_dialog(self):
        settings = self.env["customer.deposit.settings"].create({})
        self.assertRecordValues(
            settings,
            [
                {
                    "vendor_deposit_account_id": self.vendor_deposit_account.id,
                    "vendor_deposit_forfeit_account_id": (
                        self.company.vendor_deposit_forfeit_account_id.id
                    ),
                    "vendor_deposit_auto_apply": "ask",
                }
            ],
        )
        other_asset = self.env["account.account"].create(
            {
                "name": "Prepayments to Suppliers",
                "code": "VDP999",
                "account_type": "asset_current",
                "reconcile": True,
            }
        )
        settings.write(
            {"vendor_deposit_account_id": other_asset.id, "vendor_deposit_auto_apply": "never"}
        )
        settings.action_save()
        self.assertEqual(self.company.vendor_deposit_account_id, other_asset)
        self.assertEqual(self.company.vendor_deposit_auto_apply, "never")
        # A deposit keeps the account it was posted on; new ones go to the new account.
        deposit = self.create_vendor_deposit(amount=40.0)
        self.assertEqual(deposit.deposit_account_id, other_asset)
        self.assertIn(other_asset, self.company._get_deposit_accounts("supplier"))
        self.assertNotIn(other_asset, self.company._get_deposit_accounts())
        self.assertIn(other_asset, self.company._get_deposit_accounts(partner_type=None))
        # The company refuses accounts of the wrong kind, whoever sets them.
        with self.assertRaises(ValidationError):
            self.company.vendor_deposit_account_id = self.company.deposit_account_id
        with self.assertRaises(ValidationError):
            self.company.vendor_deposit_forfeit_account_id = self.company.deposit_forfeit_account_id

    def test_setup_of_a_new_company_and_its_branch(self):
        company = self.setup_other_company(name="Vendor Deposit Co")["company"]
        account = company.vendor_deposit_account_id
        self.assertRecordValues(account, [{"account_type": "asset_current", "reconcile": True}])
        self.assertEqual(company.vendor_deposit_forfeit_account_id.account_type, "expense")
        self.assertNotEqual(account, company.deposit_account_id)
        sequences = self.env["ir.sequence"].search(
            [("company_id", "=", company.id), ("code", "like", "customer.deposit%")]
        )
        self.assertEqual(
            sorted(sequences.mapped("prefix")), ["DEP/%(range_year)s/", "VDEP/%(range_year)s/"]
        )
        company.write({"child_ids": [Command.create({"name": "Vendor Branch"})]})
        self.env.cr.precommit.run()  # loads the chart on the branch
        branch = company.child_ids
        self.assertEqual(branch.vendor_deposit_account_id, account)
        self.assertEqual(
            branch.vendor_deposit_forfeit_account_id, company.vendor_deposit_forfeit_account_id
        )
        # Idempotent: a second run creates nothing.
        accounts = self.env["account.account"].search_count([])
        (company | branch)._customer_deposit_setup()
        self.assertEqual(self.env["account.account"].search_count([]), accounts)

    def test_deposit_entries_action_covers_both_sides(self):
        self.create_vendor_deposit(amount=10.0)
        self.create_deposit(amount=10.0)
        action = self.env["account.move.line"].action_view_deposit_entries()
        lines = self.env["account.move.line"].search(action["domain"])
        self.assertIn(self.vendor_deposit_account, lines.account_id)
        self.assertIn(self.deposit_account, lines.account_id)


@tagged("post_install", "-at_install")
class TestVendorDepositRights(CustomerDepositCommon):
    # After every scenario each side's deposits are its account's balance.
    ledger_tied_after_each_test = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_role_users("billing", "salesman")

    def test_billing_user_records_posts_applies_unapplies_converts(self):
        Deposit = self.env["customer.deposit"].with_user(self.users["billing"])
        deposit = Deposit.create(
            {
                "partner_type": "supplier",
                "partner_id": self.vendor.id,
                "amount": 300.0,
                "journal_id": self.bank_journal.id,
                "payment_reference": "TRF-1",
            }
        )
        deposit.action_post()
        application = deposit.apply_to_invoice(self.create_bill(amount=100.0).id)
        application.action_unapply()
        deposit.convert_to_credit(amount=50.0)
        self.assertEqual(deposit.amount_residual, 250.0)
        for call in (
            lambda: deposit.refund(),
            lambda: deposit.reverse(reason="x"),
            lambda: deposit.forfeit(),
        ):
            with self.assertRefusedWithoutWrites(AccessError, "Only accountants"):
                call()

    def test_salesman_never_records_a_vendor_deposit(self):
        order = self.create_order(partner=self.vendor, user_id=self.users["salesman"].id)
        Deposit = self.env["customer.deposit"].with_user(self.users["salesman"])
        vals = {
            "partner_id": self.vendor.id,
            "sale_order_id": order.id,
            "amount": 100.0,
            "journal_id": self.bank_journal.id,
            "payment_reference": "X",
        }
        with self.assertRefusedWithoutWrites(AccessError):
            Deposit.create({**vals, "partner_type": "supplier"})
        with self.assertRefusedWithoutWrites(AccessError):
            Deposit.with_context(default_partner_type="supplier").create(vals)
        # His own customer deposit still works.
        own = Deposit.create(vals)
        own.action_post()
        self.assertEqual(own.state, "received")
        # A vendor deposit made by billing is not his to see, post or use.
        vendor_draft = self.create_vendor_deposit(amount=10.0, post=False)
        self.assertFalse(Deposit.search([("id", "=", vendor_draft.id)]))
        with self.assertRefusedWithoutWrites(UserError):
            vendor_draft.with_user(self.users["salesman"]).action_post()
        self.assertEqual(vendor_draft.state, "draft")


@tagged("post_install", "-at_install")
class TestVendorDepositIntegrity(CustomerDepositCommon):
    """The guards of the deposit ledger hold on the vendor side: a vendor deposit's entries,
    payments and matchings are undone from the deposit only."""

    # After every scenario each side's deposits are its account's balance.
    ledger_tied_after_each_test = True

    def test_entries_payments_and_matchings_are_the_deposits(self):
        deposit = self.create_vendor_deposit(amount=500.0)
        bill = self.create_bill(amount=200.0)
        application = deposit.apply_to_invoice(bill)
        payment = deposit.payment_id
        with self.assertRefusedWithoutWrites(UserError, "belongs to deposit"):
            payment.action_draft()
        with self.assertRefusedWithoutWrites(UserError, "belongs to deposit"):
            payment.action_cancel()
        with self.assertRefusedWithoutWrites(UserError, "belongs to deposit"):
            payment.move_id.button_draft()
        with self.assertRefusedWithoutWrites(UserError, "belongs to deposit"):
            application.move_id.button_cancel()
        with self.assertRefusedWithoutWrites(UserError, "undone from the deposit"):
            self.deposit_lines(application.move_id).remove_move_reconcile()
        with self.assertRefusedWithoutWrites(UserError, "belongs to deposit"):
            payment.move_id.line_ids[0].write({"balance": 1.0})
        with self.assertRefusedWithoutWrites(UserError, "can no longer be changed"):
            deposit.write({"amount": 10.0})
        with self.assertRefusedWithoutWrites(AccessError, "cannot be set by hand"):
            deposit.write({"amount_residual": 10.0})
        # The bill's own Unreconcile of the application unapplies the deposit.
        partial = (
            application.move_id.line_ids.matched_credit_ids
            | application.move_id.line_ids.matched_debit_ids
        ).filtered(lambda p: bill.line_ids & (p.debit_move_id | p.credit_move_id))
        bill.js_remove_outstanding_partial(partial.id)
        self.assertEqual(application.state, "unapplied")
        self.assertEqual(bill.payment_state, "not_paid")
        self.assertEqual(deposit.amount_residual, 500.0)
