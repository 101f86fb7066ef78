# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CustomerDepositCommon


class ReportsCommon(CustomerDepositCommon):
    def run_report(self, as_of_date, company=None):
        """Run the Unapplied Deposits report; return the wizard (with its tie-out) and the
        lines by deposit date."""
        wizard = self.env["customer.deposit.unapplied.wizard"].create(
            {
                "as_of_date": as_of_date,
                "company_id": (company or self.company).id,
            }
        )
        action = wizard.action_open_report()
        lines = (
            self.env[action["res_model"]].with_context(**action["context"]).search(action["domain"])
        )
        return wizard, lines.sorted(lambda line: (line.deposit_date, line.deposit_id.id))

    def assert_balances(self, as_of_date, expected):
        """``expected``: [(deposit, balance in deposit currency, balance in company currency)]
        in deposit date order; the tie-out must show no difference."""
        wizard, lines = self.run_report(as_of_date)
        if expected:
            self.assertRecordValues(
                lines,
                [
                    {
                        "deposit_id": deposit.id,
                        "balance_currency": currency_amount,
                        "balance": amount,
                    }
                    for deposit, currency_amount, amount in expected
                ],
            )
        else:
            self.assertFalse(lines)
        total = sum(amount for _deposit, _currency_amount, amount in expected)
        self.assertRecordValues(
            wizard,
            [
                {
                    "report_total": total,
                    "account_balance": total,
                    "difference": 0.0,
                }
            ],
        )
        self.assertAlmostEqual(sum(lines.mapped("balance")), wizard.report_total)
        return wizard, lines


@tagged("post_install", "-at_install")
class TestUnappliedReport(ReportsCommon):
    def test_as_of_receipts_and_ageing(self):
        first = self.create_deposit(amount=1000.0, date=date(2017, 1, 10))
        second = self.create_deposit(amount=500.0, date=date(2017, 3, 1), partner=self.partner_b)

        wizard, lines = self.run_report(date(2017, 1, 9))
        self.assertFalse(lines)
        self.assertRecordValues(wizard, [{"report_total": 0.0, "account_balance": 0.0}])

        self.assert_balances(date(2017, 1, 31), [(first, 1000.0, 1000.0)])
        _wizard, lines = self.assert_balances(
            date(2017, 4, 15), [(first, 1000.0, 1000.0), (second, 500.0, 500.0)]
        )
        self.assertRecordValues(
            lines,
            [
                {
                    "partner_id": self.customer.id,
                    "deposit_date": date(2017, 1, 10),
                    "age_days": 95,
                    "age_bucket": "90_plus",
                    "amount_0_30": 0.0,
                    "amount_31_60": 0.0,
                    "amount_61_90": 0.0,
                    "amount_90_plus": 1000.0,
                },
                {
                    "partner_id": self.partner_b.id,
                    "deposit_date": date(2017, 3, 1),
                    "age_days": 45,
                    "age_bucket": "31_60",
                    "amount_0_30": 0.0,
                    "amount_31_60": 500.0,
                    "amount_61_90": 0.0,
                    "amount_90_plus": 0.0,
                },
            ],
        )
        # The lines export like any list (Odoo's own XLSX/CSV export reads export_data).
        rows = lines.export_data(["deposit_id", "partner_id", "balance"])["datas"]
        self.assertEqual(rows[0][0], first.name)

    def test_as_of_application_unapplied_later(self):
        deposit = self.create_deposit(amount=1000.0, date=date(2017, 1, 10))
        invoice = self.create_invoice(amount=400.0, date=date(2017, 2, 1))
        application = deposit.apply_to_invoice(invoice, date=date(2017, 2, 1))
        application.action_unapply(date=date(2017, 3, 1))
        # Today the application is undone: the reconciliation state shows the full balance...
        self.assertEqual(deposit.amount_residual, 1000.0)

        self.assert_balances(date(2017, 1, 31), [(deposit, 1000.0, 1000.0)])
        # ...but between the application and its reversal 400 were applied.
        self.assert_balances(date(2017, 2, 1), [(deposit, 600.0, 600.0)])
        self.assert_balances(date(2017, 2, 28), [(deposit, 600.0, 600.0)])
        self.assert_balances(date(2017, 3, 1), [(deposit, 1000.0, 1000.0)])
        # The same line (id = deposit) at two dates in one transaction keeps both figures.
        _wizard, before = self.run_report(date(2017, 2, 1))
        _wizard, after = self.run_report(date(2017, 3, 1))
        self.assertEqual((before.id, before.balance, after.balance), (after.id, 600.0, 1000.0))

    def test_as_of_fully_applied_drops_out(self):
        deposit = self.create_deposit(amount=1000.0, date=date(2017, 1, 10))
        invoice = self.create_invoice(amount=1500.0, date=date(2017, 2, 1))
        deposit.apply_to_invoice(invoice, date=date(2017, 2, 1))
        self.assert_balances(date(2017, 1, 31), [(deposit, 1000.0, 1000.0)])
        self.assert_balances(date(2017, 2, 1), [])

    def test_as_of_refund_forfeit_and_reversal(self):
        kept = self.create_deposit(amount=1000.0, date=date(2017, 1, 10))
        mistake = self.create_deposit(amount=800.0, date=date(2017, 1, 15))
        kept.refund(amount=300.0, date=date(2017, 2, 1))
        mistake.reverse(reason="Entered twice", date=date(2017, 2, 10))
        kept.forfeit(amount=200.0, date=date(2017, 3, 1))

        self.assert_balances(date(2017, 1, 31), [(kept, 1000.0, 1000.0), (mistake, 800.0, 800.0)])
        self.assert_balances(date(2017, 2, 5), [(kept, 700.0, 700.0), (mistake, 800.0, 800.0)])
        self.assert_balances(date(2017, 2, 20), [(kept, 700.0, 700.0)])
        self.assert_balances(date(2017, 3, 1), [(kept, 500.0, 500.0)])

    def test_tie_out_two_currencies(self):
        # 3.0 EUR per company unit in 2016, 2.0 from 2017.
        eur_2016 = self.create_deposit(
            amount=600.0, currency=self.other_currency, date=date(2016, 6, 1)
        )
        local = self.create_deposit(amount=1000.0, date=date(2017, 1, 10))
        eur_2017 = self.create_deposit(
            amount=300.0, currency=self.other_currency, date=date(2017, 1, 20)
        )
        self.assert_balances(date(2016, 12, 31), [(eur_2016, 600.0, 200.0)])
        self.assert_balances(
            date(2017, 2, 1),
            [
                (eur_2016, 600.0, 200.0),
                (local, 1000.0, 1000.0),
                (eur_2017, 300.0, 150.0),
            ],
        )
        wizard, lines = self.run_report(date(2017, 2, 1))
        self.assertEqual(lines[0].currency_id, self.other_currency)
        self.assertEqual(lines[0].company_currency_id, self.currency)

    def test_tie_out_foreign_application_with_exchange_difference(self):
        # Received at 3.0 (200.0), applied at 2.0: the engine books the exchange difference
        # on the deposit account; that entry belongs to the deposit, so the tie-out holds.
        deposit = self.create_deposit(
            amount=600.0, currency=self.other_currency, date=date(2016, 6, 1)
        )
        invoice = self.create_invoice(
            amount=300.0, currency=self.other_currency, date=date(2017, 2, 1)
        )
        deposit.apply_to_invoice(invoice, date=date(2017, 2, 1))
        exchange = self.env["account.move"].search(
            [
                ("deposit_id", "=", deposit.id),
                ("deposit_move_kind", "=", "exchange"),
            ]
        )
        # Odoo dates an exchange difference of a past period at the end of that period.
        self.assertEqual(exchange.date, date(2017, 2, 28))
        self.assert_balances(date(2017, 1, 31), [(deposit, 600.0, 200.0)])
        # Applied 300.0 EUR at 2.0 (150.0) before the difference is booked...
        self.assert_balances(date(2017, 2, 1), [(deposit, 300.0, 50.0)])
        # ...and after it the rest stands at its receipt rate.
        self.assert_balances(date(2017, 2, 28), [(deposit, 300.0, 100.0)])

    def test_tie_out_difference_from_manual_entry(self):
        deposit = self.create_deposit(amount=1000.0, date=date(2017, 1, 10))
        manual = self.create_manual_entry(250.0, date(2017, 2, 1))

        self.assert_balances(date(2017, 1, 31), [(deposit, 1000.0, 1000.0)])
        wizard, lines = self.run_report(date(2017, 2, 28))
        self.assertRecordValues(lines, [{"deposit_id": deposit.id, "balance": 1000.0}])
        self.assertRecordValues(
            wizard,
            [
                {
                    "report_total": 1000.0,
                    "account_balance": 1250.0,
                    "difference": 250.0,
                }
            ],
        )
        action = wizard.action_view_difference()
        items = self.env["account.move.line"].search(action["domain"])
        self.assertRecordValues(
            items,
            [
                {
                    "move_id": manual.id,
                    "account_id": self.deposit_account.id,
                    "credit": 250.0,
                }
            ],
        )

    def test_report_company_is_checked(self):
        other_company = self.setup_other_company(name="Not Mine")["company"]
        self.env.user.company_ids -= other_company
        wizard = self.env["customer.deposit.unapplied.wizard"].new(
            {
                "as_of_date": date(2017, 1, 1),
                "company_id": other_company.id,
            }
        )
        with self.assertRaises(UserError):
            wizard.action_open_report()

    def test_report_pdf(self):
        deposit = self.create_deposit(amount=1000.0, date=date(2017, 1, 10))
        self.create_manual_entry(250.0, date(2017, 2, 1))
        wizard = self.env["customer.deposit.unapplied.wizard"].create(
            {
                "as_of_date": date(2017, 2, 28),
                "company_id": self.company.id,
            }
        )
        action = wizard.with_context(discard_logo_check=True).action_print()
        self.assertEqual(action["report_name"], "customer_deposit.report_unapplied_deposits")
        html = str(
            self.env["ir.actions.report"]._render_qweb_html(
                "customer_deposit.action_report_unapplied_deposits", wizard.ids
            )[0]
        )
        self.assertIn(deposit.name, html)
        self.assertIn(self.customer.name, html)
        self.assertIn("Difference", html)
        self.assertIn("250.00", html)

    def test_query_count_independent_of_deposits(self):
        def vals_list(count):
            return [
                {
                    "partner_id": (self.customer if i % 2 else self.partner_b).id,
                    "amount": 100.0 + i,
                    "currency_id": self.currency.id,
                    "journal_id": self.bank_journal.id,
                    "payment_reference": f"CHQ-{i}",
                    "date": date(2017, 1, 1 + i % 28),
                }
                for i in range(count)
            ]

        def run():
            wizard = self.env["customer.deposit.unapplied.wizard"].create(
                {
                    "as_of_date": date(2017, 6, 30),
                    "company_id": self.company.id,
                }
            )
            action = wizard.action_open_report()
            # The wizard shows the tie-out: one more query.
            self.assertTrue(wizard.company_currency_id.is_zero(wizard.difference))
            # The list opened by the action: the totals by customer and the first page.
            Report = self.env[action["res_model"]].with_context(**action["context"])
            groups = Report.read_group(action["domain"], ["balance:sum"], ["partner_id"])
            self.assertEqual(len(groups), 2)
            page = Report.search_read(action["domain"], ["deposit_id", "balance"], limit=80)
            self.assertTrue(page)
            return wizard

        Deposit = self.env["customer.deposit"]
        Deposit.create(vals_list(10)).action_post()
        run()  # warm the caches
        self.env.invalidate_all()
        # 10 whatever the number of deposits (one of them reads the set of deposit accounts).
        with self.assertQueryCount(10):
            wizard = run()
        self.assertEqual(len(wizard._get_report_lines()), 10)

        Deposit.create(vals_list(190)).action_post()
        self.env.invalidate_all()
        with self.assertQueryCount(10):
            wizard = run()
        self.assertEqual(len(wizard._get_report_lines()), 200)
        self.assertAlmostEqual(
            wizard.report_total,
            sum(100.0 + i for i in range(10)) + sum(100.0 + i for i in range(190)),
        )


@tagged("post_install", "-at_install")
class TestReceiptReport(ReportsCommon):
    def render(self, report_ref, records, data=None):
        html, _format = self.env["ir.actions.report"]._render_qweb_html(
            report_ref, records.ids, data=data
        )
        return str(html)

    def test_receipt_renders(self):
        deposit = self.create_deposit(
            amount=1234.5,
            date=date(2017, 1, 10),
            payment_reference="CHQ-98765",
            payer_name="Jane Payer",
            payer_bank="First Bank",
            payer_branch="Main Street",
        )
        invoice = self.create_invoice(amount=234.5, date=date(2017, 2, 1))
        deposit.apply_to_invoice(invoice, date=date(2017, 2, 1))
        html = self.render("customer_deposit.action_report_deposit_receipt", deposit)
        words = deposit.currency_id.amount_to_text(1234.5)
        self.assertTrue(words)
        for expected in (
            deposit.name,
            words,
            self.customer.name,
            "Jane Payer",
            "First Bank",
            "Main Street",
            "CHQ-98765",
            deposit.payment_method_line_id.name,
            "1,234.50",  # received
            "234.50",  # applied
            "1,000.00",  # unapplied balance
        ):
            self.assertIn(expected, html)

    def test_receipt_of_draft_refused(self):
        deposit = self.create_deposit(post=False)
        with self.assertRaises(UserError):
            self.render("customer_deposit.action_report_deposit_receipt", deposit)
        with self.assertRaises(UserError):
            deposit.action_send_receipt()

    def test_receipts_from_order_and_customer(self):
        order = self.create_order(900.0)
        on_order = self.create_deposit(amount=300.0, sale_order_id=order.id)
        other = self.create_deposit(amount=200.0)
        self.create_deposit(amount=50.0, post=False)

        html = self.render("customer_deposit.action_report_deposit_receipt_sale_order", order)
        self.assertIn(on_order.name, html)
        self.assertIn(order.name, html)
        self.assertNotIn(other.name, html)

        html = self.render("customer_deposit.action_report_deposit_receipt_partner", self.customer)
        self.assertIn(on_order.name, html)
        self.assertIn(other.name, html)

        with self.assertRaises(UserError):
            self.render("customer_deposit.action_report_deposit_receipt_partner", self.partner_b)

    def test_send_receipt_by_email(self):
        deposit = self.create_deposit(amount=1000.0)
        action = deposit.action_send_receipt()
        self.assertEqual(action["res_model"], "mail.compose.message")
        composer = self.env["mail.compose.message"].with_context(**action["context"]).create({})
        self.assertIn(deposit.name, composer.subject)
        self.assertEqual(composer.partner_ids, self.customer)
        composer.action_send_mail()
        message = deposit.message_ids.filtered(lambda m: m.attachment_ids)[:1]
        self.assertTrue(message)
        self.assertIn(deposit.name.replace("/", "-"), message.attachment_ids.name)


@tagged("post_install", "-at_install")
class TestStatementReport(ReportsCommon):
    def test_statement_running_balance(self):
        first = self.create_deposit(amount=1000.0, date=date(2017, 1, 10))
        second = self.create_deposit(amount=500.0, date=date(2017, 2, 5))
        refund = first.refund(amount=200.0, date=date(2017, 2, 15))
        invoice = self.create_invoice(amount=100.0, date=date(2017, 2, 20))
        application = second.apply_to_invoice(invoice, date=date(2017, 2, 20))
        # Outside the period and another customer's: not on the statement.
        self.create_deposit(amount=70.0, date=date(2017, 3, 5))
        self.create_deposit(amount=90.0, date=date(2017, 2, 6), partner=self.partner_b)

        wizard = (
            self.env["customer.deposit.statement.wizard"]
            .with_context(active_model="res.partner", active_ids=self.customer.ids)
            .create({"date_from": date(2017, 2, 1), "date_to": date(2017, 2, 28)})
        )
        self.assertEqual(wizard.partner_ids, self.customer)
        action = wizard.with_context(discard_logo_check=True).action_print()
        data = action["data"]

        values = self.env["report.customer_deposit.report_deposit_statement"]._get_report_values(
            self.customer.ids, data=data
        )
        self.assertEqual(values["openings"][self.customer.id], 1000.0)
        rows = values["lines"][self.customer.id]
        self.assertEqual(
            [
                (row["move_name"], row["kind"], row["credit"], row["debit"], row["balance"])
                for row in rows
            ],
            [
                (second.payment_id.move_id.name, "receipt", 500.0, 0.0, 1500.0),
                (refund.move_id.name, "refund", 0.0, 200.0, 1300.0),
                (application.move_id.name, "apply", 0.0, 100.0, 1200.0),
            ],
        )

        html, _format = self.env["ir.actions.report"]._render_qweb_html(
            "customer_deposit.action_report_deposit_statement", self.customer.ids, data=data
        )
        html = str(html)
        for expected in (
            self.customer.name,
            first.name,
            second.name,
            "1,200.00",
            "Opening balance",
        ):
            self.assertIn(expected, html)
        self.assertNotIn(self.partner_b.name, html)

    def test_statement_refuses_inverted_period(self):
        with self.assertRaises(UserError):
            self.env["customer.deposit.statement.wizard"].create(
                {
                    "partner_ids": [Command.set(self.customer.ids)],
                    "date_from": date(2017, 3, 1),
                    "date_to": date(2017, 2, 1),
                }
            )


@tagged("post_install", "-at_install")
class TestDepositEntries(ReportsCommon):
    def test_deposit_entries_grouped_by_deposit(self):
        deposit = self.create_deposit(amount=1000.0)
        invoice = self.create_invoice(amount=400.0)
        application = deposit.apply_to_invoice(invoice)
        other = self.create_deposit(amount=300.0)

        action = self.env["account.move.line"].action_view_deposit_entries()
        domain = action["domain"]
        groups = dict(
            self.env["account.move.line"]._read_group(
                domain + [("parent_state", "=", "posted")], ["deposit_id"], ["__count"]
            )
        )
        # Each deposit: its receipt's line on the deposit account (the bank side is in the
        # bank journal), and the application's whole entry.
        self.assertEqual(groups[other], 1)
        self.assertEqual(groups[deposit], 1 + len(application.move_id.line_ids))
        self.assertEqual(
            self.env["account.move.line"].search(domain + [("deposit_id", "=", deposit.id)]),
            self.deposit_lines(deposit.payment_id.move_id) | application.move_id.line_ids,
        )


@tagged("post_install", "-at_install")
class TestDepositAccounts(ReportsCommon):
    def test_changed_deposit_account_still_counted(self):
        """After the setting moves to a new account, the deposits booked on the old one are
        still held: the customer's Deposits Held, the statement, the report's tie-out and
        Deposit Entries all read the company's one set of deposit accounts."""
        old_deposit = self.create_deposit(amount=1000.0, date=date(2017, 1, 10))
        new_account = self.env["account.account"].create(
            {
                "name": "Customer Deposits (new)",
                "code": "DEPNEW",
                "account_type": "liability_current",
                "reconcile": True,
            }
        )
        self.company.deposit_account_id = new_account
        new_deposit = self.create_deposit(amount=300.0, date=date(2017, 1, 20))
        self.assertEqual(new_deposit.deposit_account_id, new_account)
        self.assertEqual(self.company._get_deposit_accounts(), self.deposit_account | new_account)

        self.customer.invalidate_recordset(["deposit_balance"])
        self.assertEqual(self.customer.deposit_balance, 1300.0)

        wizard, lines = self.run_report(date(2017, 1, 31))
        self.assertEqual(lines.deposit_id, old_deposit | new_deposit)
        self.assertRecordValues(
            wizard, [{"report_total": 1300.0, "account_balance": 1300.0, "difference": 0.0}]
        )

        values = self.env["report.customer_deposit.report_deposit_statement"]._get_report_values(
            self.customer.ids,
            data={
                "partner_ids": self.customer.ids,
                "date_from": "2017-01-15",
                "date_to": "2017-01-31",
            },
        )
        self.assertEqual(values["openings"][self.customer.id], 1000.0)
        self.assertEqual(values["lines"][self.customer.id][-1]["balance"], 1300.0)

        domain = self.env["account.move.line"].action_view_deposit_entries()["domain"]
        self.assertEqual(
            self.env["account.move.line"].search(domain).deposit_id, old_deposit | new_deposit
        )


@tagged("post_install", "-at_install")
class TestReportsAccess(ReportsCommon):
    def test_other_company_deposits_excluded(self):
        other = self.setup_other_company(name="Deposit Co R")
        mine = self.create_deposit(amount=1000.0, date=date(2017, 1, 10))
        theirs = (
            self.env["customer.deposit"]
            .with_company(other["company"])
            .create(
                {
                    "partner_id": self.customer.id,
                    "amount": 70.0,
                    "company_id": other["company"].id,
                    "journal_id": other["default_journal_bank"].id,
                    "payment_reference": "X",
                    "date": date(2017, 1, 12),
                }
            )
        )
        theirs.action_post()
        self.assert_balances(date(2017, 2, 1), [(mine, 1000.0, 1000.0)])
        wizard, lines = self.run_report(date(2017, 2, 1), company=other["company"])
        self.assertRecordValues(lines, [{"deposit_id": theirs.id, "balance": 70.0}])
        self.assertRecordValues(wizard, [{"account_balance": 70.0, "difference": 0.0}])

        # A user of the first company only neither runs the other company's report nor
        # reads its lines.
        user = self.create_role_user("readonly")
        with self.assertRaises(UserError):
            self.env["customer.deposit.unapplied.wizard"].with_user(user).create(
                {
                    "as_of_date": date(2017, 2, 1),
                    "company_id": other["company"].id,
                }
            ).action_open_report()
        with self.assertRaises(AccessError):
            lines.with_user(user).read(["balance"])

    def test_auditor_and_billing_user_run_reports(self):
        deposit = self.create_deposit(amount=1000.0, date=date(2017, 1, 10))
        auditor = self.create_role_user("readonly")
        billing = self.create_role_user("billing")
        for user in (auditor, billing):
            wizard = (
                self.env["customer.deposit.unapplied.wizard"]
                .with_user(user)
                .create(
                    {
                        "as_of_date": date(2017, 2, 1),
                        "company_id": self.company.id,
                    }
                )
            )
            action = wizard.action_open_report()
            lines = (
                self.env[action["res_model"]]
                .with_user(user)
                .with_context(**action["context"])
                .search(action["domain"])
            )
            self.assertRecordValues(lines, [{"deposit_id": deposit.id, "balance": 1000.0}])
            html, _format = (
                self.env["ir.actions.report"]
                .with_user(user)
                ._render_qweb_html("customer_deposit.action_report_deposit_receipt", deposit.ids)
            )
            self.assertIn(deposit.name, str(html))
        menu = self.env.ref("customer_deposit.menu_customer_deposit_reports")
        visible = self.env["ir.ui.menu"].with_user(auditor)._visible_menu_ids()
        self.assertIn(menu.id, visible)
