# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import CustomerDepositCommon


@tagged("post_install", "-at_install")
class TestDepositCancelledOrder(CustomerDepositCommon):
    """Invoice paid by a deposit, then the order is cancelled: credit note, then refund the
    deposit or keep it as income (R21)."""

    # After every test the deposits' balances are still the liability account's balance.
    ledger_tied_after_each_test = True

    def reverse_invoice(self, invoice, modify=False, post=True):
        wizard = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"journal_id": invoice.journal_id.id, "reason": "Order cancelled"})
        )
        action = wizard.modify_moves() if modify else wizard.refund_moves()
        if modify:
            return invoice.reversal_move_ids
        credit_note = self.env["account.move"].browse(action["res_id"])
        if post:
            credit_note.action_post()
        return credit_note

    def assert_released(self, deposit, invoice, credit_note, application):
        self.assertEqual(application.state, "unapplied")
        self.assertRecordValues(
            application.reversal_move_id,
            [
                {
                    "deposit_id": deposit.id,
                    "deposit_move_kind": "unapply",
                    "state": "posted",
                }
            ],
        )
        self.assertEqual(invoice.payment_state, "reversed")
        self.assertEqual(credit_note.payment_state, "paid")
        self.assertTrue(
            invoice.line_ids.filtered(lambda line: line.account_id == self.receivable).reconciled
        )
        self.assertRecordValues(
            deposit,
            [
                {
                    "state": "received",
                    "amount_applied": 0.0,
                    "amount_residual": 1000.0,
                }
            ],
        )

    def test_cancelled_order_then_refund(self):
        deposit = self.create_deposit(amount=1000.0)
        invoice = self.create_invoice(amount=1000.0)
        application = deposit.apply_to_invoice(invoice)
        self.assertEqual(invoice.payment_state, "paid")

        credit_note = self.reverse_invoice(invoice)
        self.assert_released(deposit, invoice, credit_note, application)
        self.assertIn(credit_note.name, deposit.message_ids[0].body)

        payment = deposit.refund()
        self.assertRecordValues(deposit, [{"state": "refunded", "amount_refunded": 1000.0}])
        self.assertRecordValues(
            self.deposit_lines(payment.move_id),
            [
                {
                    "debit": 1000.0,
                    "reconciled": True,
                }
            ],
        )
        # The History: every step is an entry of the deposit.
        self.assertEqual(
            deposit.move_ids.sorted("id").mapped("deposit_move_kind"),
            ["receipt", "apply", "unapply", "refund"],
        )
        self.assertAlmostEqual(self.deposit_account_balance(), 0.0)

    def test_cancelled_order_then_keep_as_income(self):
        deposit = self.create_deposit(amount=1000.0)
        invoice = self.create_invoice(amount=1000.0)
        application = deposit.apply_to_invoice(invoice)

        credit_note = self.reverse_invoice(invoice)
        self.assert_released(deposit, invoice, credit_note, application)

        move = deposit.forfeit()
        self.assertRecordValues(
            move.line_ids.sorted("balance"),
            [
                {"account_id": self.forfeit_account.id, "credit": 1000.0, "reconciled": False},
                {"account_id": self.deposit_account.id, "credit": 0.0, "reconciled": True},
            ],
        )
        self.assertRecordValues(deposit, [{"state": "forfeited", "amount_forfeited": 1000.0}])
        self.assertEqual(
            deposit.move_ids.sorted("id").mapped("deposit_move_kind"),
            ["receipt", "apply", "unapply", "forfeit"],
        )

    def test_reverse_and_create_invoice_releases_too(self):
        # "Reverse and create invoice" cancels the invoice's matching itself first.
        deposit = self.create_deposit(amount=1000.0)
        invoice = self.create_invoice(amount=1000.0)
        application = deposit.apply_to_invoice(invoice)
        credit_note = self.reverse_invoice(invoice, modify=True)
        self.assert_released(deposit, invoice, credit_note, application)
        transfer_receivable = application.move_id.line_ids.filtered(
            lambda line: line.account_id == self.receivable
        )
        # No stray customer credit left behind.
        self.assertTrue(transfer_receivable.reconciled)

    def test_invoice_partly_paid_by_deposit_and_bank(self):
        deposit = self.create_deposit(amount=1000.0)
        invoice = self.create_invoice(amount=1500.0)
        application = deposit.apply_to_invoice(invoice)
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"amount": 500.0})._create_payments()
        self.assertEqual(invoice.payment_state, "paid")

        credit_note = self.reverse_invoice(invoice)
        self.assertEqual(application.state, "unapplied")
        self.assertEqual(deposit.amount_residual, 1000.0)
        # Settled by the credit note and the bank payment ("paid": not only by its reversal).
        self.assertEqual(invoice.payment_state, "paid")
        self.assertAlmostEqual(invoice.amount_residual, 0.0)
        # What the customer paid by bank stays with them as a credit.
        self.assertAlmostEqual(credit_note.amount_residual, 500.0)

    def test_partial_credit_note_leaves_applications(self):
        deposit = self.create_deposit(amount=1000.0)
        invoice = self.create_invoice(amount=1000.0)
        application = deposit.apply_to_invoice(invoice)
        credit_note = self.reverse_invoice(invoice, post=False)
        with Form(credit_note) as form:
            with form.invoice_line_ids.edit(0) as line:
                line.price_unit = 400.0
        credit_note.action_post()
        self.assertEqual(application.state, "applied")
        self.assertRecordValues(deposit, [{"state": "applied", "amount_residual": 0.0}])
        self.assertEqual(invoice.payment_state, "paid")
        self.assertAlmostEqual(credit_note.amount_residual, 400.0)

    def test_reverse_after_apply_refused_then_after_unapply(self):
        deposit = self.create_deposit(amount=1000.0)
        application = deposit.apply_to_invoice(self.create_invoice(amount=300.0))
        with self.assertRefusedWithoutWrites(UserError, "Unapply it"):
            deposit.reverse(reason="x")
        with self.assertRefusedWithoutWrites(UserError, "Unapply it"):
            deposit.reverse(reason="x", bounced=True)
        application.action_unapply()
        deposit.reverse(reason="Wrong customer")
        self.assertRecordValues(deposit, [{"state": "reversed", "amount_residual": 0.0}])

    def test_partial_refund_then_apply_rest(self):
        deposit = self.create_deposit(amount=1000.0)
        deposit.refund(amount=250.0)
        invoice = self.create_invoice(amount=2000.0)
        application = deposit.apply_to_invoice(invoice)
        self.assertEqual(application.amount, 750.0)
        self.assertRecordValues(
            deposit,
            [
                {
                    "amount_refunded": 250.0,
                    "amount_applied": 750.0,
                    "amount_residual": 0.0,
                }
            ],
        )
        self.assertAlmostEqual(invoice.amount_residual, 1250.0)
        with self.assertRefusedWithoutWrites(UserError, "no unapplied balance"):
            deposit.refund()
