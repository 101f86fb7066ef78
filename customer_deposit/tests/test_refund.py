# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import CustomerDepositCommon


@tagged("post_install", "-at_install")
class TestDepositRefund(CustomerDepositCommon):
    """Refund: the unapplied balance, or part of it, paid back to the customer."""

    # After every test the deposits' balances are still the liability account's balance.
    ledger_tied_after_each_test = True

    def test_refund_full(self):
        deposit = self.create_deposit(amount=1000.0)
        payment = deposit.refund()

        self.assertRecordValues(
            payment,
            [
                {
                    "payment_type": "outbound",
                    "partner_type": "customer",
                    "partner_id": self.customer.id,
                    "amount": 1000.0,
                    "deposit_id": deposit.id,
                    "destination_account_id": self.deposit_account.id,
                    "state": "in_process",
                }
            ],
        )
        self.assertRecordValues(
            payment.move_id,
            [
                {
                    "state": "posted",
                    "deposit_id": deposit.id,
                    "deposit_move_kind": "refund",
                }
            ],
        )
        self.assertRecordValues(
            payment.move_id.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.outstanding_payments.id,
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
        self.assertTrue(self.deposit_lines(deposit.payment_id.move_id).reconciled)
        self.assertRecordValues(
            deposit,
            [
                {
                    "state": "refunded",
                    "amount_refunded": 1000.0,
                    "amount_residual": 0.0,
                    "amount_residual_company": 0.0,
                }
            ],
        )
        self.assertAlmostEqual(self.deposit_account_balance(), 0.0)
        self.assertIn(payment.name, deposit.message_ids[0].body)

    def test_refund_partial_then_rest(self):
        deposit = self.create_deposit(amount=1000.0)
        first = deposit.refund(amount=300.0)
        self.assertRecordValues(
            self.deposit_lines(first.move_id),
            [
                {
                    "debit": 300.0,
                    "amount_currency": 300.0,
                    "reconciled": True,
                }
            ],
        )
        self.assertRecordValues(
            self.deposit_lines(deposit.payment_id.move_id),
            [
                {
                    "credit": 1000.0,
                    "amount_residual": -700.0,
                    "reconciled": False,
                }
            ],
        )
        self.assertRecordValues(
            deposit,
            [
                {
                    "state": "partial_refund",
                    "amount_refunded": 300.0,
                    "amount_residual": 700.0,
                }
            ],
        )
        self.assertAlmostEqual(self.deposit_account_balance(), -700.0)

        second = deposit.refund()
        self.assertEqual(second.amount, 700.0)
        self.assertRecordValues(
            deposit,
            [
                {
                    "state": "refunded",
                    "amount_refunded": 1000.0,
                    "amount_residual": 0.0,
                }
            ],
        )

    def test_refund_foreign_currency(self):
        # 2.0 EUR per company unit from 2017.
        deposit = self.create_deposit(
            amount=900.0, currency=self.other_currency, date=date(2017, 6, 1)
        )
        payment = deposit.refund(amount=400.0, date=date(2017, 7, 1))
        self.assertRecordValues(
            payment.move_id.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.outstanding_payments.id,
                    "partner_id": self.customer.id,
                    "debit": 0.0,
                    "credit": 200.0,
                    "amount_currency": -400.0,
                    "currency_id": self.other_currency.id,
                    "reconciled": False,
                },
                {
                    "account_id": self.deposit_account.id,
                    "partner_id": self.customer.id,
                    "debit": 200.0,
                    "credit": 0.0,
                    "amount_currency": 400.0,
                    "currency_id": self.other_currency.id,
                    "reconciled": True,
                },
            ],
        )
        self.assertRecordValues(
            deposit,
            [
                {
                    "state": "partial_refund",
                    "amount_refunded": 400.0,
                    "amount_residual": 500.0,
                    "amount_residual_company": 250.0,
                }
            ],
        )

    def test_refund_foreign_currency_after_rate_change(self):
        # Received at 3.0 EUR per unit (2016), refunded at 2.0 (2017): the engine books the
        # exchange difference, on the deposit.
        deposit = self.create_deposit(
            amount=900.0, currency=self.other_currency, date=date(2016, 6, 1)
        )
        payment = deposit.refund(date=date(2017, 6, 1))
        self.assertRecordValues(
            self.deposit_lines(payment.move_id),
            [
                {
                    "debit": 450.0,
                    "amount_currency": 900.0,
                    "reconciled": True,
                }
            ],
        )
        exchange = self.deposit_lines(deposit.payment_id.move_id).matched_debit_ids.exchange_move_id
        self.assertRecordValues(
            exchange, [{"deposit_id": deposit.id, "deposit_move_kind": "exchange"}]
        )
        self.assertRecordValues(
            exchange.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.deposit_account.id,
                    "partner_id": self.customer.id,
                    "debit": 0.0,
                    "credit": 150.0,
                    "amount_currency": 0.0,
                    "currency_id": self.other_currency.id,
                    "reconciled": True,
                },
                {
                    "account_id": self.company.expense_currency_exchange_account_id.id,
                    "partner_id": self.customer.id,
                    "debit": 150.0,
                    "credit": 0.0,
                    "amount_currency": 0.0,
                    "currency_id": self.other_currency.id,
                    "reconciled": False,
                },
            ],
        )
        self.assertRecordValues(
            deposit,
            [
                {
                    "state": "refunded",
                    "amount_refunded": 900.0,
                    "amount_residual": 0.0,
                    "amount_residual_company": 0.0,
                }
            ],
        )
        self.assertAlmostEqual(self.deposit_account_balance(), 0.0)

    def test_refund_journal_method_and_memo(self):
        cash = self.company_data["default_journal_cash"]
        method = cash.outbound_payment_method_line_ids[:1]
        deposit = self.create_deposit(amount=100.0, date=date(2021, 3, 1))
        payment = deposit.refund(
            amount=40.0,
            journal=cash.id,
            payment_method_line=method.id,
            date=date(2021, 3, 4),
            memo="Back to customer",
        )
        self.assertRecordValues(
            payment,
            [
                {
                    "journal_id": cash.id,
                    "payment_method_line_id": method.id,
                    "date": date(2021, 3, 4),
                    "memo": "Back to customer",
                    "amount": 40.0,
                }
            ],
        )
        self.assertEqual(deposit.amount_residual, 60.0)

    def test_refund_more_than_balance_refused(self):
        deposit = self.create_deposit(amount=1000.0)
        deposit.refund(amount=600.0)
        with self.assertRefusedWithoutWrites(UserError, "400.00 is left"):
            deposit.refund(amount=400.01)
        with self.assertRefusedWithoutWrites(UserError, "greater than zero"):
            deposit.refund(amount=0.0)
        self.assertEqual(deposit.amount_residual, 400.0)
        deposit.refund()
        with self.assertRefusedWithoutWrites(UserError, "no unapplied balance"):
            deposit.refund()

    def test_refund_refused_on_draft_and_wrong_journal(self):
        draft = self.create_deposit(post=False)
        with self.assertRefusedWithoutWrites(UserError, "not a posted deposit"):
            draft.refund()
        deposit = self.create_deposit(amount=100.0)
        misc = self.company_data["default_journal_misc"]
        with self.assertRefusedWithoutWrites(UserError, "bank or cash journal"):
            deposit.refund(journal=misc)
        wrong_method = self.bank_journal.inbound_payment_method_line_ids[:1]
        with self.assertRefusedWithoutWrites(UserError, "outgoing payment method"):
            deposit.refund(payment_method_line=wrong_method)
        with self.assertRefusedWithoutWrites(UserError, "does not exist"):
            deposit.refund(journal=999999)

    def test_refund_wizard(self):
        deposit = self.create_deposit(amount=250.0)
        deposit.refund(amount=50.0)
        action = self.env.ref("customer_deposit.customer_deposit_refund_action")
        wizard_form = Form(
            self.env["customer.deposit.refund"].with_context(default_deposit_id=deposit.id)
        )
        self.assertEqual(wizard_form.amount, 200.0)
        self.assertEqual(wizard_form.journal_id, self.bank_journal)
        self.assertEqual(wizard_form.payment_method_line_id, self.outbound_payment_method_line)
        wizard_form.amount = 120.0
        wizard_form.memo = "Partial refund"
        result = wizard_form.save().action_refund()
        payment = self.env["account.payment"].browse(result["res_id"])
        self.assertRecordValues(payment, [{"amount": 120.0, "memo": "Partial refund"}])
        self.assertEqual(deposit.amount_residual, 80.0)
        self.assertEqual(
            action.groups_id,
            self.env.ref("account.group_account_user")
            | self.env.ref("account.group_account_manager"),
        )


@tagged("post_install", "-at_install")
class TestDepositRefundReverseForfeitGuards(CustomerDepositCommon):
    """What guards refund, reverse and forfeit alike: accountants only, open periods only."""

    # After every test the deposits' balances are still the liability account's balance.
    ledger_tied_after_each_test = True

    def test_billing_user_cannot_refund_reverse_forfeit(self):
        billing_user = self.create_role_user("billing")
        deposit = self.create_deposit(amount=100.0).with_user(billing_user)
        with self.assertRefusedWithoutWrites(AccessError, "Only accountants"):
            deposit.refund()
        with self.assertRefusedWithoutWrites(AccessError, "Only accountants"):
            deposit.reverse(reason="x")
        with self.assertRefusedWithoutWrites(AccessError, "Only accountants"):
            deposit.forfeit()
        for model in (
            "customer.deposit.refund",
            "customer.deposit.reverse",
            "customer.deposit.forfeit",
        ):
            with self.assertRaises(AccessError):
                self.env[model].with_user(billing_user).create({"deposit_id": deposit.id})
        self.assertEqual(deposit.state, "received")

    def test_lock_dates_refused(self):
        deposit = self.create_deposit(amount=100.0, date=date(2019, 6, 1))
        self.company.fiscalyear_lock_date = date(2019, 12, 31)
        locked = date(2019, 12, 15)
        with self.assertRefusedWithoutWrites(UserError, "locked period"):
            deposit.refund(date=locked)
        with self.assertRefusedWithoutWrites(UserError, "locked period"):
            deposit.forfeit(date=locked)
        with self.assertRefusedWithoutWrites(UserError, "locked period"):
            deposit.reverse(reason="x", date=locked)
        with self.assertRefusedWithoutWrites(UserError, "locked period"):
            deposit.reverse(reason="x", bounced=True, date=locked)
        payment = deposit.refund(amount=10.0, date=date(2020, 1, 2))
        self.assertEqual(payment.move_id.date, date(2020, 1, 2))
