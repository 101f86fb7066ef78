# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""IFRIC 22 (company setting ``deposit_fx_treatment``): a foreign-currency deposit is
non-monetary. The part of an invoice (a bill) it covers is measured at the deposit's rate:
applying it books no exchange difference, the difference adjusts the invoice's revenue (the
bill's expense)."""

from datetime import date

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import CustomerDepositCommon, RpcMixin

REVENUE_LABEL = "IFRIC 22: revenue at the deposit's rate"
EXPENSE_LABEL = "IFRIC 22: expense at the deposit's rate"
# The days of the rates below.
DAY_125 = date(2019, 1, 15)  # 1 EUR = 1.25
DAY_333 = date(2019, 3, 15)  # 1 EUR = 3.3333...
DAY_200 = date(2019, 7, 1)  # 1 EUR = 2.00


@tagged("post_install", "-at_install")
class TestIfric22(CustomerDepositCommon):
    ledger_tied_after_each_test = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Company-currency units per EUR: 1.25, then 3.3333..., then 2.00.
        cls.eur = cls.setup_other_currency(
            "EUR", rates=[("2019-01-01", 0.8), ("2019-03-01", 0.3), ("2019-06-01", 0.5)]
        )
        cls.company.deposit_fx_treatment = "ifric22"

    def product_lines(self, move):
        return move.line_ids.filtered(lambda line: line.display_type == "product")

    def exchange_entries(self, deposit, invoice):
        """Every exchange difference booked for the deposit or the invoice."""
        partials = (
            self._partials(deposit.payment_id.move_id.line_ids)
            | self._partials(invoice.line_ids)
            | self.env["account.partial.reconcile"].search(
                [("exchange_move_id.deposit_id", "=", deposit.id)]
            )
        )
        return partials.exchange_move_id | self.env["account.move"].search(
            [("deposit_id", "=", deposit.id), ("deposit_move_kind", "=", "exchange")]
        )

    def adjustment_lines(self, application):
        """The application entry's lines off the deposit and receivable accounts."""
        return application.move_id.line_ids.filtered(
            lambda line: line.account_id not in (self.deposit_account | self.receivable)
        )

    def _partials(self, lines):
        return lines.matched_debit_ids | lines.matched_credit_ids

    def revenue_of(self, invoice, *entries):
        """The balance of the invoice's revenue (expense) accounts over the invoice and
        ``entries``."""
        accounts = self.product_lines(invoice).account_id
        lines = (invoice | self.env["account.move"].union(*entries)).line_ids
        return sum(lines.filtered(lambda line: line.account_id in accounts).mapped("balance"))

    def deposit_account_totals(self, account=None):
        """(balance, amount in currency) of the deposit account."""
        lines = self.env["account.move.line"].search(
            [
                ("account_id", "=", (account or self.deposit_account).id),
                ("parent_state", "=", "posted"),
                ("company_id", "=", self.company.id),
            ]
        )
        return (
            round(sum(lines.mapped("balance")), 2),
            round(sum(lines.mapped("amount_currency")), 2),
        )

    # ---- the issue's example --------------------------------------------

    def test_issue_example(self):
        """300 EUR received at 1.25 (375), invoice of 1,000 EUR at 2.00 (2,000 revenue):
        revenue 375 + 700 x 2.00 = 1,775, no exchange difference, the invoice owes 700 EUR,
        the deposit account is zero."""
        deposit = self.create_deposit(300.0, currency=self.eur, date=DAY_125)
        invoice = self.create_invoice(1000.0, currency=self.eur, date=DAY_200)
        application = deposit.apply_to_invoice(invoice, date=DAY_200)
        applied = f"Deposit {deposit.name} applied to {invoice.name}"
        self.assertRecordValues(
            application.move_id.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.receivable.id,
                    "partner_id": self.customer.id,
                    "name": applied,
                    "debit": 0.0,
                    "credit": 600.0,
                    "amount_currency": -300.0,
                    "currency_id": self.eur.id,
                    "reconciled": True,
                },
                {
                    "account_id": self.product_lines(invoice).account_id.id,
                    "partner_id": self.customer.id,
                    "name": REVENUE_LABEL,
                    "debit": 225.0,
                    "credit": 0.0,
                    "amount_currency": 225.0,
                    "currency_id": self.currency.id,
                    "reconciled": False,
                },
                {
                    "account_id": self.deposit_account.id,
                    "partner_id": self.customer.id,
                    "name": applied,
                    "debit": 375.0,
                    "credit": 0.0,
                    "amount_currency": 300.0,
                    "currency_id": self.eur.id,
                    "reconciled": True,
                },
            ],
        )
        self.assertFalse(self.exchange_entries(deposit, invoice))
        self.assertAlmostEqual(self.revenue_of(invoice, application.move_id), -1775.0)
        self.assertRecordValues(invoice, [{"amount_residual": 700.0, "payment_state": "partial"}])
        self.assertEqual(self.deposit_account_totals(), (0.0, 0.0))
        self.assertRecordValues(
            deposit,
            [
                {
                    "state": "applied",
                    "amount_applied": 300.0,
                    "amount_residual": 0.0,
                    "amount_residual_company": 0.0,
                }
            ],
        )
        self.assertRecordValues(
            application,
            [
                {
                    "amount": 300.0,
                    "amount_company": 375.0,
                    "amount_invoice_currency": 300.0,
                    "rate": 1.25,
                }
            ],
        )
        # The rest of the invoice is paid at its own rate: still no exchange difference.
        self.assertAlmostEqual(
            sum(invoice.line_ids.filtered("amount_residual").mapped("amount_residual")), 1400.0
        )
        self.assertLedgerTied()

    def test_unapply_restores_revenue(self):
        deposit = self.create_deposit(300.0, currency=self.eur, date=DAY_125)
        invoice = self.create_invoice(1000.0, currency=self.eur, date=DAY_200)
        application = deposit.apply_to_invoice(invoice, date=DAY_200)
        application.action_unapply(date=DAY_200)
        reversal = application.reversal_move_id
        self.assertRecordValues(
            reversal.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.deposit_account.id,
                    "name": f"Deposit {deposit.name} applied to {invoice.name}",
                    "balance": -375.0,
                    "amount_currency": -300.0,
                    "reconciled": True,
                },
                {
                    "account_id": self.product_lines(invoice).account_id.id,
                    "name": REVENUE_LABEL,
                    "balance": -225.0,
                    "amount_currency": -225.0,
                    "reconciled": False,
                },
                {
                    "account_id": self.receivable.id,
                    "name": f"Deposit {deposit.name} applied to {invoice.name}",
                    "balance": 600.0,
                    "amount_currency": 300.0,
                    "reconciled": True,
                },
            ],
        )
        self.assertAlmostEqual(self.revenue_of(invoice, application.move_id, reversal), -2000.0)
        self.assertRecordValues(invoice, [{"amount_residual": 1000.0, "payment_state": "not_paid"}])
        self.assertRecordValues(
            deposit,
            [{"state": "received", "amount_residual": 300.0, "amount_residual_company": 375.0}],
        )
        self.assertEqual(self.deposit_account_totals(), (-375.0, -300.0))
        self.assertFalse(self.exchange_entries(deposit, invoice))
        # Applied again after the undo: the same entry.
        again = deposit.apply_to_invoice(invoice, date=DAY_200)
        self.assertRecordValues(again, [{"amount": 300.0, "amount_company": 375.0}])
        self.assertAlmostEqual(
            self.revenue_of(invoice, application.move_id, reversal, again.move_id), -1775.0
        )

    def test_one_deposit_on_two_invoices(self):
        """100 EUR at 3.3333 (333.33) on two invoices at 2.00: the second application takes
        exactly what is left, so the deposit account ends at zero in both currencies."""
        deposit = self.create_deposit(100.0, currency=self.eur, date=DAY_333)
        self.assertAlmostEqual(deposit.amount_company, 333.33)
        first = self.create_invoice(40.0, currency=self.eur, date=DAY_200)  # 80.00
        second = self.create_invoice(90.0, currency=self.eur, date=DAY_200)  # 180.00
        application_1 = deposit.apply_to_invoice(first, date=DAY_200)  # settles it
        self.assertRecordValues(
            application_1.move_id.line_ids.sorted("balance"),
            [
                {"account_id": self.receivable.id, "balance": -80.0, "amount_currency": -40.0},
                {
                    "account_id": self.product_lines(first).account_id.id,
                    "balance": -53.33,
                    "amount_currency": -53.33,
                },
                {
                    "account_id": self.deposit_account.id,
                    "balance": 133.33,
                    "amount_currency": 40.0,
                },
            ],
        )
        self.assertEqual(self.adjustment_lines(application_1).mapped("name"), [REVENUE_LABEL])
        self.assertEqual(first.payment_state, "paid")
        self.assertAlmostEqual(self.revenue_of(first, application_1.move_id), -133.33)
        self.assertRecordValues(
            deposit,
            [{"state": "partial", "amount_residual": 60.0, "amount_residual_company": 200.0}],
        )
        application_2 = deposit.apply_to_invoice(second, date=DAY_200)  # uses up the deposit
        self.assertRecordValues(
            application_2.move_id.line_ids.sorted("balance"),
            [
                {"account_id": self.receivable.id, "balance": -120.0, "amount_currency": -60.0},
                {
                    "account_id": self.product_lines(second).account_id.id,
                    "balance": -80.0,
                    "amount_currency": -80.0,
                },
                {
                    "account_id": self.deposit_account.id,
                    "balance": 200.0,
                    "amount_currency": 60.0,
                },
            ],
        )
        self.assertRecordValues(second, [{"amount_residual": 30.0, "payment_state": "partial"}])
        self.assertAlmostEqual(self.revenue_of(second, application_2.move_id), -260.0)
        self.assertEqual(self.deposit_account_totals(), (0.0, 0.0))
        self.assertRecordValues(
            deposit,
            [{"state": "applied", "amount_residual": 0.0, "amount_residual_company": 0.0}],
        )
        self.assertFalse(self.exchange_entries(deposit, first | second))

    def test_foreign_deposit_on_company_currency_invoice(self):
        """Two currencies: 300 EUR at 1.25 (375) applied at 2.00 to an invoice in the
        company's currency covers 600.00 of it, measured at the deposit's 375."""
        deposit = self.create_deposit(300.0, currency=self.eur, date=DAY_125)
        invoice = self.create_invoice(1000.0, date=DAY_200)
        application = deposit.apply_to_invoice(invoice, date=DAY_200)
        self.assertRecordValues(
            application.move_id.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.receivable.id,
                    "balance": -600.0,
                    "amount_currency": -600.0,
                    "currency_id": self.currency.id,
                    "reconciled": True,
                },
                {
                    "account_id": self.product_lines(invoice).account_id.id,
                    "balance": 225.0,
                    "amount_currency": 225.0,
                    "currency_id": self.currency.id,
                    "reconciled": False,
                },
                {
                    "account_id": self.deposit_account.id,
                    "balance": 375.0,
                    "amount_currency": 300.0,
                    "currency_id": self.eur.id,
                    "reconciled": True,
                },
            ],
        )
        self.assertRecordValues(
            application,
            [{"amount": 300.0, "amount_company": 375.0, "amount_invoice_currency": 600.0}],
        )
        self.assertEqual(self.adjustment_lines(application).mapped("name"), [REVENUE_LABEL])
        self.assertAlmostEqual(invoice.amount_residual, 400.0)
        self.assertAlmostEqual(self.revenue_of(invoice, application.move_id), -775.0)
        self.assertEqual(self.deposit_account_totals(), (0.0, 0.0))
        self.assertFalse(self.exchange_entries(deposit, invoice))

    def test_invoice_in_a_third_currency(self):
        """300 EUR at 1.25 (375) on an invoice of 500 CHF at 4.00 (2,000): at the
        application date's rates the deposit covers 150 CHF, measured at 375."""
        chf = self.setup_other_currency("CHF", rates=[("2019-01-01", 0.25)])
        deposit = self.create_deposit(300.0, currency=self.eur, date=DAY_125)
        invoice = self.create_invoice(500.0, currency=chf, date=DAY_200)
        application = deposit.apply_to_invoice(invoice, date=DAY_200)
        self.assertRecordValues(
            application.move_id.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.receivable.id,
                    "balance": -600.0,
                    "amount_currency": -150.0,
                    "currency_id": chf.id,
                    "reconciled": True,
                },
                {
                    "account_id": self.product_lines(invoice).account_id.id,
                    "balance": 225.0,
                    "amount_currency": 225.0,
                    "currency_id": self.currency.id,
                    "reconciled": False,
                },
                {
                    "account_id": self.deposit_account.id,
                    "balance": 375.0,
                    "amount_currency": 300.0,
                    "currency_id": self.eur.id,
                    "reconciled": True,
                },
            ],
        )
        self.assertAlmostEqual(invoice.amount_residual, 350.0)
        self.assertAlmostEqual(self.revenue_of(invoice, application.move_id), -1775.0)
        self.assertEqual(self.deposit_account_totals(), (0.0, 0.0))
        self.assertFalse(self.exchange_entries(deposit, invoice))

    def test_company_currency_deposit_is_monetary(self):
        """A deposit in the company's currency has no rate of its own: the engine's
        exchange difference on the invoice's side, as without the setting."""
        deposit = self.create_deposit(600.0, date=DAY_125)
        invoice = self.create_invoice(1000.0, currency=self.eur, date=DAY_125)  # 1,250
        application = deposit.apply_to_invoice(invoice, date=DAY_200)  # 300 EUR at 2.00
        self.assertEqual(len(application.move_id.line_ids), 2)
        self.assertAlmostEqual(self.revenue_of(invoice, application.move_id), -1250.0)
        self.assertTrue(self.exchange_entries(deposit, invoice))

    def test_monetary_default_unchanged(self):
        """The default (monetary): the entry at the application date's rate, the deposit's
        revaluation in an exchange difference entry, the revenue untouched."""
        self.company.deposit_fx_treatment = "monetary"
        self.assertEqual(
            self.env["res.company"].create({"name": "New Co"}).deposit_fx_treatment, "monetary"
        )
        deposit = self.create_deposit(300.0, currency=self.eur, date=DAY_125)
        invoice = self.create_invoice(1000.0, currency=self.eur, date=DAY_200)
        application = deposit.apply_to_invoice(invoice, date=DAY_200)
        self.assertRecordValues(
            application.move_id.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.receivable.id,
                    "balance": -600.0,
                    "amount_currency": -300.0,
                    "reconciled": True,
                },
                {
                    "account_id": self.deposit_account.id,
                    "balance": 600.0,
                    "amount_currency": 300.0,
                    "reconciled": True,
                },
            ],
        )
        exchange = self.exchange_entries(deposit, invoice)
        self.assertEqual(len(exchange), 1)
        self.assertEqual(exchange.journal_id, self.company.currency_exchange_journal_id)
        self.assertRecordValues(
            self.deposit_lines(exchange),
            [{"debit": 0.0, "credit": 225.0, "amount_currency": 0.0, "reconciled": True}],
        )
        self.assertAlmostEqual(self.revenue_of(invoice, application.move_id), -2000.0)
        self.assertEqual(self.deposit_account_totals(), (0.0, 0.0))
        # Changing the setting changes future applications only.
        self.company.deposit_fx_treatment = "ifric22"
        self.assertEqual(len(application.move_id.line_ids), 2)
        self.assertEqual(self.exchange_entries(deposit, invoice), exchange)

    def test_vendor_deposit_on_bill(self):
        """The mirror: 100.01 EUR paid at 1.25 (125.01) to a bill of three expense lines of
        100 EUR at 2.00: Dr payable 200.02 / Cr vendor deposit 125.01 / Cr expense 75.01
        spread over the lines (the rounding cent on the largest, the first), with their
        analytic distribution."""
        plan = self.env["account.analytic.plan"].create({"name": "Projects"})
        project = self.env["account.analytic.account"].create(
            {"name": "Project X", "plan_id": plan.id}
        )
        deposit = self.create_vendor_deposit(100.01, currency=self.eur, date=DAY_125)
        bill = self.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": self.vendor.id,
                "invoice_date": DAY_200,
                "currency_id": self.eur.id,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": self.product_a.id,
                            "price_unit": 100.0,
                            "tax_ids": [Command.clear()],
                            "analytic_distribution": {str(project.id): 100},
                        }
                    ),
                    Command.create(
                        {"name": "Freight", "price_unit": 100.0, "tax_ids": [Command.clear()]}
                    ),
                    Command.create(
                        {"name": "Setup", "price_unit": 100.0, "tax_ids": [Command.clear()]}
                    ),
                ],
            }
        )
        bill.action_post()
        expense_lines = self.product_lines(bill)
        application = deposit.apply_to_invoice(bill, date=DAY_200)
        lines = application.move_id.line_ids
        self.assertRecordValues(
            lines.filtered(
                lambda line: line.account_id in (self.payable | self.vendor_deposit_account)
            ).sorted("balance"),
            [
                {
                    "account_id": self.vendor_deposit_account.id,
                    "balance": -125.01,
                    "amount_currency": -100.01,
                    "reconciled": True,
                },
                {
                    "account_id": self.payable.id,
                    "balance": 200.02,
                    "amount_currency": 100.01,
                    "reconciled": True,
                },
            ],
        )
        self.assertRecordValues(
            lines.filtered(lambda line: line.name == EXPENSE_LABEL).sorted("id"),
            [
                {
                    "account_id": expense_lines[0].account_id.id,
                    "partner_id": self.vendor.id,
                    "balance": -25.01,
                    "currency_id": self.currency.id,
                    "analytic_distribution": {str(project.id): 100},
                },
                {
                    "account_id": expense_lines[1].account_id.id,
                    "partner_id": self.vendor.id,
                    "balance": -25.0,
                    "currency_id": self.currency.id,
                    "analytic_distribution": False,
                },
                {
                    "account_id": expense_lines[2].account_id.id,
                    "partner_id": self.vendor.id,
                    "balance": -25.0,
                    "currency_id": self.currency.id,
                    "analytic_distribution": False,
                },
            ],
        )
        self.assertEqual(len(lines), 5)
        analytic_lines = self.env["account.analytic.line"].search(
            [("auto_account_id", "=", project.id)]
        )
        self.assertAlmostEqual(sum(analytic_lines.mapped("amount")), -200.0 + 25.01, places=2)
        # Expense: 125.01 for the 100.01 EUR paid ahead, 199.99 EUR at 2.00 for the rest.
        self.assertAlmostEqual(self.revenue_of(bill, application.move_id), 524.99)
        self.assertAlmostEqual(bill.amount_residual, 199.99)
        self.assertEqual(self.deposit_account_totals(self.vendor_deposit_account), (0.0, 0.0))
        self.assertFalse(self.exchange_entries(deposit, bill))
        application.action_unapply(date=DAY_200)
        self.assertAlmostEqual(
            self.revenue_of(bill, application.move_id, application.reversal_move_id), 600.0
        )
        self.assertRecordValues(
            deposit, [{"amount_residual": 100.01, "amount_residual_company": 125.01}]
        )

    def test_refused_without_revenue_to_measure(self):
        """An invoice whose product lines add up to nothing (a line and its discount, the tax
        on one of them) has no revenue to adjust: refused, nothing written."""
        deposit = self.create_deposit(300.0, currency=self.eur, date=DAY_125)
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customer.id,
                "invoice_date": DAY_200,
                "currency_id": self.eur.id,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Goods",
                            "price_unit": 100.0,
                            "tax_ids": [Command.set(self.tax_sale_a.ids)],
                        }
                    ),
                    Command.create(
                        {"name": "Discount", "price_unit": -100.0, "tax_ids": [Command.clear()]}
                    ),
                ],
            }
        )
        invoice.action_post()
        self.assertTrue(invoice.amount_residual)
        with self.assertRefusedWithoutWrites(UserError, "no revenue or expense lines"):
            deposit.apply_to_invoice(invoice, date=DAY_200)
        # With the engine's treatment the tax-only invoice is payable by the deposit.
        self.company.deposit_fx_treatment = "monetary"
        deposit.apply_to_invoice(invoice, date=DAY_200)
        self.assertEqual(invoice.payment_state, "paid")


@tagged("post_install", "-at_install")
class TestIfric22Setting(CustomerDepositCommon, HttpCase, RpcMixin):
    """The setting is the accountants': over the external API a billing user can neither
    save it in the settings dialog nor write it on the company."""

    @mute_logger("odoo.http", "odoo.addons.base.controllers.rpc", "odoo.models")
    def test_billing_user_cannot_change_it(self):
        self.setup_role_users("billing", "accountant")
        billing = self.users["billing"]
        calls = [
            ("customer.deposit.settings", "create", [{"deposit_fx_treatment": "ifric22"}]),
            ("res.company", "write", [[self.company.id], {"deposit_fx_treatment": "ifric22"}]),
        ]
        for protocol in ("xmlrpc", "jsonrpc"):
            uid = self.rpc_login(protocol, billing.login, billing.login)
            for model, method, args in calls:
                with self.subTest(protocol=protocol, call=f"{model}.{method}"):
                    before = self.ledger_snapshot()
                    done, error = self.rpc_execute(
                        protocol, uid, billing.login, model, method, args, {}
                    )
                    self.assertFalse(done, f"{model}.{method} accepted from a billing user")
                    self.assertTrue(error["clear"], error["detail"])
                    self.assertFalse(self.ledger_changes(before, self.ledger_snapshot()))
        self.assertEqual(self.company.deposit_fx_treatment, "monetary")
        # An accountant changes it in the dialog, over the API as on the screen.
        accountant = self.users["accountant"]
        uid = self.rpc_login("jsonrpc", accountant.login, accountant.login)
        done, wizard_id = self.rpc_execute(
            "jsonrpc",
            uid,
            accountant.login,
            "customer.deposit.settings",
            "create",
            [{"deposit_fx_treatment": "ifric22"}],
            {},
        )
        self.assertTrue(done, wizard_id)
        done, result = self.rpc_execute(
            "jsonrpc",
            uid,
            accountant.login,
            "customer.deposit.settings",
            "action_save",
            [[wizard_id]],
            {},
        )
        self.assertTrue(done, result)
        self.company.invalidate_recordset(["deposit_fx_treatment"])
        self.assertEqual(self.company.deposit_fx_treatment, "ifric22")
        settings = self.env["customer.deposit.settings"].with_user(accountant).create({})
        self.assertEqual(settings.deposit_fx_treatment, "ifric22")
