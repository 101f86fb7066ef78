# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import CustomerDepositCommon


@tagged("post_install", "-at_install")
class TestApply(CustomerDepositCommon):
    def test_full_application(self):
        deposit = self.create_deposit(amount=1000.0)
        invoice = self.create_invoice(amount=1000.0)
        application = deposit.apply_to_invoice(invoice)

        transfer = application.move_id
        self.assertRecordValues(
            transfer,
            [
                {
                    "state": "posted",
                    "journal_id": self.company.deposit_journal_id.id,
                    "deposit_id": deposit.id,
                    "deposit_move_kind": "apply",
                    "origin_payment_id": False,
                }
            ],
        )
        self.assertRecordValues(
            transfer.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.receivable.id,
                    "partner_id": self.customer.id,
                    "debit": 0.0,
                    "credit": 1000.0,
                    "amount_currency": -1000.0,
                    "currency_id": self.company.currency_id.id,
                    "reconciled": True,
                },
                {
                    "account_id": self.deposit_account.id,
                    "partner_id": self.customer.id,
                    "debit": 1000.0,
                    "credit": 0.0,
                    "amount_currency": 1000.0,
                    "currency_id": self.company.currency_id.id,
                    "reconciled": True,
                },
            ],
        )
        for line in transfer.line_ids:
            self.assertIn(deposit.name, line.name)
            self.assertIn(invoice.name, line.name)
        self.assertEqual(invoice.payment_state, "paid")
        self.assertIn(
            transfer.id, [v["move_id"] for v in invoice.invoice_payments_widget["content"]]
        )
        self.assertRecordValues(
            deposit,
            [
                {
                    "state": "applied",
                    "amount_applied": 1000.0,
                    "amount_residual": 0.0,
                }
            ],
        )
        self.assertRecordValues(
            application,
            [
                {
                    "state": "applied",
                    "amount": 1000.0,
                    "amount_invoice_currency": 1000.0,
                    "invoice_id": invoice.id,
                }
            ],
        )
        self.assertAlmostEqual(self.deposit_account_balance(), 0.0)

    def test_partial_application_and_rest(self):
        deposit = self.create_deposit(amount=1000.0)
        invoice = self.create_invoice(amount=1500.0)
        deposit.apply_to_invoice(invoice, amount=400.0)
        self.assertRecordValues(
            deposit,
            [
                {
                    "state": "partial",
                    "amount_applied": 400.0,
                    "amount_residual": 600.0,
                }
            ],
        )
        self.assertEqual(invoice.payment_state, "partial")
        self.assertAlmostEqual(invoice.amount_residual, 1100.0)
        self.assertLedgerTied()
        # None = as much as both allow: the deposit's 600 left.
        deposit.apply_to_invoice(invoice.id)
        self.assertRecordValues(deposit, [{"state": "applied", "amount_residual": 0.0}])
        self.assertAlmostEqual(invoice.amount_residual, 500.0)
        self.assertEqual(len(deposit.application_ids), 2)
        self.assertLedgerTied()

    def test_deposit_larger_than_invoice(self):
        deposit = self.create_deposit(amount=1000.0)
        invoice = self.create_invoice(amount=300.0)
        application = deposit.apply_to_invoice(invoice)
        self.assertAlmostEqual(application.amount, 300.0)
        self.assertEqual(invoice.payment_state, "paid")
        self.assertAlmostEqual(deposit.amount_residual, 700.0)

    def test_wizard_several_deposits_to_one_invoice(self):
        first = self.create_deposit(amount=300.0, date=date(2020, 1, 1))
        second = self.create_deposit(amount=500.0, date=date(2020, 2, 1))
        self.create_deposit(amount=50.0, partner=self.partner_b)  # another customer
        invoice = self.create_invoice(amount=700.0)
        action = invoice.action_open_deposit_apply_wizard()
        wizard = Form(self.env[action["res_model"]].with_context(**action["context"]))
        self.assertEqual(wizard.line_ids._records[0]["deposit_id"], first.id)
        self.assertEqual(len(wizard.line_ids._records), 2)
        self.assertEqual([r["amount"] for r in wizard.line_ids._records], [300.0, 400.0])
        wizard.save().action_apply()
        self.assertEqual(invoice.payment_state, "paid")
        self.assertRecordValues(
            first + second,
            [
                {"state": "applied", "amount_residual": 0.0},
                {"state": "partial", "amount_residual": 100.0},
            ],
        )
        self.assertEqual(invoice.deposit_application_ids.deposit_id, first + second)
        self.assertLedgerTied()

    def test_wizard_one_deposit_to_several_invoices(self):
        deposit = self.create_deposit(amount=1000.0)
        invoices = self.create_invoice(amount=600.0) + self.create_invoice(amount=600.0)
        action = deposit.action_open_apply_wizard()
        wizard = Form(self.env[action["res_model"]].with_context(**action["context"]))
        self.assertEqual(sorted(r["amount"] for r in wizard.line_ids._records), [400.0, 600.0])
        wizard.save().action_apply()
        self.assertEqual(sorted(invoices.mapped("payment_state")), ["paid", "partial"])
        self.assertAlmostEqual(sum(invoices.mapped("amount_residual")), 200.0)
        self.assertEqual(deposit.state, "applied")

    def test_apply_button_only_with_deposits(self):
        invoice = self.create_invoice(amount=100.0)
        self.assertFalse(invoice.deposit_available_ids)
        deposit = self.create_deposit(amount=100.0)
        invoice.invalidate_recordset(["deposit_available_ids"])
        self.assertEqual(invoice.deposit_available_ids, deposit)

    def test_unapply(self):
        deposit = self.create_deposit(amount=1000.0)
        invoice = self.create_invoice(amount=800.0)
        application = deposit.apply_to_invoice(invoice)
        application.action_unapply()

        self.assertEqual(application.state, "unapplied")
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
                    "account_id": self.deposit_account.id,
                    "debit": 0.0,
                    "credit": 800.0,
                    "partner_id": self.customer.id,
                    "reconciled": True,
                },
                {
                    "account_id": self.receivable.id,
                    "debit": 800.0,
                    "credit": 0.0,
                    "partner_id": self.customer.id,
                    "reconciled": True,
                },
            ],
        )
        self.assertEqual(invoice.payment_state, "not_paid")
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
        self.assertEqual(application.move_id.state, "posted")  # never deleted
        self.assertLedgerTied()
        with self.assertRaises(UserError):
            application.action_unapply()
        # The deposit can be applied again.
        deposit.apply_to_invoice(invoice)
        self.assertEqual(invoice.payment_state, "paid")

    def test_invoice_unreconcile_button_unapplies_the_deposit(self):
        deposit = self.create_deposit(amount=1000.0)
        invoice = self.create_invoice(amount=1000.0)
        application = deposit.apply_to_invoice(invoice)
        invoice_partial = invoice.line_ids.matched_credit_ids
        # Odoo's "Unreconcile" in the invoice's payments: the deposit is unapplied, so the
        # invoice and the deposit agree at once.
        invoice.js_remove_outstanding_partial(invoice_partial.id)
        self.assertEqual(invoice.payment_state, "not_paid")
        self.assertRecordValues(deposit, [{"state": "received", "amount_residual": 1000.0}])
        self.assertEqual(application.state, "unapplied")
        self.assertTrue(application.reversal_move_id)
        self.assertLedgerTied()
        # Unreconciling a deposit's items any other way is refused, nothing changed.
        application = deposit.apply_to_invoice(invoice)
        with self.assertRaisesRegex(UserError, "undone from the deposit"):
            invoice.line_ids.remove_move_reconcile()
        with self.assertRaisesRegex(UserError, "undone from the deposit"):
            invoice.line_ids.matched_credit_ids.unlink()
        with self.assertRaisesRegex(UserError, "undone from the deposit"):
            deposit._get_payment_lines().remove_move_reconcile()
        self.assertEqual(invoice.payment_state, "paid")
        self.assertRecordValues(deposit, [{"state": "applied", "amount_residual": 0.0}])
        self.assertLedgerTied()

    def test_convert_to_credit(self):
        deposit = self.create_deposit(amount=1000.0)
        deposit.apply_to_invoice(self.create_invoice(amount=700.0))
        move = deposit.convert_to_credit()
        self.assertRecordValues(move, [{"deposit_move_kind": "credit", "deposit_id": deposit.id}])
        self.assertRecordValues(
            move.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.receivable.id,
                    "partner_id": self.customer.id,
                    "debit": 0.0,
                    "credit": 300.0,
                    "reconciled": False,
                },
                {
                    "account_id": self.deposit_account.id,
                    "partner_id": self.customer.id,
                    "debit": 300.0,
                    "credit": 0.0,
                    "reconciled": True,
                },
            ],
        )
        self.assertRecordValues(
            deposit,
            [
                {
                    "state": "applied",
                    "amount_converted": 300.0,
                    "amount_residual": 0.0,
                }
            ],
        )
        # The credit settles the next invoice like any payment.
        invoice = self.create_invoice(amount=500.0)
        widget = invoice.invoice_outstanding_credits_debits_widget
        credit_line = move.line_ids.filtered(lambda line: line.account_id == self.receivable)
        self.assertIn(credit_line.id, [v["id"] for v in widget["content"]])
        invoice.js_assign_outstanding_line(credit_line.id)
        self.assertAlmostEqual(invoice.amount_residual, 200.0)
        self.assertLedgerTied()

    def test_foreign_deposit_applied_after_rate_moved(self):
        eur = self.other_currency
        self.env["res.currency.rate"].create(
            {
                "name": "2018-01-01",
                "rate": 2.5,
                "currency_id": eur.id,
                "company_id": self.company.id,
            }
        )
        deposit = self.create_deposit(amount=900.0, currency=eur, date=date(2017, 6, 1))  # 450
        invoice = self.create_invoice(amount=900.0, currency=eur, date=date(2018, 3, 1))  # 360
        application = deposit.apply_to_invoice(invoice, date=date(2018, 3, 1))
        self.assertRecordValues(
            application.move_id.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.receivable.id,
                    "debit": 0.0,
                    "credit": 360.0,
                    "amount_currency": -900.0,
                    "currency_id": eur.id,
                    "reconciled": True,
                },
                {
                    "account_id": self.deposit_account.id,
                    "debit": 360.0,
                    "credit": 0.0,
                    "amount_currency": 900.0,
                    "currency_id": eur.id,
                    "reconciled": True,
                },
            ],
        )
        self.assertEqual(invoice.payment_state, "paid")
        exchange = self.env["account.move"].search(
            [
                ("deposit_id", "=", deposit.id),
                ("deposit_move_kind", "=", "exchange"),
            ]
        )
        self.assertEqual(len(exchange), 1)
        self.assertEqual(exchange.journal_id, self.company.currency_exchange_journal_id)
        self.assertRecordValues(
            self.deposit_lines(exchange),
            [{"debit": 90.0, "credit": 0.0, "amount_currency": 0.0, "reconciled": True}],
        )
        self.assertRecordValues(
            deposit,
            [
                {
                    "state": "applied",
                    "amount_residual": 0.0,
                    "amount_residual_company": 0.0,
                }
            ],
        )
        self.assertAlmostEqual(self.deposit_account_balance(), 0.0)
        # Unapply reverses the exchange difference too.
        application.action_unapply(date=date(2018, 3, 2))
        self.assertRecordValues(
            deposit, [{"amount_residual": 900.0, "amount_residual_company": 450.0}]
        )
        self.assertAlmostEqual(self.deposit_account_balance(), -450.0)
        self.assertEqual(invoice.payment_state, "not_paid")

    def test_foreign_deposit_on_company_currency_invoice(self):
        eur = self.other_currency
        deposit = self.create_deposit(amount=500.0, currency=eur, date=date(2017, 6, 1))  # 250
        invoice = self.create_invoice(amount=200.0, date=date(2017, 7, 1))
        application = deposit.apply_to_invoice(invoice, date=date(2017, 7, 1))
        self.assertRecordValues(
            application,
            [
                {
                    "amount": 400.0,
                    "amount_invoice_currency": 200.0,
                    "amount_company": 200.0,
                    "rate": 0.5,
                }
            ],
        )
        self.assertRecordValues(
            application.move_id.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.receivable.id,
                    "debit": 0.0,
                    "credit": 200.0,
                    "amount_currency": -200.0,
                    "currency_id": self.company.currency_id.id,
                },
                {
                    "account_id": self.deposit_account.id,
                    "debit": 200.0,
                    "credit": 0.0,
                    "amount_currency": 400.0,
                    "currency_id": eur.id,
                },
            ],
        )
        self.assertEqual(invoice.payment_state, "paid")
        self.assertRecordValues(
            deposit, [{"amount_residual": 100.0, "amount_residual_company": 50.0}]
        )
        self.assertLedgerTied()

    def test_company_currency_deposit_on_foreign_invoice(self):
        eur = self.other_currency
        deposit = self.create_deposit(amount=1000.0, date=date(2017, 6, 1))
        invoice = self.create_invoice(amount=600.0, currency=eur, date=date(2017, 7, 1))  # 300
        application = deposit.apply_to_invoice(invoice, date=date(2017, 7, 1))
        self.assertRecordValues(application, [{"amount": 300.0, "amount_invoice_currency": 600.0}])
        self.assertEqual(invoice.payment_state, "paid")
        self.assertAlmostEqual(deposit.amount_residual, 700.0)
        self.assertLedgerTied()

    # ---- refusals -------------------------------------------------------

    def test_refuse_over_application(self):
        deposit = self.create_deposit(amount=500.0)
        invoice = self.create_invoice(amount=1000.0)
        with self.assertRefusedWithoutWrites(UserError, "only"):
            deposit.apply_to_invoice(invoice, amount=600.0)
        small = self.create_invoice(amount=100.0)
        with self.assertRefusedWithoutWrites(UserError, "owes only"):
            deposit.apply_to_invoice(small, amount=150.0)
        with self.assertRefusedWithoutWrites(UserError, "greater than zero"):
            deposit.apply_to_invoice(small, amount=0.0)
        with self.assertRefusedWithoutWrites(UserError, "greater than zero"):
            deposit.apply_to_invoice(small, amount=-5.0)
        with self.assertRefusedWithoutWrites(UserError, "decimals"):
            deposit.apply_to_invoice(small, amount=10.001)
        self.assertEqual(deposit.state, "received")

    def test_refuse_wrong_invoice(self):
        deposit = self.create_deposit(amount=500.0)
        partner_b_invoice = self.create_invoice(partner=self.partner_b)
        with self.assertRefusedWithoutWrites(UserError, "only pays its own customer's invoices"):
            deposit.apply_to_invoice(partner_b_invoice)
        draft = self.create_invoice(post=False)
        with self.assertRefusedWithoutWrites(UserError, "not posted"):
            deposit.apply_to_invoice(draft)
        cancelled = self.create_invoice(post=False)
        cancelled.button_cancel()
        with self.assertRefusedWithoutWrites(UserError, "not posted"):
            deposit.apply_to_invoice(cancelled)
        refund = self.init_invoice("out_refund", partner=self.customer, amounts=[100.0], post=True)
        with self.assertRefusedWithoutWrites(UserError, "not a customer invoice"):
            deposit.apply_to_invoice(refund)
        paid = self.create_invoice(amount=100.0)
        deposit.apply_to_invoice(paid)
        with self.assertRefusedWithoutWrites(UserError, "nothing left to pay"):
            deposit.apply_to_invoice(paid)
        with self.assertRefusedWithoutWrites(UserError, "does not exist"):
            deposit.apply_to_invoice(999999999)

    def test_refuse_other_company_invoice(self):
        other = self.setup_other_company(name="Apply Co B")
        deposit = self.create_deposit(amount=500.0)
        invoice = self.init_invoice(
            "out_invoice",
            partner=self.customer,
            amounts=[100.0],
            post=True,
            company=other["company"],
        )
        with self.assertRefusedWithoutWrites(UserError, "another company"):
            deposit.apply_to_invoice(invoice)

    def test_refuse_draft_deposit_and_used_deposit(self):
        invoice = self.create_invoice(amount=100.0)
        draft = self.create_deposit(post=False)
        with self.assertRefusedWithoutWrites(UserError, "only a posted deposit"):
            draft.apply_to_invoice(invoice)
        used = self.create_deposit(amount=50.0)
        used.apply_to_invoice(invoice)
        another = self.create_invoice(amount=10.0)
        with self.assertRefusedWithoutWrites(UserError, "only a posted deposit"):
            used.apply_to_invoice(another)

    def test_refuse_locked_date(self):
        deposit = self.create_deposit(amount=500.0, date=date(2020, 1, 1))
        invoice = self.create_invoice(amount=100.0, date=date(2020, 1, 1))
        self.company.fiscalyear_lock_date = date(2020, 12, 31)
        with self.assertRefusedWithoutWrites(UserError, "locked period"):
            deposit.apply_to_invoice(invoice, date=date(2020, 6, 1))
        application = deposit.apply_to_invoice(invoice, date=date(2021, 1, 5))
        self.company.fiscalyear_lock_date = date(2021, 1, 31)
        with self.assertRefusedWithoutWrites(UserError, "locked period"):
            application.action_unapply(date=date(2021, 1, 20))
        with self.assertRefusedWithoutWrites(UserError, "before"):
            application.action_unapply(date=date(2021, 1, 4))
        with self.assertRefusedWithoutWrites(UserError, "locked period"):
            deposit.convert_to_credit(date=date(2021, 1, 20))

    def test_invoice_report_shows_deposit_applied(self):
        deposit = self.create_deposit(amount=400.0)
        invoice = self.create_invoice(amount=1000.0)
        deposit.apply_to_invoice(invoice)
        for report in ("account.account_invoices_without_payment", "account.account_invoices"):
            html = self.env["ir.actions.report"]._render_qweb_html(report, invoice.ids)[0]
            html = html.decode()
            self.assertIn("Deposit applied", html, report)
            self.assertIn(deposit.name, html, report)
            self.assertIn("600.00", html, report)

    def test_invoice_pdf_without_payment_ignores_regular_payments(self):
        """The variant that hides payments takes off the deposits only: Total 1,000,
        deposit -400, Net Amount Due 600, even when a regular payment of 100 was made."""
        deposit = self.create_deposit(amount=400.0)
        invoice = self.create_invoice(amount=1000.0)
        deposit.apply_to_invoice(invoice)
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"amount": 100.0})._create_payments()
        self.assertEqual(invoice.amount_residual, 500.0)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("account.account_invoices_without_payment", invoice.ids)[0]
            .decode()
        )
        net = html[html.index("Net Amount Due") :]
        self.assertIn("600.00", net[:400])
        self.assertNotIn("500.00", net[:400])


@tagged("post_install", "-at_install")
class TestAutoApply(CustomerDepositCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product_a.invoice_policy = "order"

    def _deposit_for(self, order, amount, **vals):
        return self.create_deposit(amount=amount, sale_order_id=order.id, **vals)

    def test_always(self):
        self.company.deposit_auto_apply = "always"
        order = self.create_order(1000.0, confirm=True)
        older = self._deposit_for(order, 300.0, date=date(2020, 1, 1))
        newer = self._deposit_for(order, 900.0, date=date(2020, 2, 1))
        unlinked = self.create_deposit(amount=100.0)
        invoice = order._create_invoices()
        invoice.action_post()
        self.assertEqual(invoice.payment_state, "paid")
        self.assertRecordValues(
            older + newer + unlinked,
            [
                {"state": "applied", "amount_residual": 0.0},
                {"state": "partial", "amount_residual": 200.0},
                {"state": "received", "amount_residual": 100.0},
            ],
        )

    def test_ask(self):
        self.company.deposit_auto_apply = "ask"
        order = self.create_order(1000.0, confirm=True)
        deposit = self._deposit_for(order, 300.0)
        invoice = order._create_invoices()
        invoice.action_post()
        self.assertEqual(invoice.payment_state, "not_paid")
        self.assertEqual(invoice.deposit_order_available_ids, deposit)
        action = invoice.action_open_deposit_apply_wizard()
        Form(self.env[action["res_model"]].with_context(**action["context"])).save().action_apply()
        self.assertEqual(deposit.state, "applied")
        self.assertAlmostEqual(invoice.amount_residual, 700.0)

    def test_never(self):
        self.company.deposit_auto_apply = "never"
        order = self.create_order(1000.0, confirm=True)
        deposit = self._deposit_for(order, 300.0)
        invoice = order._create_invoices()
        invoice.action_post()
        self.assertEqual(invoice.payment_state, "not_paid")
        self.assertFalse(invoice.deposit_order_available_ids)
        self.assertEqual(invoice.deposit_available_ids, deposit)  # manual apply still possible
        self.assertEqual(deposit.state, "received")

    def test_always_batch_posting(self):
        self.company.deposit_auto_apply = "always"
        orders = (
            self.create_order(500.0, confirm=True)
            + self.create_order(700.0, confirm=True)
            + self.create_order(200.0, partner=self.partner_b, confirm=True)
        )
        deposits = (
            self._deposit_for(orders[0], 500.0)
            + self._deposit_for(orders[1], 300.0)
            + self._deposit_for(orders[2], 250.0, partner=self.partner_b)
        )
        invoices = self.env["account.move"].concat(*(order._create_invoices() for order in orders))
        self.assertEqual(len(invoices), 3)
        invoices.action_post()
        by_order = {inv.invoice_line_ids.sale_line_ids.order_id: inv for inv in invoices}
        self.assertEqual(by_order[orders[0]].payment_state, "paid")
        self.assertAlmostEqual(by_order[orders[1]].amount_residual, 400.0)
        self.assertEqual(by_order[orders[2]].payment_state, "paid")
        self.assertEqual(deposits.mapped("state"), ["applied", "applied", "partial"])
        self.assertLedgerTied()

    def test_always_ignores_other_orders_deposits(self):
        self.company.deposit_auto_apply = "always"
        order = self.create_order(1000.0, confirm=True)
        other_order = self.create_order(800.0, confirm=True)
        deposit = self._deposit_for(other_order, 300.0)
        invoice = order._create_invoices()
        invoice.action_post()
        self.assertEqual(deposit.state, "received")
        self.assertEqual(invoice.payment_state, "not_paid")
