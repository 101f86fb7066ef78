# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who may do what (R28, R29): every role against every action, through the ORM as that user.

The expected tables are ``EXPECTED`` (customer deposits) and ``VENDOR_EXPECTED`` (vendor
deposits: the same actions on a vendor deposit and a bill, and the vendor's own screens). A
denial is an AccessError or a UserError, and must write nothing (the rows of the deposits,
applications, entries, items, partials, payments, companies and deposit numbers are compared
before and after: ``ledger_snapshot``). Each cell runs in its own savepoint.
"""

from contextlib import closing

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CustomerDepositCommon

ROLES = ("billing", "accountant", "readonly", "salesman", "portal", "other_company")
Y, N = True, False
# action: allowed for billing, accountant, readonly, salesman, portal, other_company
EXPECTED = {
    "create": (Y, Y, N, Y, N, N),  # a salesman: for his own order only
    "post": (Y, Y, N, Y, N, N),  # a salesman: a deposit of his own order only
    "apply": (Y, Y, N, N, N, N),
    "unapply": (Y, Y, N, N, N, N),
    "refund": (N, Y, N, N, N, N),
    "reverse": (N, Y, N, N, N, N),
    "forfeit": (N, Y, N, N, N, N),
    "settings": (N, N, N, N, N, N),  # Settings administrators only (base.group_system)
    "report_unapplied": (Y, Y, Y, N, N, N),
    "report_receipt": (Y, Y, Y, Y, N, N),
}
# The vendor side: money paid to vendors is for billing and accounting users only, salesmen
# are refused every vendor action (they do not even see vendor deposits).
VENDOR_EXPECTED = {
    "vendor_create": (Y, Y, N, N, N, N),
    "vendor_post": (Y, Y, N, N, N, N),
    "vendor_apply": (Y, Y, N, N, N, N),
    "vendor_unapply": (Y, Y, N, N, N, N),
    "vendor_credit": (Y, Y, N, N, N, N),
    "vendor_refund": (N, Y, N, N, N, N),
    "vendor_reverse": (N, Y, N, N, N, N),
    "vendor_forfeit": (N, Y, N, N, N, N),
    "vendor_settings": (N, N, N, N, N, N),  # on the company: Settings administrators only
    "vendor_settings_dialog": (N, Y, N, N, N, N),  # the Deposit Settings dialog: accountants
    "vendor_report_unapplied": (Y, Y, Y, N, N, N),
    "vendor_report_receipt": (Y, Y, Y, N, N, N),  # the payment advice
    "vendor_statement": (Y, Y, Y, N, N, N),
}


@tagged("post_install", "-at_install")
class TestAccessMatrix(CustomerDepositCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.env["res.company"].create({"name": "Access Other Company"})
        cls.setup_role_users("billing", "accountant", "readonly", "salesman", "portal")
        cls.users["other_company"] = cls.create_role_user(
            "accountant", "cd_other_company", cls.other_company
        )
        cls.order = cls.create_order(500.0, user_id=cls.users["salesman"].id)

    # -------------------------------------------------------------------------
    # Fixtures (as the test's administrator) and actions (as the user)
    # -------------------------------------------------------------------------

    @staticmethod
    def _side(action):
        """(partner_type, the action on a deposit of that side) of a matrix ``action``."""
        if action.startswith("vendor_"):
            return "supplier", action.removeprefix("vendor_")
        return "customer", action

    def _fixture(self, action):
        side, action = self._side(action)
        post = action not in ("create", "post")
        # A customer deposit of the salesman's order; a vendor deposit, of no order.
        order_vals = {"sale_order_id": self.order.id} if side == "customer" else {}
        deposit = self.create_deposit(amount=300.0, post=post, partner_type=side, **order_vals)
        move_type = "out_invoice" if side == "customer" else "in_invoice"
        fixture = {"deposit": deposit}
        if action == "apply":
            fixture["invoice"] = self.create_invoice(amount=200.0, move_type=move_type)
        if action == "unapply":
            fixture["application"] = deposit.apply_to_invoice(
                self.create_invoice(amount=200.0, move_type=move_type)
            )
        return fixture

    def _vals(self, side="customer"):
        order_vals = {"sale_order_id": self.order.id} if side == "customer" else {}
        return {
            "partner_type": side,
            "partner_id": self.customer.id,
            "company_id": self.company.id,
            **order_vals,
            "amount": 75.0,
            "journal_id": self.bank_journal.id,
            "payment_reference": "MATRIX",
        }

    def _do(self, action, user, fixture):
        env = self.env(user=user, context={"allowed_company_ids": user.company_ids.ids})
        deposit = fixture["deposit"].with_env(env)
        side, action = self._side(action)
        if action == "create":
            env["customer.deposit"].create(self._vals(side))
        elif action == "post":
            deposit.action_post()
        elif action == "apply":
            deposit.apply_to_invoice(fixture["invoice"].id, amount=100.0)
        elif action == "unapply":
            fixture["application"].with_env(env).action_unapply()
        elif action == "refund":
            deposit.refund(amount=50.0)
        elif action == "reverse":
            deposit.reverse(reason="matrix")
        elif action == "forfeit":
            deposit.forfeit(amount=50.0)
        elif action == "credit":
            deposit.convert_to_credit(amount=50.0)
        elif action == "settings" and side == "customer":
            self.company.with_env(env).write(
                {
                    "deposit_auto_apply": "never",
                    "deposit_account_id": self.company.deposit_account_id.id,
                }
            )
        elif action == "settings":
            self.company.with_env(env).write(
                {
                    "vendor_deposit_auto_apply": "never",
                    "vendor_deposit_account_id": self.company.vendor_deposit_account_id.id,
                }
            )
        elif action == "settings_dialog":
            Settings = env["customer.deposit.settings"]
            values = self.company.read(Settings._settings_fields())[0]
            values = self.company._convert_to_write(values)
            values.pop("id", None)
            values.update({"company_id": self.company.id, "vendor_deposit_auto_apply": "never"})
            Settings.create(values).action_save()
            self.assertEqual(self.company.vendor_deposit_auto_apply, "never")
        elif action == "report_unapplied":
            wizard = env["customer.deposit.unapplied.wizard"].create(
                {"company_id": self.company.id}
            )
            action_vals = wizard.action_open_report()
            lines = env[action_vals["res_model"]].search(action_vals["domain"])
            self.assertIn(fixture["deposit"], lines.deposit_id)
        elif action == "report_receipt":
            content, _format = env["ir.actions.report"]._render_qweb_pdf(
                "customer_deposit.action_report_deposit_receipt", deposit.ids
            )
            self.assertIn(fixture["deposit"].name, str(content))
        elif action == "statement":
            today = fields.Date.today()
            values = env["report.customer_deposit.report_deposit_statement"]._get_report_values(
                self.customer.ids,
                data={
                    "company_id": self.company.id,
                    "partner_type": side,
                    "date_from": fields.Date.to_string(today.replace(month=1, day=1)),
                    "date_to": fields.Date.to_string(today),
                },
            )
            names = [row["deposit_name"] for row in values["lines"][self.customer.id]]
            self.assertIn(fixture["deposit"].name, names)

    # -------------------------------------------------------------------------
    # Test
    # -------------------------------------------------------------------------

    def test_access_matrix(self):
        self.check_matrix(EXPECTED)

    def test_vendor_access_matrix(self):
        self.check_matrix(VENDOR_EXPECTED)

    def check_matrix(self, expected):
        """Each action of ``expected`` by each role, in a savepoint of its own: allowed or
        refused as expected, a refusal writing nothing."""
        mismatches = []
        for action, allowed_by_role in expected.items():
            for role, allowed in zip(ROLES, allowed_by_role):
                with closing(self.env.cr.savepoint()):
                    fixture = self._fixture(action)
                    before = self.ledger_snapshot()
                    # Read as the user from the database, not from the administrator's cache.
                    self.env.invalidate_all()
                    try:
                        if action.endswith("create"):
                            # The ORM inserts, then checks the record rules (the request is
                            # rolled back): the user's call gets its own savepoint.
                            with self.env.cr.savepoint():
                                self._do(action, self.users[role], fixture)
                        else:
                            self._do(action, self.users[role], fixture)
                        outcome = True
                    except (AccessError, UserError) as error:
                        outcome = False
                        message = str(error)
                        self.assertFalse(
                            self.ledger_changes(before, self.ledger_snapshot()),
                            f"{role} refused {action} ({message}) but something was written",
                        )
                    if outcome != allowed:
                        mismatches.append(
                            f"{role} {action}: expected {'allow' if allowed else 'deny'}, got "
                            f"{'allowed' if outcome else 'denied: ' + message}"
                        )
                self.env.invalidate_all()
        self.assertFalse(mismatches, "\n".join(mismatches))
