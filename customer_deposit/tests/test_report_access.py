# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who may print what, and what the report and wizards show across companies.

- The deposit statement (``customer_deposit.report_deposit_statement``, docids = partners)
  reads journal items by SQL: refused (AccessError) to users who cannot read customer
  deposits or journal items (portal, plain internal user, salesman without accounting);
  for the others, the lines of companies they are not allowed in never show.
- Receipts: only deposits the user can read.
- Through the report routes (``/report/html``, ``/report/pdf``) as an authenticated user
  and through ``_render_qweb_html``.
- The apply wizard opened on another company's invoice or deposit; the settings wizard for
  another company or with accounts that do not fit; the unapplied report's context.
"""

import json
from contextlib import closing
from datetime import date
from urllib.parse import quote

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import CustomerDepositCommon

STATEMENT = "customer_deposit.report_deposit_statement"
RECEIPT = "customer_deposit.report_deposit_receipt"
RECEIPT_ORDER = "customer_deposit.report_deposit_receipt_sale_order"
RECEIPT_PARTNER = "customer_deposit.report_deposit_receipt_partner"
SECRET_A = "REF-COMPANY-A-7431"
SECRET_B = "REF-COMPANY-B-9265"


class ReportAccessCommon(CustomerDepositCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b_data = cls.setup_other_company(name="Report Access Co B")
        cls.company_b = cls.company_b_data["company"]
        cls.setup_role_users("portal", "internal", "salesman", "billing", "accountant")
        both = cls.company | cls.company_b
        cls.users.update(
            salesman2=cls.create_role_user("salesman", "cd_salesman2"),
            billing_ab=cls.create_role_user("billing", "cd_billing_ab", both),
            accountant_ab=cls.create_role_user("accountant", "cd_accountant_ab", both),
        )
        cls.order = cls.create_order(800.0, user_id=cls.users["salesman"].id)
        cls.deposit_a = cls.create_deposit(
            amount=432.1, sale_order_id=cls.order.id, payment_reference=SECRET_A
        )
        cls.deposit_b = (
            cls.env["customer.deposit"]
            .with_company(cls.company_b)
            .create(
                {
                    "partner_id": cls.customer.id,
                    "amount": 777.7,
                    "company_id": cls.company_b.id,
                    "journal_id": cls.company_b_data["default_journal_bank"].id,
                    "payment_reference": SECRET_B,
                    "date": fields.Date.today(),
                }
            )
        )
        cls.deposit_b.with_company(cls.company_b).action_post()
        cls.invoice_a = cls.create_invoice(amount=300.0)
        cls.invoice_b = (
            cls.env["account.move"]
            .with_company(cls.company_b)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": cls.customer.id,
                    "invoice_date": fields.Date.today(),
                    "company_id": cls.company_b.id,
                    "invoice_line_ids": [
                        Command.create({"name": "B", "price_unit": 100.0, "tax_ids": []})
                    ],
                }
            )
        )
        cls.invoice_b.action_post()

    def user_env(self, role, companies=None):
        user = self.users[role]
        return self.env(
            user=user,
            context={"allowed_company_ids": (companies or user.company_id).ids},
        )


@tagged("post_install", "-at_install")
class TestReportAccess(ReportAccessCommon):
    """Through the ORM: ``_render_qweb_html``, the wizards, the report's context."""

    def render(self, role, report, docids, data=None, companies=None):
        env = self.user_env(role, companies)
        html, _format = env["ir.actions.report"]._render_qweb_html(report, docids, data=data)
        return str(html)

    def test_statement_refused_without_accounting(self):
        for role in ("portal", "internal", "salesman"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                self.render(role, STATEMENT, self.customer.ids)

    def test_statement_lines_of_allowed_companies_only(self):
        for role in ("billing", "accountant"):
            with self.subTest(role=role):
                html = self.render(role, STATEMENT, self.customer.ids)
                self.assertIn(SECRET_A, html)
                self.assertNotIn(SECRET_B, html)
                # Asking for the other company's lines: refused, or none of them.
                try:
                    html = self.render(
                        role, STATEMENT, self.customer.ids, data={"company_id": self.company_b.id}
                    )
                except UserError:
                    continue
                self.assertNotIn(SECRET_B, html)
        # A user of both companies, working in A only: A's lines; in both: both.
        html = self.render("billing_ab", STATEMENT, self.customer.ids)
        self.assertIn(SECRET_A, html)
        self.assertNotIn(SECRET_B, html)
        html = self.render(
            "billing_ab",
            STATEMENT,
            self.customer.ids,
            data={"company_id": self.company_b.id},
            companies=self.company_b | self.company,
        )
        self.assertIn(SECRET_B, html)

    def test_receipts_only_readable_deposits(self):
        for role in ("salesman", "billing", "accountant"):
            with self.subTest(role=role):
                self.assertIn(SECRET_A, self.render(role, RECEIPT, self.deposit_a.ids))
        for role in ("portal", "internal", "salesman2", "billing", "accountant"):
            deposits = self.deposit_b if role in ("billing", "accountant") else self.deposit_a
            with self.subTest(role=role), self.assertRaises(UserError):
                self.render(role, RECEIPT, deposits.ids)
        # Through the order and the customer: the same deposits, no more.
        self.assertIn(SECRET_A, self.render("salesman", RECEIPT_ORDER, self.order.ids))
        with self.assertRaises(UserError):
            self.render("salesman2", RECEIPT_ORDER, self.order.ids)
        html = self.render("billing", RECEIPT_PARTNER, self.customer.ids)
        self.assertIn(SECRET_A, html)
        self.assertNotIn(SECRET_B, html)
        for role in ("portal", "internal"):
            with self.subTest(role=role), self.assertRaises(UserError):
                self.render(role, RECEIPT_PARTNER, self.customer.ids)

    # -------------------------------------------------------------------------
    # Apply wizard across companies
    # -------------------------------------------------------------------------

    def _open_apply_wizard(self, env, **defaults):
        context = {f"default_{key}": value for key, value in defaults.items()}
        Wizard = env["customer.deposit.apply.wizard"].with_context(**context)
        return Wizard.create({})

    def _onchange_lines(self, env, **defaults):
        """What the form shows when it opens (the web client's onchange)."""
        context = {f"default_{key}": value for key, value in defaults.items()}
        Wizard = env["customer.deposit.apply.wizard"].with_context(**context)
        spec = {
            "mode": {},
            "invoice_id": {},
            "deposit_id": {},
            "date": {},
            "company_id": {},
            "line_ids": {"fields": {"deposit_id": {}, "invoice_id": {}, "amount": {}}},
        }
        result = Wizard.onchange({}, [], spec)
        ids = set()
        for command in result["value"].get("line_ids", []):
            if isinstance(command, (list, tuple)) and len(command) > 2:
                values = command[2] or {}
                for key in ("deposit_id", "invoice_id"):
                    value = values.get(key)
                    if isinstance(value, dict):
                        value = value.get("id")
                    if value:
                        ids.add((key, value))
        return ids

    def test_apply_wizard_other_company_refused(self):
        """Opened (as the web client does: the invoice or deposit in the context's
        defaults) on company B's invoice or deposit by a billing user working in A: refused,
        and B's deposits and invoices never listed."""
        b_records = {("deposit_id", self.deposit_b.id), ("invoice_id", self.invoice_b.id)}
        problems = []
        for role in ("billing_ab", "billing"):
            env = self.user_env(role, self.company)
            for defaults in (
                {"invoice_id": self.invoice_b.id, "mode": "invoice"},
                {"deposit_id": self.deposit_b.id, "mode": "deposit"},
            ):
                label = f"{role} opening the apply wizard with defaults {defaults}"
                # The form's first onchange.
                try:
                    shown = self._onchange_lines(env, **defaults)
                except UserError:
                    shown = set()  # refused
                if shown & b_records:
                    problems.append(f"{label}: onchange lists {shown & b_records}")
                # Saving it: with the record in the values, then only in the defaults.
                key = "invoice_id" if "invoice_id" in defaults else "deposit_id"
                for how, context_defaults, vals in (
                    ("in the values", {"mode": defaults["mode"]}, {key: defaults[key]}),
                    ("in the context defaults", defaults, {}),
                ):
                    with closing(self.env.cr.savepoint()):
                        try:
                            context = {f"default_{k}": v for k, v in context_defaults.items()}
                            wizard = (
                                env["customer.deposit.apply.wizard"]
                                .with_context(**context)
                                .create(vals)
                            )
                            # As a request would: its lines are computed before it ends.
                            env.flush_all()
                        except UserError:
                            continue
                        shown = {("deposit_id", d) for d in wizard.line_ids.deposit_id.ids} | {
                            ("invoice_id", i) for i in wizard.line_ids.invoice_id.ids
                        }
                        problems.append(
                            f"{label}: created with the record {how} (not refused), lists "
                            f"{shown & b_records or 'nothing of company B'}"
                        )
        self.assertFalse(problems, "\n".join(problems))

    def test_apply_wizard_shows_current_company_only(self):
        """The customer has deposits and invoices in both companies: a user of both,
        working in A, sees A's only."""
        env = self.user_env("billing_ab", self.company)
        wizard = self._open_apply_wizard(env, invoice_id=self.invoice_a.id, mode="invoice")
        self.assertIn(self.deposit_a, wizard.line_ids.deposit_id)
        self.assertFalse(wizard.line_ids.deposit_id & self.deposit_b)
        wizard = self._open_apply_wizard(env, deposit_id=self.deposit_a.id, mode="deposit")
        self.assertIn(self.invoice_a, wizard.line_ids.invoice_id)
        self.assertFalse(wizard.line_ids.invoice_id & self.invoice_b)

    # -------------------------------------------------------------------------
    # Settings wizard
    # -------------------------------------------------------------------------

    def _settings_of(self, company):
        self.env.flush_all()
        self.env.cr.execute(
            """SELECT deposit_account_id, deposit_journal_id, deposit_forfeit_account_id,
                      deposit_auto_apply
                 FROM res_company WHERE id = %s""",
            [company.id],
        )
        return self.env.cr.fetchone()

    def _save_settings(self, env, company, **vals):
        values = {
            "company_id": company.id,
            "deposit_account_id": company.deposit_account_id.id,
            "deposit_journal_id": company.deposit_journal_id.id,
            "deposit_forfeit_account_id": company.deposit_forfeit_account_id.id,
            "deposit_auto_apply": "never" if company.deposit_auto_apply != "never" else "ask",
            **vals,
        }
        wizard = env["customer.deposit.settings"].create(values)
        wizard.action_save()

    def test_settings_other_company_refused(self):
        """An accountant of company A only saving company B's settings (the dialog's
        company comes from the caller over RPC)."""
        before = self._settings_of(self.company_b)
        env = self.user_env("accountant", self.company)
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self._save_settings(env, self.company_b)
        self.assertEqual(self._settings_of(self.company_b), before)
        # Billing users never save them, not even for their own company.
        mine = self._settings_of(self.company)
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self._save_settings(self.user_env("billing"), self.company)
        self.assertEqual(self._settings_of(self.company), mine)
        # The accountant saving his own company's settings: allowed.
        mine = self._settings_of(self.company)
        with closing(self.env.cr.savepoint()):
            self._save_settings(self.user_env("accountant"), self.company)
            self.assertNotEqual(self._settings_of(self.company)[3], mine[3])

    def _bad_accounts(self):
        Account = self.env["account.account"].with_company(self.company)
        not_reconcilable = Account.create(
            {
                "name": "Liability, not reconcilable",
                "code": "RA2001",
                "account_type": "liability_current",
                "reconcile": False,
            }
        )
        asset = Account.create(
            {
                "name": "Reconcilable asset",
                "code": "RA1001",
                "account_type": "asset_current",
                "reconcile": True,
            }
        )
        return [
            ("deposit account not reconcilable", "deposit_account_id", not_reconcilable),
            ("deposit account not a liability", "deposit_account_id", asset),
            (
                "deposit account is an income account",
                "deposit_account_id",
                self.company_data["default_account_revenue"],
            ),
            ("forfeit to the receivable", "deposit_forfeit_account_id", self.receivable),
            (
                "forfeit to the payable",
                "deposit_forfeit_account_id",
                self.company_data["default_account_payable"],
            ),
        ]

    def test_settings_bad_accounts_refused(self):
        before = self._settings_of(self.company)
        for label, field, account in self._bad_accounts():
            with self.subTest(label):
                with self.assertRaises(UserError), self.env.cr.savepoint():
                    self._save_settings(
                        self.user_env("accountant"), self.company, **{field: account.id}
                    )
                self.assertEqual(self._settings_of(self.company), before, label)
                # The company itself refuses them, whoever writes.
                with self.assertRaises(ValidationError), self.env.cr.savepoint():
                    self.company.sudo().write({field: account.id})
                self.assertEqual(self._settings_of(self.company), before, label)

    # -------------------------------------------------------------------------
    # Unapplied deposits report: its context comes from the caller
    # -------------------------------------------------------------------------

    def test_unapplied_report_bad_context(self):
        env = self.user_env("billing")
        Report = env["customer.deposit.unapplied.report"]
        # The good context works.
        lines = Report.with_context(
            deposit_as_of_date=fields.Date.to_string(date.today()),
            deposit_company_ids=self.company.ids,
        ).search([])
        self.assertIn(self.deposit_a, lines.deposit_id)
        bad_contexts = [
            {"deposit_as_of_date": "2023-02-30"},
            {"deposit_as_of_date": "31/12/2023"},
            {"deposit_as_of_date": "yesterday"},
            {"deposit_as_of_date": 20230101},
            {"deposit_as_of_date": ["2023-01-01"]},
            {"deposit_company_ids": self.company_b.ids},
            {"deposit_company_ids": [999999999]},
            {"deposit_company_ids": "abc"},
            {"deposit_company_ids": [self.company.id, self.company_b.id]},
        ]
        for context in bad_contexts:
            for method in ("search", "search_read", "read_group"):
                with self.subTest(context=context, method=method):
                    records = Report.with_context(**context)
                    with self.assertRaises(UserError), self.env.cr.savepoint():
                        if method == "search":
                            records.search([]).mapped("balance")
                        elif method == "search_read":
                            records.search_read([], ["balance", "deposit_id"])
                        else:
                            records.read_group([], ["balance:sum"], ["partner_id"])


@tagged("post_install", "-at_install")
class TestReportRoutes(ReportAccessCommon, HttpCase):
    """The report routes as each authenticated user."""

    def fetch(self, role, converter, report, docids, **query):
        self.authenticate(self.users[role].login, self.users[role].login)
        url = f"/report/{converter}/{report}/{','.join(str(i) for i in docids)}"
        if query:
            url += "?" + "&".join(
                f"{key}={quote(json.dumps(value))}" for key, value in query.items()
            )
        return self.url_open(url, timeout=60)

    @mute_logger("odoo.http", "odoo.addons.web.controllers.report")
    def test_statement_routes(self):
        for converter in ("html", "pdf"):
            for role in ("portal", "internal", "salesman"):
                with self.subTest(converter=converter, role=role):
                    response = self.fetch(role, converter, STATEMENT, self.customer.ids)
                    self.assertEqual(response.status_code, 403, response.text[:300])
                    self.assertNotIn(SECRET_A, response.text)
            for role in ("billing", "accountant"):
                with self.subTest(converter=converter, role=role):
                    response = self.fetch(role, converter, STATEMENT, self.customer.ids)
                    self.assertEqual(response.status_code, 200, response.text[:300])
                    self.assertIn(SECRET_A, response.text)
                    self.assertNotIn(SECRET_B, response.text)
                    # Another company through the options or the context: refused or
                    # without its lines.
                    for query in (
                        {"options": {"company_id": self.company_b.id}},
                        {"context": {"allowed_company_ids": self.company_b.ids}},
                    ):
                        response = self.fetch(
                            role, converter, STATEMENT, self.customer.ids, **query
                        )
                        self.assertIn(response.status_code, (200, 400, 403), query)
                        self.assertNotIn(SECRET_B, response.text, query)

    @mute_logger("odoo.http", "odoo.addons.web.controllers.report")
    def test_receipt_routes(self):
        for converter in ("html", "pdf"):
            for role in ("salesman", "billing", "accountant"):
                with self.subTest(converter=converter, role=role):
                    response = self.fetch(role, converter, RECEIPT, self.deposit_a.ids)
                    self.assertEqual(response.status_code, 200, response.text[:300])
                    self.assertIn(SECRET_A, response.text)
            refused = [
                ("portal", self.deposit_a),
                ("internal", self.deposit_a),
                ("salesman2", self.deposit_a),
                ("billing", self.deposit_b),
                ("accountant", self.deposit_b),
            ]
            for role, deposit in refused:
                with self.subTest(converter=converter, role=role, deposit=deposit.name):
                    response = self.fetch(role, converter, RECEIPT, deposit.ids)
                    self.assertIn(response.status_code, (400, 403), response.text[:300])
                    self.assertNotIn(SECRET_A, response.text)
                    self.assertNotIn(SECRET_B, response.text)
