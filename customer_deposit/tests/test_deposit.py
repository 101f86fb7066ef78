# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import CustomerDepositCommon


@tagged("post_install", "-at_install")
class TestDeposit(CustomerDepositCommon):
    def test_setup_creates_accounts_and_journal(self):
        company = self.company
        self.assertRecordValues(
            company.deposit_account_id,
            [
                {
                    "account_type": "liability_current",
                    "reconcile": True,
                }
            ],
        )
        self.assertEqual(company.deposit_journal_id.type, "general")
        self.assertIn(company.deposit_forfeit_account_id.account_type, ("income", "income_other"))
        # A company created later (with its own chart) gets its own set.
        other = self.setup_other_company(name="Deposit Co 2")["company"]
        self.assertTrue(other.deposit_account_id)
        self.assertNotEqual(other.deposit_account_id, company.deposit_account_id)
        self.assertEqual(other.deposit_journal_id.company_id, other)

    def test_post_receipt_entry(self):
        receivable_before = self.customer.with_company(self.company).credit
        deposit = self.create_deposit(amount=1500.0, post=False)
        self.assertEqual(deposit.state, "draft")
        self.assertEqual(deposit.display_name, "Draft Deposit")
        deposit.action_post()

        self.assertRegex(deposit.name, r"^DEP/\d{4}/\d{5}$")
        self.assertEqual(deposit.state, "received")
        move = deposit.payment_id.move_id
        self.assertRecordValues(
            move,
            [
                {
                    "state": "posted",
                    "deposit_id": deposit.id,
                    "deposit_move_kind": "receipt",
                }
            ],
        )
        self.assertRecordValues(
            move.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.deposit_account.id,
                    "partner_id": self.customer.id,
                    "debit": 0.0,
                    "credit": 1500.0,
                    "amount_currency": -1500.0,
                    "currency_id": self.company.currency_id.id,
                    "reconciled": False,
                },
                {
                    "account_id": self.outstanding_receipts.id,
                    "partner_id": self.customer.id,
                    "debit": 1500.0,
                    "credit": 0.0,
                    "amount_currency": 1500.0,
                    "currency_id": self.company.currency_id.id,
                    "reconciled": False,
                },
            ],
        )
        self.assertIn(deposit.name, move.line_ids[0].name)
        self.assertRecordValues(
            deposit,
            [
                {
                    "amount_residual": 1500.0,
                    "amount_residual_company": 1500.0,
                    "amount_applied": 0.0,
                }
            ],
        )
        # The receivable is untouched; the deposit balance sits on the liability account.
        self.assertEqual(self.customer.with_company(self.company).credit, receivable_before)
        self.assertAlmostEqual(self.deposit_account_balance(), -1500.0)
        self.assertEqual(
            self.customer.with_company(self.company)
            .with_context(allowed_company_ids=self.company.ids)
            .deposit_balance,
            1500.0,
        )
        # A deposit payment keeps the deposit account when Odoo recomputes its destination
        # (change of partner or journal).
        payment = self.env["account.payment"].new(
            {
                "deposit_id": deposit.id,
                "partner_type": "customer",
                "payment_type": "inbound",
                "journal_id": self.bank_journal.id,
            }
        )
        payment.partner_id = self.partner_b
        self.assertEqual(payment.destination_account_id, self.deposit_account)
        self.assertFalse(deposit.payment_id.is_matched)

    def test_residual_equals_liability_balance(self):
        deposits = self.create_deposit(amount=100.0) + self.create_deposit(amount=250.55)
        deposits += self.create_deposit(amount=999.99, partner=self.partner_b)
        total = sum(deposits.mapped("amount_residual_company"))
        self.assertAlmostEqual(total, 1350.54)
        self.assertLedgerTied()

    def test_foreign_currency_at_deposit_date_rate(self):
        # other_currency: 2.0 units per company unit from 2017-01-01
        deposit = self.create_deposit(
            amount=900.0, currency=self.other_currency, date=date(2017, 6, 1)
        )
        self.assertAlmostEqual(deposit.exchange_rate, 0.5)
        self.assertRecordValues(
            deposit.payment_id.move_id.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.deposit_account.id,
                    "partner_id": self.customer.id,
                    "debit": 0.0,
                    "credit": 450.0,
                    "amount_currency": -900.0,
                    "currency_id": self.other_currency.id,
                },
                {
                    "account_id": self.outstanding_receipts.id,
                    "partner_id": self.customer.id,
                    "debit": 450.0,
                    "credit": 0.0,
                    "amount_currency": 900.0,
                    "currency_id": self.other_currency.id,
                },
            ],
        )
        self.assertRecordValues(
            deposit,
            [
                {
                    "amount_residual": 900.0,
                    "amount_residual_company": 450.0,
                }
            ],
        )
        self.assertAlmostEqual(self.deposit_account_balance(), -450.0)

    def test_foreign_currency_overridden_rate(self):
        deposit = self.create_deposit(
            amount=900.0, currency=self.other_currency, date=date(2017, 6, 1), post=False
        )
        deposit.exchange_rate = 0.48
        deposit.action_post()
        self.assertRecordValues(
            self.deposit_lines(deposit.payment_id.move_id),
            [{"credit": 432.0, "amount_currency": -900.0}],
        )

    def test_contact_is_replaced_by_commercial_partner(self):
        contact = self.env["res.partner"].create(
            {
                "name": "Buyer at partner_a",
                "parent_id": self.customer.id,
            }
        )
        deposit = self.create_deposit(partner=contact)
        self.assertEqual(deposit.partner_id, self.customer)
        self.assertEqual(deposit.payment_id.move_id.line_ids.partner_id, self.customer)

    def test_form_defaults(self):
        with Form(self.env["customer.deposit"]) as form:
            form.partner_id = self.customer
            form.amount = 300.0
            form.payment_reference = "Transfer 42"
            self.assertEqual(form.date, fields.Date.context_today(self.env.user))
            self.assertEqual(form.currency_id, self.company.currency_id)
            self.assertEqual(form.journal_id.type, "bank")
            self.assertTrue(form.payment_method_line_id)
            self.assertEqual(form.payer_name, self.customer.name)
        deposit = form.record
        deposit.action_post()
        self.assertEqual(deposit.state, "received")

    # ---- refusals -------------------------------------------------------

    def test_refuse_zero_or_negative_amount(self):
        deposit = self.create_deposit(amount=0.0, post=False)
        with self.assertRefusedWithoutWrites(UserError, "greater than zero"):
            deposit.action_post()
        self.assertEqual(deposit.state, "draft")
        self.assertFalse(deposit.name)
        with self.assertRaises(UserError):
            self.create_deposit(amount=-5.0, post=False)

    def test_refuse_missing_reference(self):
        deposit = self.create_deposit(post=False, payment_reference=" ")
        with self.assertRefusedWithoutWrites(UserError, "payment reference"):
            deposit.action_post()

    def test_refuse_non_bank_journal(self):
        deposit = self.create_deposit(post=False)
        deposit.journal_id = self.company_data["default_journal_misc"]
        with self.assertRefusedWithoutWrites(UserError, "not a bank or cash journal"):
            deposit.action_post()

    def test_method_line_without_outstanding_account_posts(self):
        # Community: a method line without its own account falls back to the chart's one.
        method_line = self.bank_journal.inbound_payment_method_line_ids[0]
        method_line.payment_account_id = False
        deposit = self.create_deposit(amount=80.0, payment_method_line_id=method_line.id)
        self.assertEqual(deposit.state, "received")
        liquidity = deposit.payment_id.move_id.line_ids.filtered(lambda line: line.debit)
        self.assertTrue(liquidity.account_id)
        self.assertNotEqual(liquidity.account_id, self.deposit_account)
        self.assertEqual(deposit.payment_id.outstanding_account_id, liquidity.account_id)
        self.assertAlmostEqual(deposit.payment_id.amount_company_currency_signed, 80.0)

    def test_refuse_locked_period(self):
        self.company.fiscalyear_lock_date = date(2019, 12, 31)
        deposit = self.create_deposit(post=False, date=date(2019, 6, 30))
        with self.assertRefusedWithoutWrites(UserError, "locked period"):
            deposit.action_post()
        self.assertEqual(deposit.state, "draft")
        deposit.date = date(2020, 1, 1)
        deposit.action_post()
        self.assertEqual(deposit.payment_id.move_id.date, date(2020, 1, 1))

    def test_refuse_editing_posted_deposit(self):
        deposit = self.create_deposit()
        for field, value in [
            ("amount", 5.0),
            ("partner_id", self.partner_b.id),
            ("currency_id", self.other_currency.id),
            ("journal_id", self.company_data["default_journal_cash"].id),
            ("date", date(2020, 1, 1)),
        ]:
            with self.assertRaises(UserError, msg=field):
                deposit.write({field: value})
        # Free-text fields stay editable.
        deposit.write({"ref": "Updated reference", "notes": "<p>Call before delivery</p>"})
        self.assertEqual(deposit.amount, 1000.0)

    def test_refuse_deleting_posted_deposit(self):
        deposit = self.create_deposit()
        with self.assertRefusedWithoutWrites(UserError, "cannot be deleted"):
            deposit.unlink()
        draft = self.create_deposit(post=False)
        draft.unlink()
        self.assertFalse(draft.exists())

    def test_refuse_undoing_entries_behind_the_deposit(self):
        deposit = self.create_deposit()
        with self.assertRefusedWithoutWrites(UserError, "belongs to deposit"):
            deposit.payment_id.action_draft()
        with self.assertRefusedWithoutWrites(UserError, "belongs to deposit"):
            deposit.payment_id.action_cancel()
        with self.assertRefusedWithoutWrites(UserError, "belongs to deposit"):
            deposit.payment_id.move_id.button_draft()
        with self.assertRefusedWithoutWrites(UserError, "belongs to deposit"):
            deposit.payment_id.move_id.button_cancel()
        self.assertEqual(deposit.payment_id.move_id.state, "posted")

    def test_refuse_posting_twice(self):
        deposit = self.create_deposit()
        with self.assertRefusedWithoutWrites(UserError, "only drafts can be posted"):
            deposit.action_post()

    def test_refuse_other_company_partner_and_journal(self):
        other = self.setup_other_company(name="Deposit Co B")
        foreign_partner = self.env["res.partner"].create(
            {
                "name": "Only in B",
                "company_id": other["company"].id,
            }
        )
        with self.assertRaises(UserError):
            with self.env.cr.savepoint():
                self.create_deposit(partner=foreign_partner, post=False)
        with self.assertRaises(UserError):
            with self.env.cr.savepoint():
                self.create_deposit(post=False, journal_id=other["default_journal_bank"].id)

    def test_cancel_and_draft(self):
        deposit = self.create_deposit(post=False)
        deposit.action_cancel()
        self.assertEqual(deposit.state, "cancel")
        with self.assertRefusedWithoutWrites(UserError, "only drafts can be posted"):
            deposit.action_post()
        deposit.action_draft()
        self.assertEqual(deposit.state, "draft")
        deposit.action_post()
        with self.assertRefusedWithoutWrites(UserError, "Only draft deposits can be cancelled"):
            deposit.action_cancel()
        with self.assertRefusedWithoutWrites(UserError, "cannot go back to draft"):
            deposit.action_draft()
        self.assertEqual(deposit.state, "received")

    def test_sequence_per_company(self):
        other = self.setup_other_company(name="Deposit Co C")
        first = self.create_deposit()
        other_deposit = (
            self.env["customer.deposit"]
            .with_company(other["company"])
            .create(
                {
                    "partner_id": self.customer.id,
                    "amount": 10.0,
                    "company_id": other["company"].id,
                    "journal_id": other["default_journal_bank"].id,
                    "payment_reference": "X",
                }
            )
        )
        other_deposit.action_post()
        self.assertTrue(first.name.endswith("00001"))
        self.assertTrue(other_deposit.name.endswith("00001"))
        self.assertEqual(other_deposit.deposit_account_id, other["company"].deposit_account_id)

    def test_branch_shares_root_accounts_and_journal(self):
        """A branch uses its root's deposit accounts and deposit journal, as it uses Odoo's
        own accounts and journals; it numbers its deposits itself."""
        self.company.write({"child_ids": [Command.create({"name": "Deposit Branch"})]})
        self.env.cr.precommit.run()  # loads the chart on the branch
        branch = self.company.child_ids
        self.assertRecordValues(
            branch,
            [
                {
                    "deposit_account_id": self.company.deposit_account_id.id,
                    "deposit_forfeit_account_id": self.company.deposit_forfeit_account_id.id,
                    "deposit_journal_id": self.company.deposit_journal_id.id,
                }
            ],
        )
        sequences = (
            self.env["ir.sequence"]
            .sudo()
            .search(
                [("code", "=", "customer.deposit"), ("company_id", "child_of", self.company.id)]
            )
        )
        self.assertEqual(sequences.company_id, self.company | branch)
        # The branch's deposit, applied to the branch's invoice: the transfer is the branch's,
        # in the root's journal.
        root_deposit = self.create_deposit(amount=10.0)
        deposit = self.create_deposit(amount=300.0, company_id=branch.id)
        invoice = (
            self.env["account.move"]
            .with_company(branch)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": self.customer.id,
                    "invoice_date": fields.Date.today(),
                    "invoice_line_ids": [
                        Command.create({"name": "Table", "price_unit": 300.0, "tax_ids": []})
                    ],
                }
            )
        )
        invoice.action_post()
        application = deposit.apply_to_invoice(invoice)
        self.assertTrue(root_deposit.name.endswith("00001"))
        self.assertTrue(deposit.name.endswith("00001"))
        self.assertRecordValues(
            application.move_id,
            [
                {
                    "company_id": branch.id,
                    "journal_id": self.company.deposit_journal_id.id,
                    "state": "posted",
                }
            ],
        )
        self.assertEqual(invoice.payment_state, "paid")
        self.assertEqual(deposit.amount_residual, 0.0)


@tagged("post_install", "-at_install")
class TestDepositAccess(CustomerDepositCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_role_users("billing", "accountant", "readonly", "internal")
        cls.deposit = cls.create_deposit(amount=200.0)

    def _create_as(self, user):
        return (
            self.env["customer.deposit"]
            .with_user(user)
            .create(
                {
                    "partner_id": self.customer.id,
                    "amount": 50.0,
                    "journal_id": self.bank_journal.id,
                    "payment_reference": "CHQ-9",
                }
            )
        )

    def test_billing_user_creates_and_posts(self):
        deposit = self._create_as(self.users["billing"])
        deposit.action_post()
        self.assertEqual(deposit.state, "received")

    def test_billing_user_without_email_applies(self):
        # The chatter notes of deposit actions must not need an email address.
        self.users["billing"].partner_id.email = False
        deposit = self._create_as(self.users["billing"])
        deposit.action_post()
        invoice = self.create_invoice(amount=20.0)
        application = deposit.apply_to_invoice(invoice.id)
        self.assertEqual(invoice.payment_state, "paid")
        self.assertIn(invoice.name, deposit.message_ids[0].body)
        application.with_user(self.users["billing"]).action_unapply()
        self.assertEqual(deposit.amount_residual, 50.0)

    def test_accountant_creates_and_posts(self):
        deposit = self._create_as(self.users["accountant"])
        deposit.action_post()
        self.assertEqual(deposit.state, "received")

    def test_auditor_reads_only(self):
        self.assertEqual(self.deposit.with_user(self.users["readonly"]).amount_residual, 200.0)
        with self.assertRaises(AccessError):
            self._create_as(self.users["readonly"])
        with self.assertRaises(AccessError):
            self.deposit.with_user(self.users["readonly"]).write({"ref": "x"})

    def test_internal_user_has_no_access(self):
        with self.assertRaises(AccessError):
            self.deposit.with_user(self.users["internal"]).read(["amount"])

    def test_settings_need_manager(self):
        admin = self.create_role_user("admin")
        # The Settings page links to the one deposit settings dialog.
        view = self.env.ref("customer_deposit.res_config_settings_view_form_deposit")
        action = self.env.ref("customer_deposit.action_customer_deposit_settings")
        self.assertIn(
            f'name="{action.id}"',
            str(self.env["res.config.settings"].get_view(view.inherit_id.id)["arch"]),
        )
        settings = self.env["customer.deposit.settings"].with_user(admin).create({})
        self.assertEqual(settings.deposit_account_id, self.company.deposit_account_id)
        settings.deposit_auto_apply = "always"
        settings.action_save()
        self.assertEqual(self.company.deposit_auto_apply, "always")
        for user in (self.users["billing"], self.users["readonly"]):
            with self.assertRaises(AccessError):
                self.env["customer.deposit.settings"].with_user(user).create({})
            with self.assertRaises(AccessError):
                self.company.with_user(user).write({"deposit_auto_apply": "never"})

    def test_accountant_changes_deposit_settings(self):
        settings = (
            self.env["customer.deposit.settings"].with_user(self.users["accountant"]).create({})
        )
        self.assertEqual(settings.deposit_account_id, self.company.deposit_account_id)
        settings.deposit_auto_apply = "never"
        settings.action_save()
        self.assertEqual(self.company.deposit_auto_apply, "never")
        for user in (self.users["billing"], self.users["readonly"]):
            with self.assertRaises(AccessError):
                self.env["customer.deposit.settings"].with_user(user).create({})
        menu = self.env.ref("customer_deposit.menu_customer_deposit_settings")
        self.assertIn(
            menu.id, self.env["ir.ui.menu"].with_user(self.users["accountant"])._visible_menu_ids()
        )
        self.assertNotIn(
            menu.id, self.env["ir.ui.menu"].with_user(self.users["billing"])._visible_menu_ids()
        )

    def test_other_company_cannot_read_or_post(self):
        other = self.setup_other_company(name="Deposit Co D")
        other_user = self.create_role_user("accountant", "cd_other_company", other["company"])
        deposits = self.env["customer.deposit"].with_user(other_user).search([])
        self.assertNotIn(self.deposit, deposits)
        with self.assertRaises(AccessError):
            self.deposit.with_user(other_user).read(["amount"])
        draft = self.create_deposit(post=False)
        with self.assertRaises(AccessError):
            draft.with_user(other_user).action_post()
        self.assertEqual(draft.state, "draft")

    def test_menu_reachable_by_billing_and_auditor(self):
        menu = self.env.ref("customer_deposit.menu_customer_deposit")
        for user in (self.users["billing"], self.users["readonly"], self.users["accountant"]):
            visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
            self.assertIn(menu.id, visible, user.login)
        visible = self.env["ir.ui.menu"].with_user(self.users["internal"])._visible_menu_ids()
        self.assertNotIn(menu.id, visible)
