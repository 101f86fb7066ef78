# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who may do what (R28, R29): every role against every action, through the ORM as that user.

The expected table is ``EXPECTED`` below. A denial is an AccessError or a UserError, and
must write nothing (the rows of the deposits, applications, entries, items, partials,
payments and companies are compared before and after: ``ledger_snapshot``). Each cell runs
in its own savepoint.
"""

from contextlib import closing

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

    def _fixture(self, action):
        post = action not in ("create", "post")
        deposit = self.create_deposit(amount=300.0, post=post, sale_order_id=self.order.id)
        fixture = {"deposit": deposit}
        if action == "apply":
            fixture["invoice"] = self.create_invoice(amount=200.0)
        if action == "unapply":
            fixture["application"] = deposit.apply_to_invoice(self.create_invoice(amount=200.0))
        return fixture

    def _vals(self):
        return {
            "partner_id": self.customer.id,
            "company_id": self.company.id,
            "sale_order_id": self.order.id,
            "amount": 75.0,
            "journal_id": self.bank_journal.id,
            "payment_reference": "MATRIX",
        }

    def _do(self, action, user, fixture):
        env = self.env(user=user, context={"allowed_company_ids": user.company_ids.ids})
        deposit = fixture["deposit"].with_env(env)
        if action == "create":
            env["customer.deposit"].create(self._vals())
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
        elif action == "settings":
            self.company.with_env(env).write(
                {
                    "deposit_auto_apply": "never",
                    "deposit_account_id": self.company.deposit_account_id.id,
                }
            )
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

    # -------------------------------------------------------------------------
    # Test
    # -------------------------------------------------------------------------

    def test_access_matrix(self):
        mismatches = []
        for action, allowed_by_role in EXPECTED.items():
            for role, allowed in zip(ROLES, allowed_by_role):
                with closing(self.env.cr.savepoint()):
                    fixture = self._fixture(action)
                    before = self.ledger_snapshot()
                    # Read as the user from the database, not from the administrator's cache.
                    self.env.invalidate_all()
                    try:
                        if action == "create":
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
