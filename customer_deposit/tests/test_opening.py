# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Opening deposits: received before the company used Odoo, posted without a payment
against the opening balance account (undistributed profits/losses), then used like any
deposit; imported with the addon's template and posted from the list's Actions menu."""

from datetime import date

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools.misc import file_open

from .common import CustomerDepositCommon, RpcMixin

TEMPLATE = "customer_deposit/static/csv/customer_deposit_opening.csv"
# The template's columns and the fields Odoo's import matches them with.
TEMPLATE_FIELDS = {
    "Customer": "partner_id",
    "Amount Received": "amount",
    "Currency": "currency_id",
    "Date": "date",
    "Payment Reference": "payment_reference",
    "Reference": "ref",
    "Opening Deposit": "opening_balance",
    "Sales Order": "sale_order_id",
}
# What base_import's dialog sends with its default options.
IMPORT_OPTIONS = {
    "import_skip_records": [],
    "import_set_empty_fields": [],
    "fallback_values": {},
    "name_create_enabled_fields": {},
    "encoding": "utf-8",
    "separator": ",",
    "quoting": '"',
    "date_format": "%Y-%m-%d",
    "datetime_format": "",
    "float_thousand_separator": ",",
    "float_decimal_separator": ".",
    "advanced": False,
    "has_headers": True,
    "keep_matches": False,
    "limit": 2000,
    "skip": 0,
}


class OpeningCommon(CustomerDepositCommon):
    ledger_tied_after_each_test = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_role_users("salesman", "billing", "account_user")
        cls.opening_account = cls.company.get_unaffected_earnings_account()
        cls.deposit_journal = cls.company.deposit_journal_id
        cls.historical = date(2017, 3, 1)

    @classmethod
    def create_opening(cls, amount=1000.0, post=True, user=None, **vals):
        """An opening deposit of ``amount`` dated ``historical``, posted by ``user``
        (default: the test's accountant)."""
        deposit = cls.create_deposit(
            amount,
            post=False,
            date=vals.pop("date", cls.historical),
            journal_id=False,
            opening_balance=True,
            payment_reference="OLD-1042",
            **vals,
        )
        if post:
            deposit.with_user(user or cls.users["account_user"]).action_post()
        return deposit


@tagged("post_install", "-at_install")
class TestOpeningDeposit(OpeningCommon):
    def test_customer_opening_entry(self):
        """Dr the opening balance account / Cr Customer Deposits on the historical date, in
        the deposit journal, no payment, no bank or outstanding account."""
        deposit = self.create_opening(1000.0)
        move = deposit.opening_move_id
        self.assertRecordValues(
            deposit,
            [
                {
                    "state": "received",
                    "payment_id": False,
                    "journal_id": False,
                    "payment_method_line_id": False,
                    "payment_move_id": move.id,
                    "deposit_account_id": self.deposit_account.id,
                    "amount_residual": 1000.0,
                    "amount_residual_company": 1000.0,
                }
            ],
        )
        self.assertRecordValues(
            move,
            [
                {
                    "state": "posted",
                    "date": self.historical,
                    "journal_id": self.deposit_journal.id,
                    "deposit_id": deposit.id,
                    "deposit_move_kind": "opening",
                    "partner_id": self.customer.id,
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
                    "credit": 1000.0,
                    "amount_currency": -1000.0,
                    "currency_id": self.currency.id,
                },
                {
                    "account_id": self.opening_account.id,
                    "partner_id": self.customer.id,
                    "debit": 1000.0,
                    "credit": 0.0,
                    "amount_currency": 1000.0,
                    "currency_id": self.currency.id,
                },
            ],
        )
        self.assertEqual(self.opening_account.account_type, "equity_unaffected")
        self.assertEqual(deposit.move_ids, move)

    def test_foreign_currency_opening_entry(self):
        """A foreign-currency opening deposit is booked at the rate of its date (2017: 2.0
        EUR for 1 USD); the opening balance account in company currency."""
        deposit = self.create_opening(600.0, currency=self.other_currency)
        self.assertRecordValues(
            deposit.opening_move_id.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.deposit_account.id,
                    "debit": 0.0,
                    "credit": 300.0,
                    "amount_currency": -600.0,
                    "currency_id": self.other_currency.id,
                },
                {
                    "account_id": self.opening_account.id,
                    "debit": 300.0,
                    "credit": 0.0,
                    "amount_currency": 300.0,
                    "currency_id": self.currency.id,
                },
            ],
        )
        self.assertRecordValues(
            deposit, [{"amount_residual": 600.0, "amount_residual_company": 300.0}]
        )

    def test_vendor_opening_entry(self):
        """The mirror: Dr Advances to Suppliers / Cr the opening balance account."""
        deposit = self.create_opening(400.0, partner_type="supplier")
        self.assertRecordValues(
            deposit.opening_move_id.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.opening_account.id,
                    "partner_id": self.vendor.id,
                    "debit": 0.0,
                    "credit": 400.0,
                    "amount_currency": -400.0,
                },
                {
                    "account_id": self.vendor_deposit_account.id,
                    "partner_id": self.vendor.id,
                    "debit": 400.0,
                    "credit": 0.0,
                    "amount_currency": 400.0,
                },
            ],
        )
        self.assertRecordValues(
            deposit,
            [{"state": "received", "payment_id": False, "amount_residual": 400.0}],
        )
        bill = self.create_bill(150.0)
        deposit.apply_to_invoice(bill)
        self.assertRecordValues(
            deposit, [{"state": "partial", "amount_applied": 150.0, "amount_residual": 250.0}]
        )
        self.assertEqual(bill.amount_residual, 0.0)

    def test_apply_unapply_credit_refund_forfeit(self):
        """An opening deposit lives like any other: applied, unapplied, converted to
        credit, refunded and forfeited, its entries matched with the opening entry."""
        deposit = self.create_opening(1000.0)
        invoice = self.create_invoice(300.0)
        application = deposit.apply_to_invoice(invoice)
        self.assertEqual(
            invoice.payment_state, self.env["account.move"]._get_invoice_in_payment_state()
        )
        self.assertRecordValues(
            deposit, [{"state": "partial", "amount_applied": 300.0, "amount_residual": 700.0}]
        )
        application.action_unapply()
        self.assertRecordValues(
            deposit, [{"state": "received", "amount_applied": 0.0, "amount_residual": 1000.0}]
        )
        deposit.convert_to_credit(100.0)
        payment = deposit.refund(200.0, journal=self.bank_journal)
        self.assertEqual(payment.state, "in_process")
        deposit.forfeit(50.0)
        self.assertRecordValues(
            deposit,
            [
                {
                    "amount_converted": 100.0,
                    "amount_refunded": 200.0,
                    "amount_forfeited": 50.0,
                    "amount_residual": 650.0,
                    "state": "partial",
                }
            ],
        )
        deposit.forfeit()
        self.assertRecordValues(deposit, [{"state": "applied", "amount_residual": 0.0}])
        self.assertTrue(deposit._get_payment_lines().reconciled)

    def test_reverse_mistake(self):
        """An opening deposit entered by mistake: its opening entry is reversed."""
        deposit = self.create_opening(500.0)
        deposit.reverse(reason="Already refunded in the old system")
        reversal = deposit.move_ids - deposit.opening_move_id
        self.assertRecordValues(
            reversal,
            [
                {
                    "state": "posted",
                    "deposit_move_kind": "reverse",
                    "reversed_entry_id": deposit.opening_move_id.id,
                }
            ],
        )
        self.assertRecordValues(
            reversal.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.opening_account.id,
                    "debit": 0.0,
                    "credit": 500.0,
                    "reconciled": False,
                },
                {
                    "account_id": self.deposit_account.id,
                    "debit": 500.0,
                    "credit": 0.0,
                    "reconciled": True,
                },
            ],
        )
        self.assertRecordValues(
            deposit,
            [{"state": "reversed", "amount_reversed": 500.0, "amount_residual": 0.0}],
        )

    def test_bounced_refused(self):
        deposit = self.create_opening(500.0)
        with self.assertRefusedWithoutWrites(UserError, "opening deposit"):
            deposit.reverse(reason="NSF", bounced=True)
        self.assertEqual(deposit.state, "received")

    def test_locked_period_refused(self):
        """Lock dates apply to the historical date: refused, nothing written (no number
        taken either)."""
        self.company.fiscalyear_lock_date = date(2016, 12, 31)
        deposit = self.create_opening(500.0, post=False, date=date(2016, 6, 1))
        with self.assertRefusedWithoutWrites(UserError, "locked period"):
            deposit.with_user(self.users["account_user"]).action_post()
        self.assertRecordValues(deposit, [{"state": "draft", "name": False}])
        # After the lock date it posts.
        deposit.date = date(2017, 1, 2)
        deposit.with_user(self.users["account_user"]).action_post()
        self.assertEqual(deposit.state, "received")

    def test_only_accountants_post(self):
        """A billing user may prepare an opening deposit but not post it; a salesman may not
        post one even on his own order."""
        draft = self.create_opening(post=False)
        with self.assertRefusedWithoutWrites(AccessError, "Only accountants"):
            draft.with_user(self.users["billing"]).action_post()
        order = self.create_order(user_id=self.users["salesman"].id)
        salesman_draft = self.create_opening(post=False, sale_order_id=order.id)
        with self.assertRefusedWithoutWrites(AccessError, "Only accountants"):
            salesman_draft.with_user(self.users["salesman"]).action_post()
        # A batch with one opening deposit is refused whole.
        paid_draft = self.create_deposit(post=False)
        with self.assertRefusedWithoutWrites(AccessError, "Only accountants"):
            (paid_draft | draft).with_user(self.users["billing"]).action_post()
        self.assertEqual((draft | salesman_draft | paid_draft).mapped("state"), ["draft"] * 3)

    def test_no_journal_on_opening_deposit(self):
        """Journal and payment method mean nothing for an opening deposit: cleared when it
        is ticked, refused when forced; an ordinary deposit still needs its journal."""
        with self.assertRefusedWithoutWrites(ValidationError, "opening deposit", as_request=True):
            self.create_deposit(post=False, opening_balance=True)
        draft = self.create_deposit(post=False)
        self.assertTrue(draft.journal_id and draft.payment_method_line_id)
        draft.opening_balance = True
        self.assertFalse(draft.journal_id or draft.payment_method_line_id)
        with self.assertRefusedWithoutWrites(ValidationError, "opening deposit", as_request=True):
            draft.journal_id = self.bank_journal
        draft.opening_balance = False
        self.assertEqual(draft.journal_id, self.bank_journal)
        draft.journal_id = False
        with self.assertRefusedWithoutWrites(UserError, "bank or cash journal"):
            draft.action_post()

    def test_opening_entry_guarded(self):
        """The opening entry is the deposit's receipt: nobody resets, edits or deletes it,
        and the flag is frozen once posted."""
        deposit = self.create_opening(500.0)
        move = deposit.opening_move_id
        with self.assertRefusedWithoutWrites(UserError, "belongs to deposit"):
            move.button_draft()
        with self.assertRefusedWithoutWrites(UserError, "belongs to deposit"):
            move.line_ids[0].partner_id = self.partner_b
        with self.assertRefusedWithoutWrites(UserError):
            move.unlink()
        with self.assertRefusedWithoutWrites(UserError, "can no longer be changed"):
            deposit.opening_balance = False
        with self.assertRefusedWithoutWrites(AccessError, "cannot be set by hand"):
            deposit.opening_move_id = False
        draft = self.create_opening(post=False)
        with self.assertRefusedWithoutWrites(AccessError, "cannot be set by hand"):
            draft.write({"opening_move_id": move.id})
        with self.assertRefusedWithoutWrites(UserError, "cannot be deleted"):
            deposit.unlink()

    def test_unapplied_report_ties(self):
        """The as-of report counts an opening deposit from its historical date, and ties
        with the deposit account."""
        deposit = self.create_opening(1000.0)
        deposit.apply_to_invoice(self.create_invoice(250.0))
        wizard = self.env["customer.deposit.unapplied.wizard"].create(
            {"as_of_date": date(2017, 6, 30), "company_id": self.company.id}
        )
        action = wizard.action_open_report()
        lines = (
            self.env[action["res_model"]].with_context(**action["context"]).search(action["domain"])
        )
        self.assertRecordValues(
            lines, [{"deposit_id": deposit.id, "balance": 1000.0, "balance_currency": 1000.0}]
        )
        self.assertRecordValues(
            wizard, [{"report_total": 1000.0, "account_balance": 1000.0, "difference": 0.0}]
        )
        wizard.as_of_date = fields.Date.today()
        self.assertRecordValues(
            wizard, [{"report_total": 750.0, "account_balance": 750.0, "difference": 0.0}]
        )


@tagged("post_install", "-at_install")
class TestOpeningImport(OpeningCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.harbour = cls.env["res.partner"].create({"name": "Harbour Bistro"})
        cls.northwind = cls.env["res.partner"].create({"name": "Northwind Traders"})
        cls.post_action = cls.env.ref("customer_deposit.action_server_post_deposits")

    def import_template(self, user):
        """Import the addon's template as ``user`` through Odoo's import dialog
        (base_import: parse_preview, then execute_import, which calls ``load()``)."""
        Import = self.env["base_import.import"].with_user(user)
        with file_open(TEMPLATE, "rb") as template:
            wizard = Import.create(
                {
                    "res_model": "customer.deposit",
                    "file": template.read(),
                    "file_name": "customer_deposit_opening.csv",
                    "file_type": "text/csv",
                }
            )
        preview = wizard.parse_preview(dict(IMPORT_OPTIONS))
        self.assertFalse(preview.get("error"), preview)
        self.assertEqual(preview["headers"], list(TEMPLATE_FIELDS))
        fields_to_import = [
            "/".join(preview["matches"].get(index) or [""])
            for index in range(len(preview["headers"]))
        ]
        self.assertEqual(fields_to_import, list(TEMPLATE_FIELDS.values()))
        result = wizard.execute_import(fields_to_import, preview["headers"], dict(IMPORT_OPTIONS))
        self.assertFalse(result["messages"], result["messages"])
        return self.env["customer.deposit"].browse(result["ids"])

    def run_post_action(self, deposits, user):
        self.post_action.with_user(user).with_context(
            active_model="customer.deposit", active_ids=deposits.ids, active_id=deposits[:1].id
        ).run()

    def test_import_template_and_post_from_actions(self):
        """The template offered by Import records imports as drafts without a journal;
        Actions > Post posts the selection in one go."""
        templates = self.env["customer.deposit"].get_import_templates()
        self.assertEqual(templates[0]["template"], f"/{TEMPLATE}")
        self.assertEqual(self.post_action.binding_model_id.model, "customer.deposit")
        deposits = self.import_template(self.users["account_user"])
        self.assertRecordValues(
            deposits.sorted("date"),
            [
                {
                    "partner_id": self.harbour.id,
                    "amount": 1500.0,
                    "currency_id": self.currency.id,
                    "date": date(2025, 11, 14),
                    "payment_reference": "OLD-RCPT-1042",
                    "opening_balance": True,
                    "journal_id": False,
                    "payment_method_line_id": False,
                    "state": "draft",
                },
                {
                    "partner_id": self.northwind.id,
                    "amount": 750.0,
                    "currency_id": self.currency.id,
                    "date": date(2025, 12, 3),
                    "payment_reference": "OLD-RCPT-1057",
                    "opening_balance": True,
                    "journal_id": False,
                    "payment_method_line_id": False,
                    "state": "draft",
                },
            ],
        )
        self.run_post_action(deposits, self.users["account_user"])
        self.assertEqual(deposits.mapped("state"), ["received", "received"])
        self.assertFalse(deposits.payment_id)
        self.assertEqual(
            sorted(line.account_id.id for line in deposits.opening_move_id.line_ids),
            sorted((self.deposit_account | self.opening_account).ids * 2),
        )
        self.assertEqual(self.account_balance(self.opening_account), 2250.0)

    def test_load_by_billing_user_refused_at_posting(self):
        """A billing user may load opening deposits (drafts carry no money) but posting
        them, from the Actions menu or the API, is refused and writes nothing."""
        fields_to_load = ["partner_id", "amount", "date", "payment_reference", "opening_balance"]
        result = (
            self.env["customer.deposit"]
            .with_user(self.users["billing"])
            .load(fields_to_load, [["Harbour Bistro", "120.0", "2025-10-01", "OLD-7", "1"]])
        )
        self.assertFalse(result["messages"], result["messages"])
        deposit = self.env["customer.deposit"].browse(result["ids"])
        self.assertRecordValues(
            deposit, [{"opening_balance": True, "journal_id": False, "state": "draft"}]
        )
        with self.assertRefusedWithoutWrites(AccessError, "Only accountants"):
            self.run_post_action(deposit, self.users["billing"])
        # A journal in the file for an opening deposit is refused rather than ignored.
        result = (
            self.env["customer.deposit"]
            .with_user(self.users["account_user"])
            .load(
                [*fields_to_load, "journal_id/.id"],
                [
                    [
                        "Harbour Bistro",
                        "120.0",
                        "2025-10-01",
                        "OLD-8",
                        "1",
                        str(self.bank_journal.id),
                    ]
                ],
            )
        )
        self.assertFalse(result["ids"])
        self.assertIn("opening deposit", result["messages"][0]["message"])


@tagged("post_install", "-at_install")
class TestOpeningRpc(OpeningCommon, HttpCase, RpcMixin):
    """Opening deposits over XML-RPC, as an outsider: a billing user, another company's
    accountant, and an accountant of the company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        other = cls.setup_other_company()
        cls.other_accountant = cls.create_role_user(
            "accountant", login="cd_other_accountant", companies=other["company"]
        )

    def rpc(self, user, method, args, kwargs=None):
        uid = self.rpc_login("xmlrpc", user.login, user.login)
        return self.rpc_execute(
            "xmlrpc", uid, user.login, "customer.deposit", method, args, kwargs or {}
        )

    def test_rpc(self):
        billing = self.users["billing"]
        ok, deposit_id = self.rpc(
            billing,
            "create",
            [
                {
                    "partner_id": self.customer.id,
                    "amount": 300.0,
                    "date": "2017-05-02",
                    "payment_reference": "OLD-RPC",
                    "opening_balance": True,
                }
            ],
        )
        self.assertTrue(ok, deposit_id)
        deposit = self.env["customer.deposit"].browse(deposit_id)
        invoice = self.create_invoice(10.0)
        before = self.ledger_snapshot()
        for user in (billing, self.other_accountant):
            ok, error = self.rpc(user, "action_post", [[deposit_id]])
            self.assertFalse(ok, f"{user.login} posted an opening deposit")
            self.assertTrue(error["clear"], error["detail"])
        # Nothing of the refused calls stayed.
        self.assertFalse(self.ledger_changes(before, self.ledger_snapshot()))
        # A billing user cannot forge the receipt entry either.
        ok, error = self.rpc(billing, "write", [[deposit_id], {"opening_move_id": invoice.id}])
        self.assertFalse(ok)
        self.assertTrue(error["clear"], error["detail"])
        # The company's accountant posts it; bounced is refused over RPC too.
        ok, result = self.rpc(self.users["account_user"], "action_post", [[deposit_id]])
        self.assertTrue(ok, result)
        deposit.invalidate_recordset()
        self.assertEqual(deposit.state, "received")
        self.assertEqual(deposit.opening_move_id.deposit_move_kind, "opening")
        ok, error = self.rpc(
            self.users["account_user"], "reverse", [[deposit_id]], {"reason": "x", "bounced": True}
        )
        self.assertFalse(ok)
        self.assertIn("opening deposit", error["detail"])
        deposit.invalidate_recordset()
        self.assertEqual(deposit.state, "received")
