# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CustomerDepositCommon


@tagged("post_install", "-at_install")
class TestLifecycle(CustomerDepositCommon):
    def test_existing_companies_are_configured(self):
        """Every company with a chart got its deposit account and deposit journal (the
        post_init_hook for companies that existed at install, the chart hook for others)."""
        companies = self.env["res.company"].sudo().search([("chart_template", "!=", False)])
        self.assertTrue(companies)
        for company in companies:
            self.assertTrue(company.deposit_account_id, company.name)
            self.assertTrue(company.deposit_account_id.reconcile, company.name)
            self.assertEqual(company.deposit_account_id.account_type, "liability_current")
            self.assertEqual(company.deposit_journal_id.type, "general", company.name)

    def test_created_accounts_are_never_the_first_of_their_type(self):
        """Charts, reports and Odoo's own tests take the first accounts of a type (by code)
        as the default expense, deferred revenue, ... account (skipping some, such as the
        early payment discount accounts): each account the addon creates is numbered after
        the last of its type when it is created, never among the first."""
        Account = self.env["account.account"]
        fields_ = (
            "deposit_account_id",
            "deposit_forfeit_account_id",
            "vendor_deposit_account_id",
            "vendor_deposit_forfeit_account_id",
        )
        for field in fields_:
            account = self.company[field]
            self.assertTrue(account, field)
            of_type = Account.search(
                [
                    *Account._check_company_domain(self.company),
                    ("account_type", "=", account.account_type),
                    ("id", "<=", account.id),
                ],
                order="code",
            )
            # The last by code of those that existed when it was created.
            self.assertEqual(of_type[-1:], account, field)

    def test_uninstall_refused_with_posted_deposits(self):
        self.create_deposit(amount=10.0)
        module = self.env.ref("base.module_customer_deposit")
        sale = self.env.ref("base.module_sale")
        for target in (module, sale):  # directly, or by uninstalling a module it needs
            with self.assertRaisesRegex(UserError, "cannot be uninstalled"):
                target.button_uninstall()
            self.assertEqual(module.state, "installed")
