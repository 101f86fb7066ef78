# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CustomerDepositStatementWizard(models.TransientModel):
    """Asks the period of a customer's (or vendor's) deposit statement and prints it."""

    _name = "customer.deposit.statement.wizard"
    _description = "Customer Deposit Statement: Period"

    partner_type = fields.Selection(
        selection=lambda self: self.env["customer.deposit"]._fields["partner_type"].selection,
        string="Deposits",
        required=True,
        default="customer",
        help="The customer deposits of customers, or the vendor deposits paid to vendors.",
    )
    partner_ids = fields.Many2many(
        comodel_name="res.partner",
        string="Partners",
        required=True,
        default=lambda self: self._default_partner_ids(),
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.company,
        domain=lambda self: [("id", "in", self.env.companies.ids)],
    )
    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(month=1, day=1),
    )
    date_to = fields.Date(string="To", required=True, default=fields.Date.context_today)

    # -------------------------------------------------------------------------
    # HELPERS
    # -------------------------------------------------------------------------

    @api.model
    def _default_partner_ids(self):
        if self.env.context.get("active_model") == "res.partner":
            partners = self.env["res.partner"].browse(self.env.context.get("active_ids", []))
            return partners.commercial_partner_id.ids
        return []

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise UserError(_("The period starts after it ends: swap the dates."))

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def action_print(self):
        """Print the deposit statement of the partners over the period (PDF)."""
        self.ensure_one()
        action = self.env.ref("customer_deposit.action_report_deposit_statement").report_action(
            self.partner_ids.commercial_partner_id,
            data={
                "date_from": fields.Date.to_string(self.date_from),
                "date_to": fields.Date.to_string(self.date_to),
                "company_id": self.company_id.id,
                "partner_type": self.partner_type,
                # The web client passes no ids along with data: the report reads them here.
                "partner_ids": self.partner_ids.commercial_partner_id.ids,
            },
        )
        if action.get("type") == "ir.actions.report":
            # The dialog closes once the PDF is downloaded.
            action["close_on_report_download"] = True
        return action
