# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models

from .deposit_sides import DEPOSIT_SIDES


class CustomerDepositAvailableMixin(models.AbstractModel):
    """The notice of Odoo's dialogs that take or send money (an invoice's or a bill's Pay, a
    sales order's Create Invoice): the customer already paid deposits that are not applied
    yet (or the company already paid the vendor some), so that nobody collects or pays the
    same money twice without knowing. Computed as the user: nothing for a user who may not
    read deposits, only the deposits he may read otherwise.

    A model using it sets ``_deposit_available_depends`` and returns the partners, the
    company and the side concerned from ``_get_deposit_available_scope``.
    """

    _name = "customer.deposit.available.mixin"
    _description = "Available customer deposits notice"
    _deposit_available_depends = ()

    deposit_available_ids = fields.Many2many(
        comodel_name="customer.deposit",
        string="Available Deposits",
        compute="_compute_deposit_available",
        compute_sudo=False,
        help="Posted deposits of the customer with a balance left.",
    )
    deposit_available_amount = fields.Monetary(
        string="Deposits Available",
        compute="_compute_deposit_available",
        compute_sudo=False,
        currency_field="deposit_available_currency_id",
        help="Unapplied balance of the available deposits, in the company's currency.",
    )
    deposit_available_currency_id = fields.Many2one(
        comodel_name="res.currency",
        compute="_compute_deposit_available",
        compute_sudo=False,
    )

    # -------------------------------------------------------------------------
    # HELPERS
    # -------------------------------------------------------------------------

    def _get_deposit_available_scope(self):
        """(partners, company, partner_type) whose available deposits the notice shows."""
        self.ensure_one()
        return self.env["res.partner"], self.env["res.company"], "customer"

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends(lambda self: self._deposit_available_depends)
    def _compute_deposit_available(self):
        for record in self:
            partners, company, partner_type = record._get_deposit_available_scope()
            deposits = self.env["customer.deposit"]._get_available_deposits(
                partners, company, partner_type
            )
            record.deposit_available_ids = deposits
            record.deposit_available_currency_id = company.currency_id
            record.deposit_available_amount = sum(deposits.mapped("amount_residual_company"))

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def action_view_available_deposits(self):
        """The available deposits, in the deposits list."""
        self.ensure_one()
        partner_type = self._get_deposit_available_scope()[2]
        action = self.env["ir.actions.act_window"]._for_xml_id(
            DEPOSIT_SIDES[partner_type]["action"]
        )
        action.update(
            {
                "name": _("Available Deposits"),
                "domain": [("id", "in", self.deposit_available_ids.ids)],
                "context": {"create": False},
            }
        )
        return action
