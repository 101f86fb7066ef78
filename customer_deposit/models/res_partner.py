# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, fields, models

from .deposit_sides import DEPOSIT_SIDES


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "customer.deposit.requirement.mixin"]

    # The customer's default requirement for its sales orders, per company (empty: the
    # payment terms decide; "No deposit": none, whatever the payment terms say).
    deposit_required_type = fields.Selection(
        company_dependent=True,
        help="Deposit required before confirming this customer's sales orders in this "
        "company. Empty: the order's payment terms decide. No deposit: none is required, "
        "whatever the payment terms say.",
    )
    deposit_required_percent = fields.Float(company_dependent=True)
    # A company-dependent field cannot be Monetary: a Float in the company's currency.
    deposit_required_fixed = fields.Float(
        string="Required Deposit Amount",
        company_dependent=True,
        digits="Account",
        help="Amount in the company's currency (converted to the order's currency at the "
        "order date).",
    )

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
    vendor_deposit_balance = fields.Monetary(
        string="Vendor Deposits Held",
        compute="_compute_deposit_balance",
        currency_field="currency_id",
        groups="account.group_account_invoice,account.group_account_readonly",
        help="Balance of the vendor on the company's vendor deposit account: money paid to "
        "the vendor and not yet applied to bills, refunded or forfeited. Separate from the "
        "payable.",
    )
    vendor_deposit_count = fields.Integer(
        compute="_compute_deposit_balance",
        groups="account.group_account_invoice,account.group_account_readonly",
    )

    def _get_deposits_domain(self, partner_type="customer"):
        """The deposits of ``partner_type`` the Deposits button counts and opens: the
        commercial entity's (a contact shows its company's), all but cancelled drafts."""
        return [
            ("partner_id", "in", self.commercial_partner_id.ids),
            ("partner_type", "=", partner_type),
            ("state", "!=", "cancel"),
        ]

    def _compute_deposit_balance(self):
        """Per side: the partner's balance on the side's deposit accounts (positive: what
        the company owes the customer, what the vendor owes the company) and the count of
        its deposits."""
        company = self.env.company
        commercial = self.commercial_partner_id
        fields_by_side = {
            "customer": ("deposit_balance", "deposit_count"),
            "supplier": ("vendor_deposit_balance", "vendor_deposit_count"),
        }
        accounts_by_side = company._get_deposit_accounts_by_side()
        for partner_type, (balance_field, count_field) in fields_by_side.items():
            balances = {}
            accounts = accounts_by_side[partner_type]
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
                    self._get_deposits_domain(partner_type), ["partner_id"], ["__count"]
                )
            )
            sign = DEPOSIT_SIDES[partner_type]["sign"]
            for partner in self:
                partner[balance_field] = sign * balances.get(partner.commercial_partner_id, 0.0)
                partner[count_field] = counts.get(partner.commercial_partner_id, 0)

    def _action_view_deposits(self, partner_type):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            DEPOSIT_SIDES[partner_type]["action"]
        )
        action["domain"] = self._get_deposits_domain(partner_type)
        action["context"] = {
            "default_partner_id": self.commercial_partner_id.id,
            "default_partner_type": partner_type,
            "search_default_filter_open": 0,
        }
        action["name"] = _("Deposits of %s", self.commercial_partner_id.display_name)
        return action

    def action_view_deposits(self):
        return self._action_view_deposits("customer")

    def action_view_vendor_deposits(self):
        return self._action_view_deposits("supplier")

    def _action_register_deposit(self, partner_type):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Register Deposit"),
            "res_model": "customer.deposit.register",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_partner_id": self.commercial_partner_id.id,
                "default_partner_type": partner_type,
            },
        }

    def action_register_deposit(self):
        """Open the Register Deposit dialog for this customer (its commercial entity), with
        no order: the dialog posts the deposit and comes back here."""
        return self._action_register_deposit("customer")

    def action_register_vendor_deposit(self):
        """Open the Register Deposit dialog paying a deposit to this vendor."""
        return self._action_register_deposit("supplier")
