# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common import CustomerDepositCommon


class EndingsCommon(CustomerDepositCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.outstanding_payments = cls.outbound_payment_method_line.payment_account_id
        cls.forfeit_account = cls.company.deposit_forfeit_account_id
        cls.currency = cls.company.currency_id

    def tearDown(self):
        # After every scenario the deposits' balances are the liability account's balance.
        deposits = self.env["customer.deposit"].search([("company_id", "=", self.company.id)])
        self.assertAlmostEqual(
            sum(deposits.mapped("amount_residual_company")), -self.deposit_account_balance()
        )
        super().tearDown()

    def assert_refused(self, func, message_part=None, exception=UserError):
        counts = {
            model: self.env[model].search_count([])
            for model in ("account.move", "account.payment", "account.partial.reconcile")
        }
        with self.assertRaises(exception) as cm:
            func()
        if message_part:
            self.assertIn(message_part, str(cm.exception))
        for model, count in counts.items():
            self.assertEqual(self.env[model].search_count([]), count, model)

    def deposit_lines(self, move):
        return move.line_ids.filtered(lambda line: line.account_id == self.deposit_account)

    def bank_side_lines(self, move):
        return move.line_ids - self.deposit_lines(move)

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


@tagged("post_install", "-at_install")
class TestDepositRefund(EndingsCommon):
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
        self.assert_refused(lambda: deposit.refund(amount=400.01), "400.00 is left")
        self.assert_refused(lambda: deposit.refund(amount=0.0), "greater than zero")
        self.assertEqual(deposit.amount_residual, 400.0)
        deposit.refund()
        self.assert_refused(deposit.refund, "no unapplied balance")

    def test_refund_refused_on_draft_and_wrong_journal(self):
        draft = self.create_deposit(post=False)
        self.assert_refused(draft.refund, "not a posted deposit")
        deposit = self.create_deposit(amount=100.0)
        misc = self.company_data["default_journal_misc"]
        self.assert_refused(lambda: deposit.refund(journal=misc), "bank or cash journal")
        wrong_method = self.bank_journal.inbound_payment_method_line_ids[:1]
        self.assert_refused(
            lambda: deposit.refund(payment_method_line=wrong_method), "outgoing payment method"
        )
        self.assert_refused(lambda: deposit.refund(journal=999999), "does not exist")

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
class TestDepositReverse(EndingsCommon):
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
        self.assert_refused(deposit.reverse, "already reversed")
        self.assert_refused(deposit.refund, "not a posted deposit")

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
        self.assert_refused(lambda: deposit.reverse(reason="Oops"), "bounced cheque")
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
        self.assert_refused(lambda: deposit.reverse(reason="Oops"), "Undo that match first")
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
        self.assert_refused(lambda: refunded.reverse(reason="x"), "Unapply it")
        self.assert_refused(lambda: refunded.reverse(reason="x", bounced=True), "Unapply it")
        forfeited = self.create_deposit(amount=100.0)
        forfeited.forfeit(amount=10.0)
        self.assert_refused(lambda: forfeited.reverse(reason="x"), "Unapply it")
        self.assertEqual(forfeited.state, "partial_forfeit")

    def test_reverse_refused_before_deposit_date_and_on_draft(self):
        deposit = self.create_deposit(date=date(2021, 5, 1))
        self.assert_refused(
            lambda: deposit.reverse(reason="x", date=date(2021, 4, 30)), "before deposit"
        )
        draft = self.create_deposit(post=False)
        self.assert_refused(lambda: draft.reverse(reason="x"), "nothing to reverse")

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


@tagged("post_install", "-at_install")
class TestDepositForfeit(EndingsCommon):
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
        self.assert_refused(lambda: deposit.forfeit(amount=100.01), "100.00 is left")
        self.assert_refused(
            lambda: deposit.forfeit(account=self.receivable), "cannot receive a forfeited"
        )
        self.company.deposit_forfeit_account_id = False
        self.assert_refused(deposit.forfeit, "forfeited deposit income account")
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


@tagged("post_install", "-at_install")
class TestDepositEndingsGuards(EndingsCommon):
    def test_billing_user_cannot_refund_reverse_forfeit(self):
        billing_user = new_test_user(
            self.env,
            login="dep_endings_billing",
            groups="account.group_account_invoice",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        deposit = self.create_deposit(amount=100.0).with_user(billing_user)
        self.assert_refused(deposit.refund, "Only accountants", AccessError)
        self.assert_refused(lambda: deposit.reverse(reason="x"), "Only accountants", AccessError)
        self.assert_refused(deposit.forfeit, "Only accountants", AccessError)
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
        self.assert_refused(lambda: deposit.refund(date=locked), "locked period")
        self.assert_refused(lambda: deposit.forfeit(date=locked), "locked period")
        self.assert_refused(lambda: deposit.reverse(reason="x", date=locked), "locked period")
        self.assert_refused(
            lambda: deposit.reverse(reason="x", bounced=True, date=locked), "locked period"
        )
        payment = deposit.refund(amount=10.0, date=date(2020, 1, 2))
        self.assertEqual(payment.move_id.date, date(2020, 1, 2))


@tagged("post_install", "-at_install")
class TestDepositCancelledOrder(EndingsCommon):
    """Invoice paid by a deposit, then the order is cancelled: credit note, then refund the
    deposit or keep it as income (R21)."""

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
        self.assert_refused(lambda: deposit.reverse(reason="x"), "Unapply it")
        self.assert_refused(lambda: deposit.reverse(reason="x", bounced=True), "Unapply it")
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
        self.assert_refused(deposit.refund, "no unapplied balance")
