# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The reports on both sides: the unapplied deposits as of a date list customer and vendor
deposits with positive balances, each side tied to its own account (liability / asset);
the deposit statement of a vendor."""

from datetime import date

from lxml import etree

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import CustomerDepositCommon


@tagged("post_install", "-at_install")
class TestVendorUnappliedReport(CustomerDepositCommon):
    def run_report(self, as_of_date):
        wizard = self.env["customer.deposit.unapplied.wizard"].create(
            {"as_of_date": as_of_date, "company_id": self.company.id}
        )
        action = wizard.action_open_report()
        lines = (
            self.env[action["res_model"]].with_context(**action["context"]).search(action["domain"])
        )
        return wizard, lines.sorted(lambda line: (line.deposit_date, line.deposit_id.id))

    def test_both_sides_positive_and_tied_to_their_accounts(self):
        customer_deposit = self.create_deposit(amount=1000.0, date=date(2017, 1, 10))
        vendor_deposit = self.create_vendor_deposit(amount=800.0, date=date(2017, 1, 20))
        foreign = self.create_vendor_deposit(
            amount=300.0, currency=self.other_currency, date=date(2017, 2, 1)
        )  # 150.0 at 2.0
        customer_deposit.apply_to_invoice(
            self.create_invoice(amount=400.0, date=date(2017, 3, 1)), date=date(2017, 3, 1)
        )
        vendor_deposit.apply_to_invoice(
            self.create_bill(amount=300.0, date=date(2017, 3, 1)), date=date(2017, 3, 1)
        )

        wizard, lines = self.run_report(date(2017, 3, 31))
        self.assertRecordValues(
            lines,
            [
                {
                    "deposit_id": customer_deposit.id,
                    "partner_type": "customer",
                    "balance_currency": 600.0,
                    "balance": 600.0,
                },
                {
                    "deposit_id": vendor_deposit.id,
                    "partner_type": "supplier",
                    "balance_currency": 500.0,
                    "balance": 500.0,
                },
                {
                    "deposit_id": foreign.id,
                    "partner_type": "supplier",
                    "balance_currency": 300.0,
                    "balance": 150.0,
                },
            ],
        )
        self.assertRecordValues(
            wizard,
            [
                {
                    "report_total": 600.0,
                    "account_balance": 600.0,
                    "difference": 0.0,
                    "vendor_report_total": 650.0,
                    "vendor_account_balance": 650.0,
                    "vendor_difference": 0.0,
                }
            ],
        )
        self.assertAlmostEqual(-self.account_balance(self.deposit_account), 600.0)
        self.assertAlmostEqual(self.account_balance(self.vendor_deposit_account), 650.0)
        # Before the applications: the whole amounts (as of a date, not as of today).
        wizard, lines = self.run_report(date(2017, 2, 15))
        self.assertEqual(lines.mapped("balance"), [1000.0, 800.0, 150.0])
        self.assertRecordValues(wizard, [{"report_total": 1000.0, "vendor_report_total": 950.0}])

    def test_filters_and_groups_by_side(self):
        self.create_deposit(amount=100.0, date=date(2017, 1, 10))
        vendor_deposit = self.create_vendor_deposit(amount=200.0, date=date(2017, 1, 10))
        wizard, _lines = self.run_report(date(2017, 1, 31))
        action = wizard.action_open_report()
        Report = self.env[action["res_model"]].with_context(**action["context"])
        arch = etree.fromstring(Report.get_view(view_type="search")["arch"])
        domain = safe_eval(arch.xpath("//filter[@name='filter_supplier']")[0].get("domain"))
        self.assertEqual(Report.search(domain).deposit_id, vendor_deposit)
        self.assertEqual(
            Report.search([("partner_type", "=", "supplier")]).deposit_id, vendor_deposit
        )
        groups = Report.read_group([], ["balance:sum"], ["partner_type"])
        self.assertEqual(
            {group["partner_type"]: group["balance"] for group in groups},
            {"customer": 100.0, "supplier": 200.0},
        )
        list_arch = Report.get_view(view_type="list")["arch"]
        self.assertIn('name="partner_type"', list_arch)

    def test_difference_on_the_vendor_side_only(self):
        self.create_deposit(amount=100.0, date=date(2017, 1, 10))
        self.create_vendor_deposit(amount=1000.0, date=date(2017, 1, 10))
        manual = self.create_manual_entry(250.0, date(2017, 2, 1), self.vendor_deposit_account)
        wizard, _lines = self.run_report(date(2017, 2, 28))
        self.assertRecordValues(
            wizard,
            [
                {
                    "report_total": 100.0,
                    "account_balance": 100.0,
                    "difference": 0.0,
                    "vendor_report_total": 1000.0,
                    "vendor_account_balance": 1250.0,
                    "vendor_difference": 250.0,
                }
            ],
        )
        action = wizard.action_view_difference()
        self.assertEqual(
            self.env["account.move.line"].search(action["domain"]),
            manual.line_ids.filtered(lambda line: line.account_id == self.vendor_deposit_account),
        )
        html = str(
            self.env["ir.actions.report"]._render_qweb_html(
                "customer_deposit.action_report_unapplied_deposits", wizard.ids
            )[0]
        )
        for expected in ("Customer deposits", "Vendor deposits", "250.00", "1,250.00"):
            self.assertIn(expected, html)


@tagged("post_install", "-at_install")
class TestVendorStatement(CustomerDepositCommon):
    def test_vendor_statement(self):
        first = self.create_vendor_deposit(amount=1000.0, date=date(2017, 1, 10))
        second = self.create_vendor_deposit(amount=500.0, date=date(2017, 2, 5))
        refund = first.refund(amount=200.0, date=date(2017, 2, 15))
        application = second.apply_to_invoice(
            self.create_bill(amount=100.0, date=date(2017, 2, 20)), date=date(2017, 2, 20)
        )
        # The same partner's customer deposit: not on its vendor statement.
        customer_deposit = self.create_deposit(amount=70.0, date=date(2017, 2, 6))

        wizard = (
            self.env["customer.deposit.statement.wizard"]
            .with_context(
                active_model="res.partner",
                active_ids=self.vendor.ids,
                default_partner_type="supplier",
            )
            .create({"date_from": date(2017, 2, 1), "date_to": date(2017, 2, 28)})
        )
        self.assertEqual(wizard.partner_type, "supplier")
        data = wizard.with_context(discard_logo_check=True).action_print()["data"]
        self.assertEqual(data["partner_type"], "supplier")
        Statement = self.env["report.customer_deposit.report_deposit_statement"]
        values = Statement._get_report_values(self.vendor.ids, data=data)
        self.assertEqual(values["openings"][self.vendor.id], 1000.0)
        self.assertEqual(
            [
                (row["move_name"], row["kind"], row["received"], row["used"], row["balance"])
                for row in values["lines"][self.vendor.id]
            ],
            [
                (second.payment_id.move_id.name, "receipt", 500.0, 0.0, 1500.0),
                (refund.move_id.name, "refund", 0.0, 200.0, 1300.0),
                (application.move_id.name, "apply", 0.0, 100.0, 1200.0),
            ],
        )
        html = str(
            self.env["ir.actions.report"]._render_qweb_html(
                "customer_deposit.action_report_deposit_statement", self.vendor.ids, data=data
            )[0]
        )
        for expected in ("Vendor Deposit Statement", "Paid", "1,200.00", second.name):
            self.assertIn(expected, html)
        # (DEP/... is a part of VDEP/...: look for the whole number.)
        self.assertNotIn(f"<span>{customer_deposit.name}</span>", html)

        # The customer statement of the same partner shows its customer deposit only.
        values = Statement._get_report_values(
            self.vendor.ids, data={**data, "partner_type": "customer"}
        )
        self.assertEqual(
            [row["deposit_name"] for row in values["lines"][self.vendor.id]],
            [customer_deposit.name],
        )
        with self.assertRaises(UserError):
            Statement._get_report_values(self.vendor.ids, data={**data, "partner_type": "x"})
