# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    deposit_balance = fields.Monetary(
        string="Deposits Held",
        compute="_compute_deposit_balance",
        currency_field="currency_id",
        groups="account.group_account_invoice,account.group_account_readonly",
        help="Balance of the customer on the company's deposit account: money received and not "
        "yet applied, refunded or forfeited. Separate from the receivable.",
    )
    deposit_count = fields.Integer(
        compute="_compute_deposit_balance",
        groups="account.group_account_invoice,account.group_account_readonly",
    )

    def _get_deposits_domain(self):
        """The deposits the Deposits button counts and opens: the commercial entity's (a
        contact shows its company's), all but cancelled drafts."""
        return [
            ("partner_id", "in", self.commercial_partner_id.ids),
            ("state", "!=", "cancel"),
        ]

    def _compute_deposit_balance(self):
        company = self.env.company
        commercial = self.commercial_partner_id
        balances = {}
        accounts = company._get_deposit_accounts()
        if accounts and commercial.ids:
            balances = dict(
                self.env["account.move.line"]._read_group(
                    [
                        ("account_id", "in", accounts.ids),
                        ("partner_id", "in", commercial.ids),
                        ("parent_state", "=", "posted"),
                        ("company_id", "=", company.id),
                    ],
                    ["partner_id"],
                    ["balance:sum"],
                )
            )
        counts = dict(
            self.env["customer.deposit"]._read_group(
                self._get_deposits_domain(), ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.deposit_balance = -balances.get(partner.commercial_partner_id, 0.0)
            partner.deposit_count = counts.get(partner.commercial_partner_id, 0)

    def action_view_deposits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_deposit.action_customer_deposit"
        )
        action["domain"] = self._get_deposits_domain()
        action["context"] = {
            "default_partner_id": self.commercial_partner_id.id,
            "search_default_filter_open": 0,
        }
        action["name"] = _("Deposits of %s", self.commercial_partner_id.display_name)
        return action

    def action_register_deposit(self):
        """Open the Register Deposit dialog for this customer (its commercial entity), with
        no order: the dialog posts the deposit and comes back here."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Register Deposit"),
            "res_model": "customer.deposit.register",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_partner_id": self.commercial_partner_id.id},
        }
