# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import CustomerDepositCommon


@tagged("post_install", "-at_install")
class TestDepositReverse(CustomerDepositCommon):
    """Reverse: the receipt undone, entered by mistake or a bounced cheque."""

    # After every test the deposits' balances are still the liability account's balance.
    ledger_tied_after_each_test = True

    def create_statement_line(self, amount, ref, on_date=None):
        return self.env["account.bank.statement.line"].create(
            {
                "journal_id": self.bank_journal.id,
                "date": on_date or fields.Date.today(),
                "payment_ref": ref,
                "partner_id": self.customer.id,
                "amount": amount,
            }
        )

    def match_statement_line(self, st_line, move_line):
        """Community has no bank reconciliation screen: match through the ORM, as a user
        does from the journal items (set the statement's suspense item to the outstanding
        account, then reconcile the two items)."""
        _liquidity, suspense, _other = st_line.with_context(
            skip_account_move_synchronization=True
        )._seek_for_lines()
        suspense.account_id = move_line.account_id
        (suspense + move_line).reconcile()

    def test_reverse_mistake(self):
        deposit = self.create_deposit(amount=1000.0)
        receipt = deposit.payment_id.move_id
        deposit.reverse(reason="Wrong customer")

        reversal = receipt.reversal_move_ids
        self.assertRecordValues(
            reversal,
            [
                {
                    "state": "posted",
                    "deposit_id": deposit.id,
                    "deposit_move_kind": "reverse",
                    "journal_id": receipt.journal_id.id,
                }
            ],
        )
        self.assertRecordValues(
            reversal.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.outstanding_receipts.id,
                    "partner_id": self.customer.id,
                    "debit": 0.0,
                    "credit": 1000.0,
                    "amount_currency": -1000.0,
                    "currency_id": self.currency.id,
                    "reconciled": True,
                },
                {
                    "account_id": self.deposit_account.id,
                    "partner_id": self.customer.id,
                    "debit": 1000.0,
                    "credit": 0.0,
                    "amount_currency": 1000.0,
                    "currency_id": self.currency.id,
                    "reconciled": True,
                },
            ],
        )
        self.assertTrue(all(receipt.line_ids.mapped("reconciled")))
        self.assertEqual(deposit.payment_id.state, "canceled")
        self.assertRecordValues(
            deposit,
            [
                {
                    "state": "reversed",
                    "amount_reversed": 1000.0,
                    "amount_residual": 0.0,
                    "amount_residual_company": 0.0,
                }
            ],
        )
        self.assertIn("Wrong customer", deposit.message_ids[0].body)
        self.assertIn("Entered by mistake", deposit.message_ids[0].body)
        self.assertAlmostEqual(self.deposit_account_balance(), 0.0)
        with self.assertRefusedWithoutWrites(UserError, "already reversed"):
            deposit.reverse()
        with self.assertRefusedWithoutWrites(UserError, "not a posted deposit"):
            deposit.refund()

    def test_reverse_mistake_foreign_currency(self):
        deposit = self.create_deposit(
            amount=900.0, currency=self.other_currency, date=date(2016, 6, 1)
        )
        deposit.reverse(reason="Duplicate", date=date(2017, 6, 1))
        reversal = deposit.payment_id.move_id.reversal_move_ids
        # A reversal is booked at the receipt's own amounts: no exchange difference.
        self.assertRecordValues(
            reversal.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.outstanding_receipts.id,
                    "partner_id": self.customer.id,
                    "debit": 0.0,
                    "credit": 300.0,
                    "amount_currency": -900.0,
                    "currency_id": self.other_currency.id,
                    "reconciled": True,
                },
                {
                    "account_id": self.deposit_account.id,
                    "partner_id": self.customer.id,
                    "debit": 300.0,
                    "credit": 0.0,
                    "amount_currency": 900.0,
                    "currency_id": self.other_currency.id,
                    "reconciled": True,
                },
            ],
        )
        self.assertEqual(reversal.date, date(2017, 6, 1))
        self.assertFalse(
            self.deposit_lines(deposit.payment_id.move_id).matched_debit_ids.exchange_move_id
        )
        self.assertRecordValues(
            deposit,
            [
                {
                    "state": "reversed",
                    "amount_reversed": 900.0,
                    "amount_residual_company": 0.0,
                }
            ],
        )

    def test_reverse_mistake_refused_once_bank_matched(self):
        deposit = self.create_deposit(amount=1000.0)
        receipt_bank_line = self.bank_side_lines(deposit.payment_id.move_id)
        self.match_statement_line(self.create_statement_line(1000.0, "CHQ-001"), receipt_bank_line)
        with self.assertRefusedWithoutWrites(UserError, "bounced cheque"):
            deposit.reverse(reason="Oops")
        self.assertEqual(deposit.state, "received")

    def test_reverse_mistake_refused_when_receipt_matched_otherwise(self):
        deposit = self.create_deposit(amount=1000.0)
        receipt_bank_line = self.bank_side_lines(deposit.payment_id.move_id)
        transfer = self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": self.company_data["default_journal_misc"].id,
                "line_ids": [
                    Command.create(
                        {
                            "account_id": receipt_bank_line.account_id.id,
                            "partner_id": self.customer.id,
                            "balance": -1000.0,
                        }
                    ),
                    Command.create(
                        {
                            "account_id": self.bank_journal.default_account_id.id,
                            "partner_id": self.customer.id,
                            "balance": 1000.0,
                        }
                    ),
                ],
            }
        )
        transfer.action_post()
        (receipt_bank_line + transfer.line_ids.filtered("credit")).reconcile()
        with self.assertRefusedWithoutWrites(UserError, "Undo that match first"):
            deposit.reverse(reason="Oops")
        self.assertTrue(receipt_bank_line.reconciled)

    def test_reverse_bounced_matched_with_statement(self):
        deposit = self.create_deposit(amount=1000.0)
        receipt = deposit.payment_id.move_id
        receipt_bank_line = self.bank_side_lines(receipt)
        deposit_st_line = self.create_statement_line(1000.0, "Cheque CHQ-001")
        self.match_statement_line(deposit_st_line, receipt_bank_line)
        self.assertTrue(receipt_bank_line.reconciled)

        deposit.reverse(reason="NSF", bounced=True)

        reversal = receipt.reversal_move_ids
        self.assertRecordValues(
            reversal,
            [
                {
                    "state": "posted",
                    "deposit_id": deposit.id,
                    "deposit_move_kind": "reverse",
                }
            ],
        )
        self.assertRecordValues(
            reversal.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.outstanding_receipts.id,
                    "partner_id": self.customer.id,
                    "debit": 0.0,
                    "credit": 1000.0,
                    "amount_currency": -1000.0,
                    "currency_id": self.currency.id,
                    "reconciled": False,
                },
                {
                    "account_id": self.deposit_account.id,
                    "partner_id": self.customer.id,
                    "debit": 1000.0,
                    "credit": 0.0,
                    "amount_currency": 1000.0,
                    "currency_id": self.currency.id,
                    "reconciled": True,
                },
            ],
        )
        # The receipt keeps its bank match.
        self.assertTrue(receipt_bank_line.reconciled)
        self.assertTrue(deposit_st_line.is_reconciled)
        self.assertEqual(deposit.payment_id.state, "rejected")
        self.assertRecordValues(
            deposit,
            [
                {
                    "state": "reversed",
                    "amount_reversed": 1000.0,
                    "amount_residual": 0.0,
                }
            ],
        )
        self.assertIn("Cheque returned unpaid", deposit.message_ids[0].body)

        # The bank statement shows the returned cheque: it matches the reversal.
        returned_st_line = self.create_statement_line(-1000.0, "Returned cheque CHQ-001")
        reversal_bank_line = self.bank_side_lines(reversal)
        self.match_statement_line(returned_st_line, reversal_bank_line)
        self.assertTrue(reversal_bank_line.reconciled)
        self.assertTrue(returned_st_line.is_reconciled)
        self.assertEqual(deposit.state, "reversed")
        self.assertEqual(deposit.payment_id.state, "rejected")
        self.assertAlmostEqual(self.deposit_account_balance(), 0.0)

    def test_reverse_bounced_before_bank_match(self):
        deposit = self.create_deposit(amount=500.0)
        receipt = deposit.payment_id.move_id
        deposit.reverse(reason="NSF", bounced=True)
        reversal = receipt.reversal_move_ids
        # Both bank-side items stay open: one for the cheque, one for its return.
        self.assertRecordValues(
            self.bank_side_lines(receipt) + self.bank_side_lines(reversal),
            [
                {"debit": 500.0, "credit": 0.0, "reconciled": False},
                {"debit": 0.0, "credit": 500.0, "reconciled": False},
            ],
        )
        self.assertTrue(self.deposit_lines(reversal).reconciled)
        self.assertEqual(deposit.state, "reversed")

    def test_reverse_after_refund_or_forfeit_refused(self):
        refunded = self.create_deposit(amount=100.0)
        refunded.refund(amount=10.0)
        with self.assertRefusedWithoutWrites(UserError, "Unapply it"):
            refunded.reverse(reason="x")
        with self.assertRefusedWithoutWrites(UserError, "Unapply it"):
            refunded.reverse(reason="x", bounced=True)
        forfeited = self.create_deposit(amount=100.0)
        forfeited.forfeit(amount=10.0)
        with self.assertRefusedWithoutWrites(UserError, "Unapply it"):
            forfeited.reverse(reason="x")
        self.assertEqual(forfeited.state, "partial_forfeit")

    def test_reverse_refused_before_deposit_date_and_on_draft(self):
        deposit = self.create_deposit(date=date(2021, 5, 1))
        with self.assertRefusedWithoutWrites(UserError, "before deposit"):
            deposit.reverse(reason="x", date=date(2021, 4, 30))
        draft = self.create_deposit(post=False)
        with self.assertRefusedWithoutWrites(UserError, "nothing to reverse"):
            draft.reverse(reason="x")

    def test_reverse_wizard(self):
        deposit = self.create_deposit(amount=75.0)
        wizard_form = Form(
            self.env["customer.deposit.reverse"].with_context(default_deposit_id=deposit.id)
        )
        wizard_form.reason = "Cheque returned"
        wizard_form.bounced = True
        wizard_form.save().action_reverse()
        self.assertEqual(deposit.state, "reversed")
        self.assertEqual(deposit.payment_id.state, "rejected")
