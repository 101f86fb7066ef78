# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import CustomerDepositCommon


@tagged("post_install", "-at_install")
class TestDepositForfeit(CustomerDepositCommon):
    """Forfeit: the unapplied balance, or part of it, kept as income."""

    # After every test the deposits' balances are still the liability account's balance.
    ledger_tied_after_each_test = True

    def test_forfeit_full(self):
        deposit = self.create_deposit(amount=1000.0)
        move = deposit.forfeit()
        self.assertRecordValues(
            move,
            [
                {
                    "state": "posted",
                    "journal_id": self.company.deposit_journal_id.id,
                    "deposit_id": deposit.id,
                    "deposit_move_kind": "forfeit",
                }
            ],
        )
        self.assertRecordValues(
            move.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.forfeit_account.id,
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
        self.assertRecordValues(
            deposit,
            [
                {
                    "state": "forfeited",
                    "amount_forfeited": 1000.0,
                    "amount_residual": 0.0,
                }
            ],
        )
        self.assertIn(move.name, deposit.message_ids[0].body)
        self.assertAlmostEqual(self.deposit_account_balance(), 0.0)

    def test_forfeit_partial_foreign_currency_other_account(self):
        income = self.company_data["default_account_revenue"]
        deposit = self.create_deposit(
            amount=900.0, currency=self.other_currency, date=date(2017, 6, 1)
        )
        move = deposit.forfeit(amount=300.0, account=income.id, date=date(2017, 8, 1))
        self.assertRecordValues(
            move.line_ids.sorted("balance"),
            [
                {
                    "account_id": income.id,
                    "partner_id": self.customer.id,
                    "debit": 0.0,
                    "credit": 150.0,
                    "amount_currency": -300.0,
                    "currency_id": self.other_currency.id,
                    "reconciled": False,
                },
                {
                    "account_id": self.deposit_account.id,
                    "partner_id": self.customer.id,
                    "debit": 150.0,
                    "credit": 0.0,
                    "amount_currency": 300.0,
                    "currency_id": self.other_currency.id,
                    "reconciled": True,
                },
            ],
        )
        self.assertRecordValues(
            deposit,
            [
                {
                    "state": "partial_forfeit",
                    "amount_forfeited": 300.0,
                    "amount_residual": 600.0,
                    "amount_residual_company": 300.0,
                }
            ],
        )
        # The rest can still be refunded.
        deposit.refund(date=date(2017, 8, 2))
        self.assertRecordValues(
            deposit,
            [
                {
                    "state": "refunded",
                    "amount_refunded": 600.0,
                    "amount_forfeited": 300.0,
                    "amount_residual": 0.0,
                }
            ],
        )

    def test_forfeit_refusals(self):
        deposit = self.create_deposit(amount=100.0)
        with self.assertRefusedWithoutWrites(UserError, "100.00 is left"):
            deposit.forfeit(amount=100.01)
        with self.assertRefusedWithoutWrites(UserError, "cannot receive a forfeited"):
            deposit.forfeit(account=self.receivable)
        self.company.deposit_forfeit_account_id = False
        with self.assertRefusedWithoutWrites(UserError, "forfeited deposit income account"):
            deposit.forfeit()
        self.assertEqual(deposit.state, "received")

    def test_forfeit_wizard(self):
        deposit = self.create_deposit(amount=90.0)
        wizard_form = Form(
            self.env["customer.deposit.forfeit"].with_context(default_deposit_id=deposit.id)
        )
        self.assertEqual(wizard_form.amount, 90.0)
        self.assertEqual(wizard_form.account_id, self.forfeit_account)
        wizard_form.amount = 30.0
        result = wizard_form.save().action_forfeit()
        move = self.env["account.move"].browse(result["res_id"])
        self.assertEqual(move.deposit_move_kind, "forfeit")
        self.assertEqual(deposit.amount_forfeited, 30.0)
